#include "info/PredictionService.h"

#include <cmath>

namespace archscope {

PredictionService::PredictionService(QObject* parent)
    : QObject(parent), jobs_(QStringLiteral("prediction"), JobRunner::Policy::LatestWins)
{
    qRegisterMetaType<PredictionBatch>();
}

void PredictionService::addPredictor(std::shared_ptr<const Predictor> predictor)
{
    predictors_.push_back(std::move(predictor));
    Q_EMIT predictorsChanged();
}

quint64 PredictionService::request(const Cell& cell)
{
    const quint64 generation = ++generation_;
    jobs_.run(
        this,
        [generation, cell, predictors = predictors_](const JobControl&) {
            // A single cell takes milliseconds: nothing to cancel halfway, a newer request only makes it stale.
            PredictionBatch batch;
            batch.generation = generation;
            batch.predictors = predictors;
            const std::vector<Cell> cells{cell};
            for (const auto& predictor : predictors) {
                try {
                    batch.values.push_back(predictor->predict(cells).at(0));
                    batch.errors.append(QString());
                } catch (const std::exception& e) {
                    batch.values.push_back(std::nanf(""));
                    batch.errors.append(QString::fromStdString(e.what()));
                }
            }
            return batch;
        },
        [this](const PredictionBatch& batch) { Q_EMIT predicted(batch); });
    return generation;
}

} // namespace archscope
