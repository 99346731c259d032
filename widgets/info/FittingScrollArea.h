// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QScrollArea>

namespace archscope {

// A scroll area that scrolls up and down only: it asks its layout for the width its widget needs (the
// widget's minimum width, the frame and a vertical scroll bar), so a dock holding it never gets narrower
// than its content, whatever the window size or language, and nothing is cut off at the side.
class FittingScrollArea : public QScrollArea {
    Q_OBJECT
public:
    explicit FittingScrollArea(QWidget* parent = nullptr);

    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace archscope
