// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TrainedModels.h"

#include "model/Predictor.h"
#include "util/AtomicFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>
#include <algorithm>
#include <string_view>

namespace archscope {

namespace {

QString sidecar(const QString& model, const QString& suffix)
{
    QString base = model;
    if (base.endsWith(QStringLiteral(".safetensors")))
        base.chop(QStringLiteral(".safetensors").size());
    return base + suffix;
}

void writeJsonAtomically(const QString& path, const QJsonObject& object)
{
    const QByteArray json = QJsonDocument(object).toJson();
    writeFileAtomically(QFile::encodeName(path).toStdString(), [&](const std::string& temp) {
        writeBytes(temp, std::string_view(json.constData(), std::size_t(json.size())), QFile::encodeName(path).toStdString());
    });
}

} // namespace

TrainedModels::TrainedModels(QString folder) : folder_(std::move(folder)) {}

QString TrainedModels::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("models"));
}

QString TrainedModels::save(const Predictor& predictor, std::size_t trainSize, const QString& stopReason,
                            const RunCurves& curves, QString* error) const
{
    if (!QDir().mkpath(folder_)) {
        *error = tr("cannot create the folder %1").arg(QDir::toNativeSeparators(folder_));
        return {};
    }
    const QDateTime now = QDateTime::currentDateTime();
    // Date and time name the run: files sort as the runs happened, and two runs never share a name.
    const QString stem = QDir(folder_).filePath(now.toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('-')
                                                + QString::fromStdString(predictor.kind()));
    QString base = stem;
    for (int n = 2; QFile::exists(base + QStringLiteral(".safetensors")); ++n)
        base = stem + QStringLiteral("-%1").arg(n);
    const QString model = base + QStringLiteral(".safetensors");
    try {
        predictor.save(QFile::encodeName(model).toStdString());
        double bestTau = 0;
        for (const RunCurves::Epoch& e : curves.epochs)
            bestTau = std::max(bestTau, e.kendallTau);
        const QJsonObject about{{QStringLiteral("name"), QString::fromStdString(predictor.name())},
                                {QStringLiteral("kind"), QString::fromStdString(predictor.kind())},
                                {QStringLiteral("budget_epochs"), predictor.budgetEpochs()},
                                {QStringLiteral("train_size"), qint64(trainSize)},
                                {QStringLiteral("best_validation_tau"), bestTau},
                                {QStringLiteral("stop_reason"), stopReason},
                                {QStringLiteral("date"), now.toString(Qt::ISODate)}};
        writeJsonAtomically(base + QStringLiteral(".json"), about);
    } catch (const std::exception& e) {
        *error = QString::fromStdString(e.what());
        return {};
    }
    if (!curves.save(base + QStringLiteral(".run.json"), error))
        return {};
    return model;
}


TrainedModels::Entry TrainedModels::entry(const QString& model) const
{
    Entry e;
    e.model = model;
    e.name = QFileInfo(model).completeBaseName();
    QFile file(sidecar(model, QStringLiteral(".json")));
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonObject about = QJsonDocument::fromJson(file.readAll()).object();
        if (!about.value(QStringLiteral("name")).toString().isEmpty())
            e.name = about.value(QStringLiteral("name")).toString();
        e.kind = about.value(QStringLiteral("kind")).toString();
        e.trainSize = about.value(QStringLiteral("train_size")).toInteger(-1);
        if (about.contains(QStringLiteral("best_validation_tau")))
            e.bestTau = about.value(QStringLiteral("best_validation_tau")).toDouble();
        e.stopReason = about.value(QStringLiteral("stop_reason")).toString();
        e.date = QDateTime::fromString(about.value(QStringLiteral("date")).toString(), Qt::ISODate);
    }
    if (!e.date.isValid())
        e.date = QFileInfo(model).lastModified();
    return e;
}

QList<TrainedModels::Entry> TrainedModels::entries() const
{
    QList<Entry> out;
    for (const QString& model : models())
        out.append(entry(model));
    return out;
}

std::optional<RunCurves> TrainedModels::newestRun() const
{
    QStringList kept = models();
    // The names start with the date and time of the run.
    std::reverse(kept.begin(), kept.end());
    for (const QString& model : kept) {
        const QString path = sidecar(model, QStringLiteral(".run.json"));
        QString error;
        if (QFile::exists(path))
            if (std::optional<RunCurves> run = RunCurves::load(path, &error); run && !run->epochs.empty())
                return run;
    }
    return std::nullopt;
}

bool TrainedModels::rename(const QString& model, const QString& name, QString* error) const
{
    const QString path = sidecar(model, QStringLiteral(".json"));
    QJsonObject about;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        about = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    about.insert(QStringLiteral("name"), name);
    try {
        writeJsonAtomically(path, about);
    } catch (const std::exception& e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

bool TrainedModels::remove(const QString& model, QString* error) const
{
    for (const QString& path : {model, sidecar(model, QStringLiteral(".json")), sidecar(model, QStringLiteral(".run.json"))}) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            *error = tr("cannot remove %1").arg(QDir::toNativeSeparators(path));
            return false;
        }
    }
    return true;
}

NamedPredictor::NamedPredictor(std::shared_ptr<const Predictor> predictor, std::string name)
    : predictor_(std::move(predictor)), name_(std::move(name))
{
}

void NamedPredictor::setName(std::string name)
{
    const std::lock_guard<std::mutex> lock(mutex_);
    name_ = std::move(name);
}

std::string NamedPredictor::name() const
{
    const std::lock_guard<std::mutex> lock(mutex_);
    return name_;
}

QStringList TrainedModels::models() const
{
    QStringList paths;
    const QDir dir(folder_);
    for (const QString& name : dir.entryList({QStringLiteral("*.safetensors")}, QDir::Files, QDir::Name))
        paths.append(dir.filePath(name));
    return paths;
}

} // namespace archscope
