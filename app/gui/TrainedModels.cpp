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
#include <string_view>
#include <type_traits>

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

// The settings a stopped run resumes with. The seed is written as text: JSON numbers are doubles to
// most readers, and a 64-bit seed would not survive one.
QJsonObject configToJson(const TrainingConfig& c)
{
    return {{QStringLiteral("model"), QString::fromStdString(c.model)},
            {QStringLiteral("latent_model"), QString::fromStdString(c.latentModelPath)},
            {QStringLiteral("budget_epochs"), c.budgetEpochs},
            {QStringLiteral("train_size"), qint64(c.trainSize)},
            {QStringLiteral("val_size"), qint64(c.valSize)},
            {QStringLiteral("sampler"), QString::fromStdString(c.sampler)},
            {QStringLiteral("max_train_vertices"), c.maxTrainVertices},
            {QStringLiteral("auxiliary_budgets"), c.auxiliaryBudgets},
            {QStringLiteral("pretraining_epochs"), c.pretrainingEpochs},
            {QStringLiteral("epochs"), c.epochs},
            {QStringLiteral("batch_size"), c.batchSize},
            {QStringLiteral("learning_rate"), c.learningRate},
            {QStringLiteral("weight_decay"), c.weightDecay},
            {QStringLiteral("ensemble"), c.ensemble},
            {QStringLiteral("patience"), c.patience},
            {QStringLiteral("seed"), QString::number(c.seed)},
            {QStringLiteral("device"), QString::fromStdString(c.device)},
            {QStringLiteral("node_dim"), c.nodeDim},
            {QStringLiteral("graph_dim"), c.graphDim},
            {QStringLiteral("image_task"), QString::fromStdString(c.imageTask)},
            {QStringLiteral("image_task_dir"), QString::fromStdString(c.imageTaskDir)},
            {QStringLiteral("train_images"), qint64(c.trainImages)}};
}

// nullopt when a field is missing or of the wrong type: such a run is listed, but not offered to resume.
std::optional<TrainingConfig> configFromJson(const QJsonObject& o)
{
    TrainingConfig c;
    bool ok = true;
    const auto text = [&](const char* key, std::string& out) {
        const QJsonValue v = o.value(QLatin1String(key));
        ok = ok && v.isString();
        out = v.toString().toStdString();
    };
    const auto number = [&](const char* key, auto& out) {
        const QJsonValue v = o.value(QLatin1String(key));
        ok = ok && v.isDouble();
        out = static_cast<std::remove_reference_t<decltype(out)>>(v.toDouble());
    };
    text("model", c.model);
    text("latent_model", c.latentModelPath);
    number("budget_epochs", c.budgetEpochs);
    number("train_size", c.trainSize);
    number("val_size", c.valSize);
    text("sampler", c.sampler);
    number("max_train_vertices", c.maxTrainVertices);
    ok = ok && o.value(QLatin1String("auxiliary_budgets")).isBool();
    c.auxiliaryBudgets = o.value(QLatin1String("auxiliary_budgets")).toBool();
    number("pretraining_epochs", c.pretrainingEpochs);
    number("epochs", c.epochs);
    number("batch_size", c.batchSize);
    number("learning_rate", c.learningRate);
    number("weight_decay", c.weightDecay);
    number("ensemble", c.ensemble);
    number("patience", c.patience);
    c.seed = o.value(QLatin1String("seed")).toString().toULongLong(&ok);
    text("device", c.device);
    number("node_dim", c.nodeDim);
    number("graph_dim", c.graphDim);
    text("image_task", c.imageTask);
    text("image_task_dir", c.imageTaskDir);
    number("train_images", c.trainImages);
    return ok ? std::optional<TrainingConfig>(c) : std::nullopt;
}

} // namespace

TrainedModels::TrainedModels(QString folder) : folder_(std::move(folder)) {}

QString TrainedModels::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("models"));
}

QString TrainedModels::newCheckpointPath() const
{
    const QDir dir(QDir(folder_).filePath(QStringLiteral("checkpoints")));
    QDir().mkpath(dir.path());
    const QString stem = dir.filePath(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QStringLiteral("-run"));
    QString path = stem + QStringLiteral(".ckpt");
    for (int n = 2; QFile::exists(path); ++n)
        path = stem + QStringLiteral("-%1.ckpt").arg(n);
    return path;
}

QString TrainedModels::save(const Predictor& predictor, std::size_t trainSize, const QString& stopReason,
                            const RunCurves& curves, const std::optional<StoppedRun>& stopped, QString* error,
                            const QString& replacing) const
{
    if (!QDir().mkpath(folder_)) {
        *error = tr("cannot create the folder %1").arg(QDir::toNativeSeparators(folder_));
        return {};
    }
    const QDateTime now = QDateTime::currentDateTime();
    QString base = sidecar(replacing, QString());
    QString name = replacing.isEmpty() ? QString::fromStdString(predictor.name()) : entry(replacing).name;
    if (replacing.isEmpty()) {
        // Date and time name the run: files sort as the runs happened, and two runs never share a name.
        const QString stem = QDir(folder_).filePath(now.toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('-')
                                                    + QString::fromStdString(predictor.kind()));
        base = stem;
        for (int n = 2; QFile::exists(base + QStringLiteral(".safetensors")); ++n)
            base = stem + QStringLiteral("-%1").arg(n);
    }
    const QString model = base + QStringLiteral(".safetensors");
    try {
        predictor.save(QFile::encodeName(model).toStdString());
        double bestTau = 0;
        for (const RunCurves::Epoch& e : curves.epochs)
            bestTau = std::max(bestTau, e.kendallTau);
        QJsonObject about{{QStringLiteral("name"), name},
                          {QStringLiteral("kind"), QString::fromStdString(predictor.kind())},
                          {QStringLiteral("budget_epochs"), predictor.budgetEpochs()},
                          {QStringLiteral("train_size"), qint64(trainSize)},
                          {QStringLiteral("best_validation_tau"), bestTau},
                          {QStringLiteral("stop_reason"), stopReason},
                          {QStringLiteral("date"), now.toString(Qt::ISODate)}};
        if (stopped)
            about.insert(QStringLiteral("resume"), QJsonObject{{QStringLiteral("config"), configToJson(stopped->config)},
                                                               {QStringLiteral("checkpoint"), stopped->checkpoint},
                                                               {QStringLiteral("dataset"), stopped->dataset}});
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
        const QJsonObject resume = about.value(QStringLiteral("resume")).toObject();
        const QString checkpoint = resume.value(QStringLiteral("checkpoint")).toString();
        if (const std::optional<TrainingConfig> config = configFromJson(resume.value(QStringLiteral("config")).toObject());
            config && !checkpoint.isEmpty() && QFileInfo(checkpoint).isFile())
            e.stopped = StoppedRun{*config, checkpoint, resume.value(QStringLiteral("dataset")).toString()};
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

QString TrainedModels::runCurvesPath(const QString& model)
{
    return sidecar(model, QStringLiteral(".run.json"));
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
    QStringList paths{model, sidecar(model, QStringLiteral(".json")), sidecar(model, QStringLiteral(".run.json"))};
    if (const std::optional<StoppedRun> stopped = entry(model).stopped)
        paths.prepend(stopped->checkpoint);
    for (const QString& path : paths) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            *error = tr("cannot remove %1").arg(QDir::toNativeSeparators(path));
            return false;
        }
    }
    return true;
}

bool TrainedModels::usesCheckpoint(const QString& checkpoint) const
{
    const QList<Entry> all = entries();
    return std::any_of(all.begin(), all.end(),
                       [&](const Entry& e) { return e.stopped && QFileInfo(e.stopped->checkpoint) == QFileInfo(checkpoint); });
}

void TrainedModels::removeUnusedCheckpoints() const
{
    const QDir dir(QDir(folder_).filePath(QStringLiteral("checkpoints")));
    for (const QString& name : dir.entryList({QStringLiteral("*.ckpt")}, QDir::Files))
        if (!usesCheckpoint(dir.filePath(name)))
            QFile::remove(dir.filePath(name));
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
