// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "focus/FocusRing.h"

#include <QApplication>
#include <QEvent>
#include <QPainter>

namespace archscope {

namespace {
constexpr int kWidth = 2; // the ring's line, drawn just outside the widget
}

FocusRing::FocusRing(QWidget* window) : QWidget(window)
{
    setObjectName(QStringLiteral("focusRing"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setFocusPolicy(Qt::NoFocus);
    hide();
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) { follow(now); });
}

void FocusRing::follow(QWidget* focused)
{
    if (target_)
        target_->removeEventFilter(this);
    for (const QPointer<QWidget>& a : ancestors_)
        if (a)
            a->removeEventFilter(this);
    ancestors_.clear();
    // Only what is inside this window: a dialog or a floating dock draws its own.
    target_ = focused && focused != parentWidget() && focused->window() == parentWidget() ? focused : nullptr;
    if (target_) {
        target_->installEventFilter(this);
        for (QWidget* a = target_->parentWidget(); a && a != parentWidget(); a = a->parentWidget()) {
            a->installEventFilter(this);
            ancestors_.append(a);
        }
    }
    place();
}

void FocusRing::place()
{
    if (!target_ || !target_->isVisible() || !target_->isVisibleTo(parentWidget())) {
        hide();
        return;
    }
    const QRect at(target_->mapTo(parentWidget(), QPoint(0, 0)), target_->size());
    setGeometry(at.adjusted(-kWidth - 1, -kWidth - 1, kWidth + 1, kWidth + 1));
    raise();
    show();
    update();
}

bool FocusRing::eventFilter(QObject* watched, QEvent* event)
{
    // The focused widget moved, resized or disappeared (a dock dragged, a tab switched).
    if (watched == target_ || ancestors_.contains(qobject_cast<QWidget*>(watched))) {
        switch (event->type()) {
        case QEvent::Move:
        case QEvent::Resize:
        case QEvent::Show:
        case QEvent::Hide: place(); break;
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FocusRing::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QPen pen(palette().color(QPalette::Active, QPalette::Highlight), kWidth);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(QRectF(rect()).adjusted(kWidth / 2.0, kWidth / 2.0, -kWidth / 2.0, -kWidth / 2.0), 3, 3);
}

} // namespace archscope
