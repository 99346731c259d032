#pragma once

#include "data/Dataset.h"
#include "train/TrainingTypes.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace archscope {

// How a run ended; `predictor` is null when it failed or was cancelled before any epoch.
struct TrainingOutcome {
    std::shared_ptr<const Predictor> predictor;
    QString stopReason;
    QString device;
    QString error;
};

class TrainingWorker;

// Runs trainPredictor on a worker thread and reports through queued signals. The GUI thread never
// waits on it: cancel() only sets a flag the trainer checks every step, and the thread cleans up
// after itself when the run returns.
class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    // Cancels a running run and waits for it to stop (the trainer checks the flag every step).
    ~TrainingController() override;

    bool isRunning() const { return thread_ != nullptr; }
    // Starts a run; false (and nothing started) while another one is running.
    bool start(const TrainingConfig& config, std::shared_ptr<const Dataset> data);
    void cancel();

Q_SIGNALS:
    void step(const archscope::StepEvent& e);
    void epoch(const archscope::EpochEvent& e);
    void log(const QString& line);
    void finished(const archscope::TrainingOutcome& outcome);

private:
    QThread* thread_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    TrainingWorker(TrainingConfig config, std::shared_ptr<const Dataset> data,
                   std::shared_ptr<std::atomic<bool>> cancel);
    void run();

Q_SIGNALS:
    void step(const archscope::StepEvent& e);
    void epoch(const archscope::EpochEvent& e);
    void log(const QString& line);
    void finished(const archscope::TrainingOutcome& outcome);

private:
    TrainingConfig config_;
    std::shared_ptr<const Dataset> data_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

} // namespace archscope

Q_DECLARE_METATYPE(archscope::StepEvent)
Q_DECLARE_METATYPE(archscope::EpochEvent)
Q_DECLARE_METATYPE(archscope::TrainingOutcome)
