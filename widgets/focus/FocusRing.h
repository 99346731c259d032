// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QPointer>
#include <QWidget>

namespace archscope {

// A ring in the palette's highlight colour around whichever widget of `window` has the keyboard focus,
// drawn above everything and transparent to the mouse: some styles draw no focus indicator at all for
// tables, plots or the cell canvas, and a keyboard user must always see where the keys go.
class FocusRing : public QWidget {
    Q_OBJECT
public:
    explicit FocusRing(QWidget* window);

    // The widget the ring surrounds now; null while hidden.
    QWidget* target() const { return target_; }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void follow(QWidget* focused);
    void place();

    QPointer<QWidget> target_;
    // The target's ancestors inside the window: when a dock moves or a tab is laid out, the target
    // moves with it without a move event of its own.
    QList<QPointer<QWidget>> ancestors_;
};

} // namespace archscope
