// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>

namespace archscope {

// Writes `bytes` to `path` the one way ArchScope writes files (core's writeTextFile: a temporary file
// beside it renamed over it, gzip-compressed for a name ending in .gz), so that the GUI's saves and
// exports keep the old content or get the whole new one, as the CLI's outputs do. False with `error`
// set to "path: reason" when it could not.
bool saveFile(const QString& path, const QByteArray& bytes, QString* error);

} // namespace archscope
