#include "latent/LatentEncoder.h"

#include <QThread>

#include <algorithm>

namespace archscope {
namespace {

// Large enough that LibTorch batches well, small enough that a cancel is felt within ~0.1 s.
constexpr std::size_t kChunk = 512;

} // namespace

LatentEncoder::LatentEncoder(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<LatentEncoding>();
}

LatentEncoder::~LatentEncoder()
{
    cancel();
    for (const QPointer<QThread>& t : threads_)
        if (t)
            t->wait();
}

void LatentEncoder::start(std::shared_ptr<const LatentModel> model, std::vector<Cell> cells)
{
    cancel();
    threads_.erase(std::remove(threads_.begin(), threads_.end(), nullptr), threads_.end());
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    running_ = true;
    const int generation = ++generation_;
    QPointer<LatentEncoder> self(this);
    QThread* thread = QThread::create([self, generation, model = std::move(model), cells = std::move(cells),
                                       cancel = cancel_] {
        const int total = int(cells.size());
        auto codes = std::make_shared<std::vector<LatentCode>>();
        codes->reserve(cells.size());
        LatentEncoding result;
        try {
            for (std::size_t i = 0; i < cells.size() && !*cancel; i += kChunk) {
                const std::vector<Cell> chunk(cells.begin() + std::ptrdiff_t(i),
                                              cells.begin() + std::ptrdiff_t(std::min(cells.size(), i + kChunk)));
                const std::vector<LatentCode> part = model->encode(chunk);
                codes->insert(codes->end(), part.begin(), part.end());
                const int done = int(codes->size());
                QMetaObject::invokeMethod(self, [self, generation, done, total] {
                    if (self && generation == self->generation_)
                        Q_EMIT self->progress(done, total);
                }, Qt::QueuedConnection);
            }
            if (!*cancel)
                result.codes = std::move(codes);
        } catch (const std::exception& e) {
            result.error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(self, [self, generation, result] {
            if (!self || generation != self->generation_)
                return;
            self->running_ = false;
            Q_EMIT self->finished(result);
        }, Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("latentEncoder"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    threads_.emplace_back(thread);
    thread->start();
}

void LatentEncoder::cancel()
{
    if (cancel_)
        cancel_->store(true);
}

} // namespace archscope
