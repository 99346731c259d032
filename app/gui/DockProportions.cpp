// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "DockProportions.h"

#include <QDockWidget>
#include <QEvent>
#include <QLayout>
#include <QList>
#include <QMainWindow>
#include <QMap>

#include <cstdlib>

namespace archscope {

namespace {

// Shown and docked, and not a tab hidden behind another of its group (which keeps isVisible()).
bool holdsPlace(const QDockWidget* dock)
{
    return dock->isVisible() && !dock->isFloating() && !dock->visibleRegion().isEmpty();
}

} // namespace

DockProportions::DockProportions(QMainWindow* window) : QObject(window), window_(window)
{
    // After the layout has handled the resize, which it does before the window's event filters see it.
    restoreSoon_.setSingleShot(true);
    restoreSoon_.setInterval(0);
    connect(&restoreSoon_, &QTimer::timeout, this, &DockProportions::restore);
    window_->installEventFilter(this);
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly))
        dock->installEventFilter(this);
}

void DockProportions::remember()
{
    shares_.clear();
    basis_ = window_->size();
    if (basis_.isEmpty())
        return;
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly))
        if (holdsPlace(dock))
            shares_.insert(dock, QSizeF(double(dock->width()) / basis_.width(), double(dock->height()) / basis_.height()));
}

void DockProportions::restore()
{
    // Per dock area: its width from its first dock, and its docks' heights among themselves (the
    // docks of an area are stacked; those of a tab group share one place, the shown one holds it).
    QMap<int, QList<QDockWidget*>> byArea;
    for (auto it = shares_.cbegin(); it != shares_.cend(); ++it)
        if (holdsPlace(it.key()))
            byArea[int(window_->dockWidgetArea(it.key()))] << it.key();
    QList<QDockWidget*> columns;
    QList<int> widths;
    restoring_ = true;
    for (const QList<QDockWidget*>& docks : byArea) {
        columns << docks.front();
        widths << qRound(shares_.value(docks.front()).width() * window_->width());
        QList<int> heights;
        for (QDockWidget* dock : docks)
            heights << qRound(shares_.value(dock).height() * window_->height());
        if (docks.size() > 1)
            resize(docks, heights, Qt::Vertical);
    }
    if (columns.size() > 1)
        resize(columns, widths, Qt::Horizontal);
    restoring_ = false;
    basis_ = window_->size();
}

void DockProportions::resize(const QList<QDockWidget*>& docks, const QList<int>& sizes, Qt::Orientation o)
{
    const auto extent = [o](const QDockWidget* d) { return o == Qt::Horizontal ? d->width() : d->height(); };
    // resizeDocks respects the docks' minimum sizes and spreads what is left over by these proportions.
    // Its sizes are of the docks' places, which hold a tab group's tab bar too: where the docks
    // come out off by that much, once more with the difference made up.
    window_->resizeDocks(docks, sizes, o);
    window_->layout()->activate();
    QList<int> corrected;
    bool off = false;
    for (int i = 0; i < docks.size(); ++i) {
        const int miss = sizes[i] - extent(docks[i]);
        off = off || std::abs(miss) > 1;
        corrected << sizes[i] + miss;
    }
    if (!off)
        return;
    window_->resizeDocks(docks, corrected, o);
    window_->layout()->activate();
}

bool DockProportions::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Resize) {
        if (watched == window_) {
            if (!shares_.isEmpty())
                restoreSoon_.start();
        } else if (!restoring_ && window_->size() == basis_) {
            // A dock changed size while the window kept its own: the user arranged the docks (a
            // separator dragged, a dock shown, moved or floated, the layout reset).
            remember();
        }
    } else if (watched == window_ && event->type() == QEvent::Show && shares_.isEmpty()) {
        remember();
    }
    return QObject::eventFilter(watched, event);
}

} // namespace archscope
