// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "training/TrainingController.h"

#include "registry/Trainer.h"

#include <QElapsedTimer>

#include <memory>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace archscope {
namespace {

// Steps can come every millisecond on a fast device; the plots need no more than ~20 per second.
constexpr qint64 kMinStepIntervalMs = 50;

void lowerThreadPriority()
{
#ifdef Q_OS_LINUX
    // On a busy machine the scheduler would give the training thread as much time as the GUI thread;
    // a higher nice value (per thread on Linux, inherited by the threads LibTorch starts from here)
    // lets the GUI win. QThread priorities have no effect under Linux's default scheduler.
    setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 5);
#endif
}

} // namespace

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), job_(QStringLiteral("training"), JobRunner::Policy::Queue)
{
    qRegisterMetaType<RunStartEvent>();
    qRegisterMetaType<StepEvent>();
    qRegisterMetaType<EpochEvent>();
    qRegisterMetaType<TrainingOutcome>();
    qRegisterMetaType<NetworkOutcome>();
}

TrainingCallbacks TrainingController::reportingCallbacks(const JobControl& control)
{
    // The reports capture `this` but run on the GUI thread, and only while this controller lives; the
    // callbacks themselves live on the worker thread for the length of the job that owns `control`.
    auto sinceStep = std::make_shared<QElapsedTimer>();
    sinceStep->start();
    TrainingCallbacks callbacks;
    callbacks.cancel = control.cancelFlag();
    callbacks.onStep = [this, &control, sinceStep](const StepEvent& e) {
        if (e.step == e.stepsPerEpoch || sinceStep->elapsed() >= kMinStepIntervalMs) {
            sinceStep->restart();
            control.report([this, e] { Q_EMIT step(e); });
        }
    };
    callbacks.onStart = [this, &control](const RunStartEvent& e) { control.report([this, e] { Q_EMIT started(e); }); };
    callbacks.onEpoch = [this, &control](const EpochEvent& e) { control.report([this, e] { Q_EMIT epoch(e); }); };
    callbacks.onLog = [this, &control](const std::string& line) {
        control.report([this, line = QString::fromStdString(line)] { Q_EMIT log(line); });
    };
    return callbacks;
}

bool TrainingController::start(const TrainingConfig& config, std::shared_ptr<const Dataset> data)
{
    if (job_.isBusy())
        return false;
    job_.run(
        this,
        [this, config, data = std::move(data)](const JobControl& control) {
            lowerThreadPriority();
            TrainingOutcome outcome;
            try {
                TrainingResult result = trainPredictor(config, *data, reportingCallbacks(control));
                outcome.predictor = std::move(result.predictor);
                outcome.stopReason = QString::fromStdString(result.stopReason);
                outcome.device = QString::fromStdString(result.device);
            } catch (const std::exception& e) {
                outcome.error = QString::fromStdString(e.what());
            }
            return outcome;
        },
        [this](const TrainingOutcome& outcome) { Q_EMIT finished(outcome); });
    return true;
}

bool TrainingController::startNetwork(const Cell& cell, const NetTrainingConfig& config)
{
    if (job_.isBusy())
        return false;
    job_.run(
        this,
        [this, cell, config](const JobControl& control) {
            lowerThreadPriority();
            NetworkOutcome outcome;
            outcome.cell = cell;
            try {
                const NetTrainingResult result = trainCellNetwork(cell, config, reportingCallbacks(control));
                if (result.ok())
                    outcome.json = netTrainingResultJson(cell, config, result);
                outcome.validationAccuracy = result.validationAccuracy;
                outcome.testAccuracy = result.testAccuracy;
                outcome.stopReason = QString::fromStdString(result.stopReason);
                outcome.device = QString::fromStdString(result.device);
            } catch (const std::exception& e) {
                outcome.error = QString::fromStdString(e.what());
            }
            return outcome;
        },
        [this](const NetworkOutcome& outcome) { Q_EMIT networkFinished(outcome); });
    return true;
}

void TrainingController::cancel()
{
    job_.cancel();
}

} // namespace archscope
