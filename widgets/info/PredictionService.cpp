// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "info/PredictionService.h"

#include "model/PredictionIntervals.h"
#include "registry/PredictorRegistry.h"

#include <algorithm>
#include <cmath>

namespace archscope {

PredictionService::PredictionService(QObject* parent)
    : QObject(parent),
      jobs_(QStringLiteral("prediction"), JobRunner::Policy::LatestWins),
      slowJobs_(QStringLiteral("slow prediction"), JobRunner::Policy::LatestWins)
{
    qRegisterMetaType<PredictionBatch>();
}

void PredictionService::addPredictor(std::shared_ptr<const Predictor> predictor)
{
    predictors_.push_back(std::move(predictor));
    Q_EMIT predictorsChanged();
}

void PredictionService::removePredictor(const std::shared_ptr<const Predictor>& predictor)
{
    const auto it = std::find(predictors_.begin(), predictors_.end(), predictor);
    if (it == predictors_.end())
        return;
    predictors_.erase(it);
    Q_EMIT predictorsChanged();
}

quint64 PredictionService::request(const Cell& cell)
{
    const quint64 generation = ++generation_;
    run(jobs_, generation, cell, false);
    const bool anySlow = std::any_of(predictors_.begin(), predictors_.end(),
                                     [](const auto& p) { return !scoresDatasets(*p); });
    if (anySlow)
        run(slowJobs_, generation, cell, true);
    return generation;
}

void PredictionService::run(JobRunner& jobs, quint64 generation, const Cell& cell, bool slow)
{
    jobs.run(
        this,
        [generation, cell, slow, predictors = predictors_](const JobControl&) {
            // A single cell: nothing to cancel halfway, a newer request only makes it stale.
            PredictionBatch batch;
            batch.generation = generation;
            batch.predictors = predictors;
            batch.slow = slow;
            const std::vector<Cell> cells{cell};
            for (const auto& predictor : predictors) {
                const bool mine = scoresDatasets(*predictor) != slow;
                batch.answered.push_back(mine ? 1 : 0);
                batch.values.push_back(std::nanf(""));
                batch.low.push_back(std::nanf(""));
                batch.high.push_back(std::nanf(""));
                batch.errors.append(QString());
                if (!mine)
                    continue;
                try {
                    const PredictedAccuracies p = predictor->predictWithIntervals(cells, PredictionIntervals::kDefaultLevel);
                    batch.values.back() = p.value.at(0);
                    if (p.hasIntervals()) {
                        batch.low.back() = p.low.at(0);
                        batch.high.back() = p.high.at(0);
                    }
                } catch (const std::exception& e) {
                    batch.errors.back() = QString::fromStdString(e.what());
                }
            }
            return batch;
        },
        [this](const PredictionBatch& batch) { Q_EMIT predicted(batch); });
}

} // namespace archscope
