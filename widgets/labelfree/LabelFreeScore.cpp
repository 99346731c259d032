// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "labelfree/LabelFreeScore.h"

#include "registry/PredictorRegistry.h"
#include "util/AtomicFile.h"
#include "util/Errors.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTextStream>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string_view>

namespace archscope {

LabelFreeScore::LabelFreeScore(const ZeroCostProxy& proxy) : proxy_(&proxy) {}

LabelFreeScore::LabelFreeScore(QString ghnFile, QString ghnDigest) : ghnFile_(std::move(ghnFile)), ghnDigest_(std::move(ghnDigest)) {}

std::shared_ptr<const LabelFreeScore> LabelFreeScore::ghn(const QString& modelFile)
{
    QFile file(modelFile);
    QCryptographicHash md5(QCryptographicHash::Md5);
    if (!file.open(QIODevice::ReadOnly) || !md5.addData(&file))
        throw DataError(QDir::toNativeSeparators(modelFile).toStdString() + ": " + file.errorString().toStdString());
    return std::shared_ptr<const LabelFreeScore>(new LabelFreeScore(modelFile, QString::fromLatin1(md5.result().toHex())));
}

QString LabelFreeScore::name() const
{
    return proxy_ ? QString::fromLatin1(proxy_->name.data(), qsizetype(proxy_->name.size())) : QString::fromLatin1(kGhnName);
}

ProxySettings LabelFreeScore::settings()
{
    ProxySettings s;
    s.network.stemChannels = 16;
    s.network.numStacks = 3;
    s.network.cellsPerStack = 1;
    s.batchSize = 64;
    s.seed = 0;
    return s;
}

QString LabelFreeScore::key() const
{
    if (!proxy_)
        return QStringLiteral("ghn-%1").arg(ghnDigest_);
    const ProxySettings s = settings();
    return QStringLiteral("%1-fashion-mnist-stem%2-%3x%4-batch%5-seed%6")
        .arg(name())
        .arg(s.network.stemChannels)
        .arg(s.network.numStacks)
        .arg(s.network.cellsPerStack)
        .arg(s.batchSize)
        .arg(s.seed);
}

double LabelFreeScore::score(const Cell& cell) const
{
    // Built at the first use, on whichever worker asks, so that opening the app reads no images.
    std::call_once(loaded_, [this] {
        if (proxy_) {
            scorer_ = std::make_unique<ProxyScorer>(std::vector<const ZeroCostProxy*>{proxy_}, settings(), "fashion-mnist", "");
            return;
        }
        const std::string path = QFile::encodeName(ghnFile_).toStdString();
        std::shared_ptr<const Predictor> model = loadPredictor(path);
        const PredictorKind* kind = findPredictorKind(model->kind());
        if (!kind || !kind->labelFree)
            throw DataError(path + ": a " + model->kind() + " model, not a Graph HyperNetwork");
        ghn_ = std::move(model);
    });
    if (proxy_)
        return scorer_->score(cell).front();
    // The GHN serialises its calls: the column's worker and Cell Info's may both ask.
    return static_cast<double>(ghn_->predict({cell}).front());
}

ScoreCache::ScoreCache(QString folder, const LabelFreeScore& score)
    : path_(QDir(folder).filePath(score.key() + QStringLiteral(".csv"))), column_(score.name())
{
}

QString ScoreCache::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("label-free"));
}

bool ScoreCache::load(QString* error)
{
    values_.clear();
    QFile file(path_);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path_), file.errorString());
        return false;
    }
    QTextStream in(&file);
    const QString header = in.readLine();
    if (header != QStringLiteral("hash,") + column_) {
        *error = tr("%1, line 1: expected the header \"hash,%2\"").arg(QDir::toNativeSeparators(path_), column_);
        return false;
    }
    for (int line = 2; !in.atEnd(); ++line) {
        const QString text = in.readLine();
        const qsizetype comma = text.indexOf(QLatin1Char(','));
        bool ok = false;
        const double value = comma == 32 ? text.mid(33).toDouble(&ok) : 0.0;
        const std::optional<ModuleHash> hash = comma == 32 ? ModuleHash::fromHex(text.left(32).toStdString()) : std::nullopt;
        if (!hash || !ok || !std::isfinite(value)) {
            values_.clear();
            *error = tr("%1, line %2: not a hash and a finite score").arg(QDir::toNativeSeparators(path_)).arg(line);
            return false;
        }
        values_[hash->hex()] = value;
    }
    return true;
}

bool ScoreCache::save(QString* error) const
{
    std::string text = "hash," + column_.toStdString() + "\n";
    std::vector<std::pair<std::string, double>> sorted(values_.begin(), values_.end());
    std::sort(sorted.begin(), sorted.end());
    char number[40];
    for (const auto& [hash, value] : sorted) {
        std::snprintf(number, sizeof number, "%.17g", value);
        text += hash + "," + number + "\n";
    }
    try {
        QDir().mkpath(QFileInfo(path_).path());
        const std::string path = QFile::encodeName(path_).toStdString();
        writeFileAtomically(path, [&](const std::string& temp) { writeBytes(temp, text, path); });
    } catch (const std::exception& e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

std::optional<double> ScoreCache::value(const ModuleHash& hash) const
{
    const auto it = values_.find(hash.hex());
    return it == values_.end() ? std::nullopt : std::optional<double>(it->second);
}

DatasetScores scoreDataset(const Dataset& dataset, const LabelFreeScore& score, const QString& folder,
                           const std::atomic<bool>* cancel,
                           const std::function<void(std::size_t, std::size_t, const DatasetScores&)>& progress)
{
    using Clock = std::chrono::steady_clock;
    DatasetScores out;
    out.name = score.name();
    out.values.assign(dataset.size(), std::numeric_limits<double>::quiet_NaN());
    ScoreCache cache(folder, score);
    QString error;
    // A damaged cache is scored again (and replaced): what it held cannot be trusted.
    if (!cache.load(&error))
        out.errors << error;
    std::vector<std::size_t> missing;
    for (std::size_t i = 0; i < dataset.size(); ++i) {
        if (const std::optional<double> v = cache.value(dataset[i].hash))
            out.values[i] = *v;
        else
            missing.push_back(i);
    }
    auto lastReport = Clock::now();
    auto lastSave = lastReport;
    const auto saveCache = [&] {
        QString why;
        if (out.computedNow > 0 && !cache.save(&why))
            out.errors << why;
    };
    for (std::size_t k = 0; k < missing.size(); ++k) {
        if (cancel && cancel->load()) {
            out.cancelled = true;
            break;
        }
        const Record& record = dataset[missing[k]];
        try {
            const double value = score.score(record.cell);
            out.values[missing[k]] = value;
            cache.insert(record.hash, value);
            ++out.computedNow;
        } catch (const DataError& e) {
            // The images cannot be read: no other cell would score either.
            out.errors << QString::fromStdString(e.what());
            break;
        } catch (const std::exception& e) {
            out.errors << QString::fromStdString(e.what());
        }
        const auto now = Clock::now();
        if (now - lastSave > std::chrono::seconds(10)) {
            saveCache();
            lastSave = now;
        }
        if (progress && now - lastReport > std::chrono::seconds(1)) {
            progress(dataset.size() - missing.size() + k + 1, dataset.size(), out);
            lastReport = now;
        }
    }
    saveCache();
    return out;
}

double percentileAmong(const std::vector<double>& sortedValues, double value)
{
    if (sortedValues.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const auto lo = std::lower_bound(sortedValues.begin(), sortedValues.end(), value);
    const auto hi = std::upper_bound(lo, sortedValues.end(), value);
    const double below = static_cast<double>(lo - sortedValues.begin());
    const double ties = static_cast<double>(hi - lo);
    return 100.0 * (below + ties / 2) / static_cast<double>(sortedValues.size());
}

} // namespace archscope
