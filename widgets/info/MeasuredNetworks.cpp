#include "info/MeasuredNetworks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
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

void MeasuredNetworks::reload()
{
    byHash_.clear();
    QFile file(path_);
    if (file.open(QIODevice::ReadOnly))
        for (const QByteArray& line : file.readAll().split('\n'))
            addLine(line);
    Q_EMIT changed();
}

void MeasuredNetworks::addLine(const QByteArray& line)
{
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    const auto hash = ModuleHash::fromHex(o.value(QStringLiteral("hash")).toString().toStdString());
    if (!hash || !o.value(QStringLiteral("test_accuracy")).isDouble())
        return;
    Measurement m;
    m.validationAccuracy = o.value(QStringLiteral("validation_accuracy")).toDouble();
    m.testAccuracy = o.value(QStringLiteral("test_accuracy")).toDouble();
    m.task = o.value(QStringLiteral("task")).toString();
    m.epochs = o.value(QStringLiteral("config")).toObject().value(QStringLiteral("epochs")).toInt();
    byHash_[*hash] = m;
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
    QSaveFile file(path_);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path_, file.errorString());
        return false;
    }
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
