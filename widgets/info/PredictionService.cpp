#include "info/PredictionService.h"

#include <cmath>

namespace archscope {

PredictionService::PredictionService(QObject* parent) : QObject(parent), worker_(new PredictionWorker(this))
{
    qRegisterMetaType<PredictionBatch>();
    thread_.setObjectName(QStringLiteral("prediction"));
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &PredictionWorker::ready, this, &PredictionService::predicted, Qt::QueuedConnection);
    thread_.start();
}

PredictionService::~PredictionService()
{
    {
        std::lock_guard lock(mutex_);
        pending_.reset();
    }
    thread_.quit();
    thread_.wait();
}

void PredictionService::addPredictor(std::shared_ptr<const Predictor> predictor)
{
    predictors_.push_back(std::move(predictor));
    Q_EMIT predictorsChanged();
}

quint64 PredictionService::request(const Cell& cell)
{
    const quint64 generation = ++generation_;
    std::lock_guard lock(mutex_);
    pending_ = Job{generation, cell, predictors_};
    if (!scheduled_) {
        scheduled_ = true;
        QMetaObject::invokeMethod(worker_, &PredictionWorker::drain, Qt::QueuedConnection);
    }
    return generation;
}

std::optional<PredictionService::Job> PredictionService::takeJob()
{
    std::lock_guard lock(mutex_);
    std::optional<Job> job = std::move(pending_);
    pending_.reset();
    if (!job)
        scheduled_ = false;
    return job;
}

void PredictionWorker::drain()
{
    while (std::optional<PredictionService::Job> job = service_->takeJob()) {
        PredictionBatch batch;
        batch.generation = job->generation;
        batch.predictors = job->predictors;
        const std::vector<Cell> cells{job->cell};
        for (const auto& predictor : job->predictors) {
            try {
                batch.values.push_back(predictor->predict(cells).at(0));
                batch.errors.append(QString());
            } catch (const std::exception& e) {
                batch.values.push_back(std::nanf(""));
                batch.errors.append(QString::fromStdString(e.what()));
            }
        }
        Q_EMIT ready(batch);
    }
}

} // namespace archscope
