// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLocale>
#include <QString>

namespace archscope {

// A percentage in the user's locale: "92.90 %" in English, "92,90 %" in German. The no-break space
// keeps the number and its sign on one line. Every number a person reads goes through QLocale, never
// QString::arg(double), which always writes C-locale digits.
inline QString percentText(double percent, int decimals)
{
    return QLocale().toString(percent, 'f', decimals) + QStringLiteral("\u00a0%");
}

} // namespace archscope
