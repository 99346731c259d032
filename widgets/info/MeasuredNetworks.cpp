// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "info/MeasuredNetworks.h"

#include "files/SaveFile.h"

#include "network/NetworkTraining.h"
#include "util/Errors.h"
#include "util/TextFiles.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace archscope {

MeasuredNetworks::MeasuredNetworks(const QString& path, QObject* parent) : QObject(parent), path_(path)
{
    reload();
}

QString MeasuredNetworks::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("measured-networks.jsonl"));
}

QString MeasuredNetworks::checkpointFolder() const
{
    return QFileInfo(path_).dir().filePath(QStringLiteral("networks"));
}

QString MeasuredNetworks::newCheckpointPath(const ModuleHash& hash) const
{
    const QString folder = checkpointFolder();
    if (!QDir().mkpath(folder))
        return {};
    return QDir(folder).filePath(QString::fromStdString(hash.hex()) + QLatin1Char('-')
                                 + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QStringLiteral(".ckpt"));
}

QStringList MeasuredNetworks::checkpointsOf(const ModuleHash& hash) const
{
    const QDir folder(checkpointFolder());
    QStringList paths;
    // The names sort by their time stamps; newest first.
    const QStringList names = folder.entryList({QString::fromStdString(hash.hex()) + QStringLiteral("-*.ckpt")}, QDir::Files,
                                               QDir::Name | QDir::Reversed);
    for (const QString& name : names)
        paths << folder.filePath(name);
    return paths;
}

void MeasuredNetworks::reload()
{
    byHash_.clear();
    if (QFileInfo::exists(path_)) {
        try {
            forEachJsonlLine(QFile::encodeName(path_).toStdString(), [this](const std::string& line, const std::string& where) {
                addLine(line, where);
                return true;
            });
        } catch (const std::runtime_error&) {
            // An unreadable rest of the file: the results before it still show.
        }
    }
    Q_EMIT changed();
}

void MeasuredNetworks::addLine(const std::string& line, const std::string& where)
{
    NetTrainingRecord r;
    try {
        r = parseNetTrainingRecord(line, where);
    } catch (const DataError&) {
        return;
    }
    if (!r.testAccuracy)
        return;
    Measurement m;
    m.validationAccuracy = r.validationAccuracy;
    m.testAccuracy = *r.testAccuracy;
    m.task = QString::fromStdString(r.task);
    m.epochs = r.epochs;
    byHash_[r.hash] = m;
}

bool MeasuredNetworks::append(const QString& jsonLine, QString* error)
{
    const QByteArray line = jsonLine.trimmed().toUtf8();
    QByteArray bytes;
    QFile existing(path_);
    if (existing.open(QIODevice::ReadOnly)) {
        bytes = existing.readAll();
        existing.close();
    } else if (existing.exists()) {
        *error = QStringLiteral("%1: %2").arg(path_, existing.errorString());
        return false;
    }
    if (!bytes.isEmpty() && !bytes.endsWith('\n'))
        bytes += '\n';
    bytes += line + '\n';
    QDir().mkpath(QFileInfo(path_).absolutePath());
    if (!saveFile(path_, bytes, error))
        return false;
    // What other windows wrote meanwhile counts too.
    reload();
    return true;
}

std::optional<MeasuredNetworks::Measurement> MeasuredNetworks::find(const ModuleHash& hash) const
{
    const auto it = byHash_.find(hash);
    return it == byHash_.end() ? std::nullopt : std::optional<Measurement>(it->second);
}

} // namespace archscope
