// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "text/StopReasonText.h"

#include <QCoreApplication>

namespace archscope {
namespace {

// Gives the texts below one translation context, as a class's tr() would.
struct StopReasonWords {
    Q_DECLARE_TR_FUNCTIONS(archscope::StopReasonText)

public:
    static QString of(const QString& reason);
};

QString StopReasonWords::of(const QString& reason)
{
    if (reason == QLatin1String("completed"))
        return tr("completed");
    if (reason == QLatin1String("early stop"))
        return tr("stopped early");
    if (reason == QLatin1String("cancelled"))
        return tr("cancelled");
    const auto detail = [&reason](QLatin1String prefix) { return reason.mid(prefix.size()).trimmed(); };
    if (reason.startsWith(QLatin1String("diverged:")))
        return tr("diverged: %1").arg(detail(QLatin1String("diverged:")));
    if (reason.startsWith(QLatin1String("failed:")))
        return tr("failed: %1").arg(detail(QLatin1String("failed:")));
    return reason;
}

} // namespace

QString stopReasonText(const QString& reason) { return StopReasonWords::of(reason); }

} // namespace archscope
