// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "jobs/JobRunner.h"
#include "network/NetworkTraining.h"
#include "train/TrainingTypes.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

namespace archscope {

// Whether a run's stop reason (RunSummary::stopReason) means it ran to its own end: every epoch, or
// until early stopping said so; not cancelled, diverged or failed.
inline bool reachedTheEnd(const QString& stopReason, const QString& error)
{
    return error.isEmpty() && (stopReason == QLatin1String("completed") || stopReason == QLatin1String("early stop"));
}

// How a run ended; `predictor` is null when it failed or was cancelled before any epoch.
struct TrainingOutcome {
    std::shared_ptr<const Predictor> predictor;
    QString stopReason;
    QString device;
    QString error;
    bool reachedTheEnd() const { return archscope::reachedTheEnd(stopReason, error); }
};

// How a run of a cell's own network ended: `json` (netTrainingResultJson) is empty when it failed
// before any epoch; `stopReason` is "completed" only for a run that trained every epoch.
struct NetworkOutcome {
    Cell cell;
    std::string json;
    double validationAccuracy = 0;
    double testAccuracy = 0;
    QString stopReason;
    QString device;
    QString error;
    bool reachedTheEnd() const { return archscope::reachedTheEnd(stopReason, error); }
};

// Runs trainPredictor (or trainCellNetwork) on a worker thread and reports through signals on the GUI thread. The GUI
// thread never waits on it: cancel() only sets the flag the trainer checks every step. Destroying the
// controller cancels a running run and waits for it to stop.
class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);

    bool isRunning() const { return job_.isBusy(); }
    // Starts a run; false (and nothing started) while another one is running.
    bool start(const TrainingConfig& config, std::shared_ptr<const Dataset> data);
    // Trains `cell`'s own network on an image task; the same one-run-at-a-time rule and the same
    // progress signals, and networkFinished instead of finished.
    bool startNetwork(const Cell& cell, const NetTrainingConfig& config);
    void cancel();

Q_SIGNALS:
    // The run's data is ready: where it trains (device, threads) and on how much.
    void started(const archscope::RunStartEvent& e);
    void step(const archscope::StepEvent& e);
    void epoch(const archscope::EpochEvent& e);
    void log(const QString& line);
    void finished(const archscope::TrainingOutcome& outcome);
    void networkFinished(const archscope::NetworkOutcome& outcome);

private:
    // Callbacks that post the trainer's events to this controller's signals, steps thinned.
    TrainingCallbacks reportingCallbacks(const JobControl& control);

    JobRunner job_;
};

} // namespace archscope

Q_DECLARE_METATYPE(archscope::RunStartEvent)
Q_DECLARE_METATYPE(archscope::StepEvent)
Q_DECLARE_METATYPE(archscope::EpochEvent)
Q_DECLARE_METATYPE(archscope::TrainingOutcome)
Q_DECLARE_METATYPE(archscope::NetworkOutcome)
