#pragma once

#include "model/LatentModel.h"

#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace archscope {

// The codes of one encoding run; `codes` is null when the run was cancelled or failed.
struct LatentEncoding {
    std::shared_ptr<const std::vector<LatentCode>> codes;
    QString error;
};

// Encodes cells with a LatentModel on a worker thread, in chunks so that progress shows and a cancel
// takes effect within one chunk. Starting again cancels the run in progress; only the newest run
// reports.
class LatentEncoder : public QObject {
    Q_OBJECT
public:
    explicit LatentEncoder(QObject* parent = nullptr);
    // Cancels the runs still going and waits for them: they hold the model and report to this object.
    ~LatentEncoder() override;

    bool isRunning() const { return running_; }
    void start(std::shared_ptr<const LatentModel> model, std::vector<Cell> cells);
    void cancel();

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const archscope::LatentEncoding& result);

private:
    std::vector<QPointer<QThread>> threads_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    int generation_ = 0;
    bool running_ = false;
};

} // namespace archscope

Q_DECLARE_METATYPE(archscope::LatentEncoding)
