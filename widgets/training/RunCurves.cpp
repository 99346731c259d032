// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "training/RunCurves.h"

#include "files/SaveFile.h"
#include "train/TrainingTypes.h"

#include <QFile>
#include <QStringList>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace archscope {
namespace {

constexpr int kFormatVersion = 1;

// JSON has no NaN (an undefined tau, say): it is stored as null and read back as NaN.
QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); }
double number(const QJsonValue& v) { return v.isDouble() ? v.toDouble() : std::nan(""); }

} // namespace

double RunCurves::stepX(const StepEvent& e)
{
    const double perEpoch = e.stepsPerEpoch > 0 ? e.stepsPerEpoch : 1;
    return e.epoch - 1 + e.step / perEpoch;
}

void RunCurves::add(const StepEvent& e)
{
    steps.push_back({stepX(e), e.loss});
}

void RunCurves::dropFrom(double x)
{
    steps.erase(std::remove_if(steps.begin(), steps.end(), [x](const Step& s) { return s.x >= x; }), steps.end());
    epochs.erase(std::remove_if(epochs.begin(), epochs.end(), [x](const Epoch& e) { return e.epoch >= x; }), epochs.end());
}

void RunCurves::add(const EpochEvent& e)
{
    epochs.push_back({e.epoch, e.trainLoss, e.valLoss, e.kendallTau, e.pearson, e.rmse, e.seconds, e.accuracy,
                      e.testAccuracy});
}

QString RunCurves::toCsv() const
{
    QString csv = QStringLiteral("epoch,train_loss,val_loss,kendall_tau,pearson,rmse,seconds,val_accuracy,test_accuracy\n");
    // A figure the run did not measure is an empty field.
    const auto field = [](double v) { return std::isfinite(v) ? QString::number(v, 'g', 8) : QString(); };
    for (const Epoch& e : epochs)
        csv += QString::number(e.epoch) + QLatin1Char(',')
               + QStringList{field(e.trainLoss), field(e.valLoss), field(e.kendallTau), field(e.pearson), field(e.rmse),
                             field(e.seconds), field(e.accuracy), field(e.testAccuracy)}
                     .join(QLatin1Char(','))
               + QLatin1Char('\n');
    return csv;
}

bool RunCurves::save(const QString& path, QString* error) const
{
    QJsonArray stepArray, epochArray;
    for (const Step& s : steps)
        stepArray.append(QJsonArray{s.x, number(s.loss)});
    for (const Epoch& e : epochs)
        epochArray.append(QJsonObject{{QStringLiteral("epoch"), e.epoch},
                                      {QStringLiteral("train_loss"), number(e.trainLoss)},
                                      {QStringLiteral("val_loss"), number(e.valLoss)},
                                      {QStringLiteral("kendall_tau"), number(e.kendallTau)},
                                      {QStringLiteral("pearson"), number(e.pearson)},
                                      {QStringLiteral("rmse"), number(e.rmse)},
                                      {QStringLiteral("seconds"), number(e.seconds)},
                                      {QStringLiteral("val_accuracy"), number(e.accuracy)},
                                      {QStringLiteral("test_accuracy"), number(e.testAccuracy)}});
    const QJsonObject root{{QStringLiteral("archscope_run"), kFormatVersion},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("steps"), stepArray},
                           {QStringLiteral("epochs"), epochArray}};
    return saveFile(path, QJsonDocument(root).toJson(QJsonDocument::Indented), error);
}

std::optional<RunCurves> RunCurves::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    if (doc.isNull()) {
        *error = QStringLiteral("%1: offset %2: %3").arg(path).arg(parse.offset).arg(parse.errorString());
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("archscope_run")).toInt() != kFormatVersion) {
        *error = QStringLiteral("%1: not an ArchScope run file (version %2 expected)").arg(path).arg(kFormatVersion);
        return std::nullopt;
    }
    RunCurves run;
    run.name = root.value(QStringLiteral("name")).toString();
    for (const QJsonValue& v : root.value(QStringLiteral("steps")).toArray()) {
        const QJsonArray pair = v.toArray();
        if (pair.size() != 2) {
            *error = QStringLiteral("%1: a step must be [x, loss]").arg(path);
            return std::nullopt;
        }
        run.steps.push_back({pair[0].toDouble(), number(pair[1])});
    }
    for (const QJsonValue& v : root.value(QStringLiteral("epochs")).toArray()) {
        const QJsonObject o = v.toObject();
        const auto field = [&o](const char* key) { return number(o.value(QLatin1String(key))); };
        run.epochs.push_back({o.value(QStringLiteral("epoch")).toInt(), field("train_loss"), field("val_loss"),
                              field("kendall_tau"), field("pearson"), field("rmse"), field("seconds"),
                              // Files saved before these fields read as a predictor's run, which has none.
                              field("val_accuracy"), field("test_accuracy")});
    }
    return run;
}

} // namespace archscope
