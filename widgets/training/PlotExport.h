// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>

class QCustomPlot;

namespace archscope {

// Writes plots stacked top to bottom into one file, the format chosen by the suffix: .png, .svg or
// .pdf. False with `error` naming the file when it cannot be written or the suffix is unknown.
bool exportPlots(const QList<QCustomPlot*>& plots, const QString& path, QString* error);

} // namespace archscope
