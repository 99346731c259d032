// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/Predictor.h"
#include "train/TrainingTypes.h"
#include "training/RunCurves.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace archscope {

// Where every predictor trained in the explorer is kept, so that nothing trained is lost at quit: the
// user's data folder's models/, one model file per run (safetensors, loadable by archscope-cli), beside
// it `<model>.json` (name, kind, budget, training size, best validation tau, how the run ended, date)
// and `<model>.run.json`, the run's curves as Training ▸ Save Run writes them. The window loads them
// all at start, and the Models panel lists, renames, unloads, deletes and resumes them. A run stopped
// before its end also keeps its training checkpoint (checkpoints/), named in its `.json` with the
// settings and the dataset it trained on, so that it can go on later where it stopped.
class TrainedModels {
    Q_DECLARE_TR_FUNCTIONS(TrainedModels)

public:
    explicit TrainedModels(QString folder = defaultFolder());
    static QString defaultFolder();

    // What continuing a stopped run needs: its settings, its checkpoint and the dataset it trained on
    // (a checkpoint holds the run's split as indices into that dataset's records).
    struct StoppedRun {
        TrainingConfig config;
        QString checkpoint;
        QString dataset;
    };

    // A new path for a run's training checkpoint, in the folder's checkpoints/ (created).
    QString newCheckpointPath() const;
    // Writes the three files (atomically) and returns the model file's path; an empty path with
    // `error` set when it cannot. `stopped`: the run ended before its end and can be resumed.
    // `replacing`: a kept model whose run this one continued; its files are replaced and it keeps its name.
    QString save(const Predictor& predictor, std::size_t trainSize, const QString& stopReason, const RunCurves& curves,
                 const std::optional<StoppedRun>& stopped, QString* error, const QString& replacing = {}) const;
    // The model files kept, oldest first.
    QStringList models() const;
    const QString& folder() const { return folder_; }

    // What `<model>.json` says of a kept model; a model without it (or with a damaged one) is listed
    // under its file name, with what is unknown left empty.
    struct Entry {
        QString model;      // the model file's path
        QString name;       // the user's name for it (at first the predictor's own)
        QString kind;
        qint64 trainSize = -1;
        double bestTau = std::numeric_limits<double>::quiet_NaN();
        QString stopReason;
        QDateTime date;
        std::optional<StoppedRun> stopped; // only while its checkpoint is there
    };
    QList<Entry> entries() const;
    // The same for one model file.
    Entry entry(const QString& model) const;
    // Where a kept model's run curves are (its `.run.json`).
    static QString runCurvesPath(const QString& model);
    // The curves of the newest kept run that has them (its `.run.json`); nullopt when none.
    std::optional<RunCurves> newestRun() const;
    // Gives the model `name` in its `.json` (written atomically); false with `error` set.
    bool rename(const QString& model, const QString& name, QString* error) const;
    // Removes the model file, its `.json`, its `.run.json` and a stopped run's checkpoint; false with
    // `error` set (what could be removed is gone).
    bool remove(const QString& model, QString* error) const;
    // Whether a kept model resumes from `checkpoint`.
    bool usesCheckpoint(const QString& checkpoint) const;
    // Deletes the checkpoints no kept model resumes from: those of runs that were discarded or that
    // completed while the app was closing. Call it when no run trains.
    void removeUnusedCheckpoints() const;

private:
    QString folder_;
};

// A predictor shown under the user's name for it (TrainedModels::Entry::name): everything else is
// the wrapped predictor's. The name can change while it is loaded; name() may be called from any thread.
class NamedPredictor final : public Predictor {
public:
    NamedPredictor(std::shared_ptr<const Predictor> predictor, std::string name);
    void setName(std::string name);

    std::string name() const override;
    std::string kind() const override { return predictor_->kind(); }
    int budgetEpochs() const override { return predictor_->budgetEpochs(); }
    std::vector<float> predict(const std::vector<Cell>& cells) const override { return predictor_->predict(cells); }
    bool hasIntervals() const override { return predictor_->hasIntervals(); }
    PredictedAccuracies predictWithIntervals(const std::vector<Cell>& cells, double level) const override
    {
        return predictor_->predictWithIntervals(cells, level);
    }
    void save(const std::string& path) const override { predictor_->save(path); }
    const LatentCodeScorer* latentCodeScorer() const override { return predictor_->latentCodeScorer(); }

private:
    std::shared_ptr<const Predictor> predictor_;
    mutable std::mutex mutex_;
    std::string name_;
};

} // namespace archscope
