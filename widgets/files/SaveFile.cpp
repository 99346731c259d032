// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "files/SaveFile.h"

#include "util/TextFiles.h"

#include <QFile>

#include <ostream>
#include <stdexcept>

namespace archscope {

bool saveFile(const QString& path, const QByteArray& bytes, QString* error)
{
    try {
        writeTextFile(QFile::encodeName(path).toStdString(),
                      [&](std::ostream& out) { out.write(bytes.constData(), static_cast<std::streamsize>(bytes.size())); });
    } catch (const std::exception& e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

} // namespace archscope
