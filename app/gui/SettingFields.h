// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QSpinBox>
#include <QString>

namespace archscope {

// A number field of the settings dialogs (Train Predictor, Train This Cell, Export Network): its range,
// starting value, object name (tests and accessibility find it by that) and tooltip, digits grouped.
inline QSpinBox* settingSpinBox(QWidget* parent, int lo, int hi, int value, const QString& name, const QString& tip)
{
    auto* s = new QSpinBox(parent);
    s->setRange(lo, hi);
    s->setValue(value);
    s->setObjectName(name);
    s->setGroupSeparatorShown(true);
    s->setToolTip(tip);
    return s;
}

} // namespace archscope
