// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "jobs/JobRunner.h"
#include "model/Predictor.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace archscope {

using PredictorList = std::vector<std::shared_ptr<const Predictor>>;

// What the predictors said about one cell; `values` has one entry per predictor of the request
// (NaN where a predictor failed, with the reason in `errors`), and so have `low` and `high`, the
// ends of its 90% interval (NaN where the model carries no calibration).
struct PredictionBatch {
    quint64 generation = 0;
    PredictorList predictors;
    std::vector<float> values;
    std::vector<float> low;
    std::vector<float> high;
    QStringList errors;
    std::vector<char> answered; // per predictor: whether this batch holds its value (see `slow`)
    bool slow = false;          // the batch of the slow kinds (PredictorKind::scoresDatasets false)
};

// Runs every loaded predictor on the cell being edited, on a worker thread so that editing never
// waits for a model. Requests coalesce: while one prediction runs, only the newest waiting request is
// kept (latest wins), so a burst of edits costs at most one extra prediction, and only the newest
// request's batch is emitted. Slow kinds (a GHN runs a network, ~0.3 s) answer in a second batch from
// their own worker, so the fast predictors' values never wait for them.
class PredictionService : public QObject {
    Q_OBJECT
public:
    explicit PredictionService(QObject* parent = nullptr);

    const PredictorList& predictors() const { return predictors_; }
    void addPredictor(std::shared_ptr<const Predictor> predictor);
    // Drops `predictor` (unloaded by the user); a prediction on the way still lists it, and is the last.
    void removePredictor(const std::shared_ptr<const Predictor>& predictor);
    // A loaded predictor's name() changed: whoever lists the predictors shows them again.
    void predictorRenamed() { Q_EMIT predictorsChanged(); }

    // Queues a prediction for a valid, pruned cell and returns its generation number.
    quint64 request(const Cell& cell);

Q_SIGNALS:
    void predicted(const archscope::PredictionBatch& batch);
    void predictorsChanged();

private:
    void run(JobRunner& jobs, quint64 generation, const Cell& cell, bool slow);

    PredictorList predictors_;
    quint64 generation_ = 0;
    JobRunner jobs_;
    JobRunner slowJobs_;
};

} // namespace archscope

Q_DECLARE_METATYPE(archscope::PredictionBatch)
