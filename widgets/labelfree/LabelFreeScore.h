// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "cell/ModuleHash.h"
#include "data/Dataset.h"
#include "proxies/ZeroCostProxies.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace archscope {

class Predictor;

// A label-free score as the explorer computes it: a zero-cost proxy, or a Graph HyperNetwork's score.
// A proxy runs at the network of the proxies' table in docs/BENCHMARKS.md (stem 16, 3 stacks of 1
// module) on Fashion-MNIST's fixed batch of 64 (seed 0), so its values are those of `archscope-cli
// eval-zc --stem 16 --stacks 3 --modules 1`; a GHN's value is its score exp(−loss) on its own task
// (GhnScore::score, as the model predicts it: in single precision). Images and the GHN are read at the first
// cell scored, so that opening the app reads neither; score() may be called from any thread.
class LabelFreeScore {
public:
    explicit LabelFreeScore(const ZeroCostProxy& proxy);
    // The GHN of `modelFile`. Its cache is named by the file's MD5, so that a GHN trained again is
    // scored afresh. Throws DataError naming the file when it cannot be read.
    static std::shared_ptr<const LabelFreeScore> ghn(const QString& modelFile);

    static constexpr const char* kGhnName = "ghn";
    // Null for a GHN's score.
    const ZeroCostProxy* proxy() const { return proxy_; }
    QString name() const;
    // Names the score and everything its value depends on: the cache's file name.
    QString key() const;
    // Throws what scoreCellProxies or the GHN throws: std::invalid_argument for an invalid cell,
    // ProxyError for a value that is not finite, DataError when the images or the model cannot be read.
    double score(const Cell& cell) const;

    static ProxySettings settings();

private:
    LabelFreeScore(QString ghnFile, QString ghnDigest);

    const ZeroCostProxy* proxy_ = nullptr;
    QString ghnFile_;
    QString ghnDigest_;
    mutable std::once_flag loaded_;
    mutable std::unique_ptr<ProxyScorer> scorer_;
    mutable std::shared_ptr<const Predictor> ghn_;
};

// A score's values by module hash, kept in `<folder>/<key>.csv` (a "hash,<name>" header, then one
// line per cell): a cell is scored once, whichever dataset it is in. Written atomically.
class ScoreCache {
    Q_DECLARE_TR_FUNCTIONS(ScoreCache)

public:
    ScoreCache(QString folder, const LabelFreeScore& score);
    static QString defaultFolder();

    // Reads the file (none: empty); false with `error` naming the file and line of a malformed one,
    // whose values are then not used.
    bool load(QString* error);
    bool save(QString* error) const;
    std::optional<double> value(const ModuleHash& hash) const;
    void insert(const ModuleHash& hash, double value) { values_[hash.hex()] = value; }
    std::size_t size() const { return values_.size(); }
    const QString& path() const { return path_; }

private:
    QString path_;
    QString column_;
    std::unordered_map<std::string, double> values_;
};

// A dataset's values of one score, in record order (NaN where not computed yet or not computable).
struct DatasetScores {
    QString name;
    std::vector<double> values;
    std::size_t computedNow = 0; // cells scored by this job rather than read from the cache
    QStringList errors;          // cells the score could not be computed for, one line each
    bool cancelled = false;
};

// Fills `scores` for `dataset` from the cache in `folder`, computing (and caching) the cells it lacks;
// `progress(done, total, scores)` every second or so with the values so far. Stops between cells when
// `cancel` is set; what was computed is kept in the cache either way.
DatasetScores scoreDataset(const Dataset& dataset, const LabelFreeScore& score, const QString& folder,
                           const std::atomic<bool>* cancel,
                           const std::function<void(std::size_t, std::size_t, const DatasetScores&)>& progress);

// The share of `sortedValues` below `value`, ties counting half, in percent: where a cell's score
// stands among the dataset's. NaN when there are no values.
double percentileAmong(const std::vector<double>& sortedValues, double value);

} // namespace archscope
