// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSize>
#include <QSizeF>
#include <QTimer>

class QDockWidget;
class QMainWindow;

namespace archscope {

// Keeps the docks of a main window in the proportions the user gave them while the window is resized.
// Without it, shrinking the window squeezes docks to their minimum sizes and growing it back hands the
// room to whichever dock Qt's layout picks, so the arrangement drifts a little with every resize.
// The proportions are taken whenever a dock changes size while the window keeps its own (the user
// dragged a separator, showed, moved or floated a dock, reset the layout), never from what a window
// resize left, and given back after each window resize.
class DockProportions : public QObject {
    Q_OBJECT
public:
    explicit DockProportions(QMainWindow* window);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void remember();
    void restore();
    void resize(const QList<QDockWidget*>& docks, const QList<int>& sizes, Qt::Orientation o);

    QMainWindow* window_;
    QHash<QDockWidget*, QSizeF> shares_; // of the window's size, for the docks shown and docked
    QSize basis_;                        // the window's size when they were taken or last given back
    bool restoring_ = false;
    QTimer restoreSoon_;
};

} // namespace archscope
