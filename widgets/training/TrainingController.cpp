#include "training/TrainingController.h"

#include "train/Trainer.h"

#include <QElapsedTimer>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace archscope {
namespace {

// Steps can come every millisecond on a fast device; the plots need no more than ~20 per second.
constexpr qint64 kMinStepIntervalMs = 50;

} // namespace

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), job_(QStringLiteral("training"), JobRunner::Policy::Queue)
{
    qRegisterMetaType<RunStartEvent>();
    qRegisterMetaType<StepEvent>();
    qRegisterMetaType<EpochEvent>();
    qRegisterMetaType<TrainingOutcome>();
}

bool TrainingController::start(const TrainingConfig& config, std::shared_ptr<const Dataset> data)
{
    if (job_.isBusy())
        return false;
    // The reports capture `this` but run on the GUI thread, and only while this controller lives.
    job_.run(
        this,
        [this, config, data = std::move(data)](const JobControl& control) {
#ifdef Q_OS_LINUX
            // On a busy machine the scheduler would give the training thread as much time as the GUI thread;
            // a higher nice value (per thread on Linux, inherited by the threads LibTorch starts from here)
            // lets the GUI win. QThread priorities have no effect under Linux's default scheduler.
            setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 5);
#endif
            QElapsedTimer sinceStep;
            sinceStep.start();
            TrainingCallbacks callbacks;
            callbacks.cancel = control.cancelFlag();
            callbacks.onStep = [&](const StepEvent& e) {
                if (e.step == e.stepsPerEpoch || sinceStep.elapsed() >= kMinStepIntervalMs) {
                    sinceStep.restart();
                    control.report([this, e] { Q_EMIT step(e); });
                }
            };
            callbacks.onStart = [&](const RunStartEvent& e) { control.report([this, e] { Q_EMIT started(e); }); };
            callbacks.onEpoch = [&](const EpochEvent& e) { control.report([this, e] { Q_EMIT epoch(e); }); };
            callbacks.onLog = [&](const std::string& line) {
                control.report([this, line = QString::fromStdString(line)] { Q_EMIT log(line); });
            };
            TrainingOutcome outcome;
            try {
                TrainingResult result = trainPredictor(config, *data, callbacks);
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

void TrainingController::cancel()
{
    job_.cancel();
}

} // namespace archscope
