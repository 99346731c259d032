// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// QCustomPlot's header uses Qt's keyword macros, which these targets switch off (QT_NO_KEYWORDS, for
// LibTorch's sake). Include it through here, and never together with LibTorch headers.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
