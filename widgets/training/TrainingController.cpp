#include "training/TrainingController.h"

#include "train/Trainer.h"

#include <QElapsedTimer>
#include <QThread>

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

TrainingController::TrainingController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<StepEvent>();
    qRegisterMetaType<EpochEvent>();
    qRegisterMetaType<TrainingOutcome>();
}

TrainingController::~TrainingController()
{
    if (thread_) {
        cancel_->store(true);
        thread_->wait();
        delete thread_;
    }
}

bool TrainingController::start(const TrainingConfig& config, std::shared_ptr<const Dataset> data)
{
    if (thread_)
        return false;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    thread_ = new QThread;
    thread_->setObjectName(QStringLiteral("training"));
    auto* worker = new TrainingWorker(config, std::move(data), cancel_);
    worker->moveToThread(thread_);
    connect(thread_, &QThread::started, worker, &TrainingWorker::run);
    connect(worker, &TrainingWorker::step, this, &TrainingController::step);
    connect(worker, &TrainingWorker::epoch, this, &TrainingController::epoch);
    connect(worker, &TrainingWorker::log, this, &TrainingController::log);
    connect(worker, &TrainingWorker::finished, thread_, &QThread::quit);
    connect(thread_, &QThread::finished, worker, &QObject::deleteLater);
    // The thread deletes itself once finished; it has no parent so that the controller's destruction
    // never deletes a thread that is still winding down.
    connect(thread_, &QThread::finished, thread_, &QObject::deleteLater);
    connect(worker, &TrainingWorker::finished, this, [this](const TrainingOutcome& outcome) {
        thread_ = nullptr;
        Q_EMIT finished(outcome);
    });
    thread_->start();
    return true;
}

void TrainingController::cancel()
{
    if (cancel_)
        cancel_->store(true);
}

TrainingWorker::TrainingWorker(TrainingConfig config, std::shared_ptr<const Dataset> data,
                               std::shared_ptr<std::atomic<bool>> cancel)
    : config_(std::move(config)), data_(std::move(data)), cancel_(std::move(cancel))
{
}

void TrainingWorker::run()
{
#ifdef Q_OS_LINUX
    // On a busy machine the scheduler would give the training thread as much time as the GUI thread;
    // a higher nice value (per thread on Linux, inherited by the threads LibTorch starts from here)
    // lets the GUI win. QThread priorities have no effect under Linux's default scheduler.
    setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 5);
#endif
    QElapsedTimer sinceStep;
    sinceStep.start();
    TrainingCallbacks callbacks;
    callbacks.cancel = cancel_.get();
    callbacks.onStep = [&](const StepEvent& e) {
        if (e.step == e.stepsPerEpoch || sinceStep.elapsed() >= kMinStepIntervalMs) {
            sinceStep.restart();
            Q_EMIT step(e);
        }
    };
    callbacks.onEpoch = [this](const EpochEvent& e) { Q_EMIT epoch(e); };
    callbacks.onLog = [this](const std::string& line) { Q_EMIT log(QString::fromStdString(line)); };
    TrainingOutcome outcome;
    try {
        TrainingResult result = trainPredictor(config_, *data_, callbacks);
        outcome.predictor = std::move(result.predictor);
        outcome.stopReason = QString::fromStdString(result.stopReason);
        outcome.device = QString::fromStdString(result.device);
    } catch (const std::exception& e) {
        outcome.error = QString::fromStdString(e.what());
    }
    Q_EMIT finished(outcome);
}

} // namespace archscope
