// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TrainedModels.h"

#include "model/Predictor.h"
#include "util/AtomicFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>
#include <fstream>

namespace archscope {

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
        const QByteArray json = QJsonDocument(about).toJson();
        writeFileAtomically(QFile::encodeName(base + QStringLiteral(".json")).toStdString(), [&](const std::string& temp) {
            std::ofstream out(temp, std::ios::binary);
            out.write(json.constData(), json.size());
            if (!out)
                throw std::runtime_error(temp + ": cannot write");
        });
    } catch (const std::exception& e) {
        *error = QString::fromStdString(e.what());
        return {};
    }
    if (!curves.save(base + QStringLiteral(".run.json"), error))
        return {};
    return model;
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
