// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>

class QThread;

namespace archscope {

class JobRunner;

// What a job's work function holds while it runs on the worker thread. The engine knows nothing of
// Qt: it takes the cancel flag and plain callbacks, and the callbacks report through here.
class JobControl {
public:
    bool cancelled() const { return cancel_->load(std::memory_order_relaxed); }
    // For core functions that take `const std::atomic<bool>* cancel`.
    const std::atomic<bool>* cancelFlag() const { return cancel_; }
    // Runs `update` on the GUI thread, in order with the job's other reports and before its result,
    // under the result's conditions: not when the request has been superseded or its context is gone.
    void report(std::function<void()> update) const;

private:
    friend class JobRunner;
    JobControl(JobRunner* runner, quint64 ticket, QPointer<QObject> context, const std::atomic<bool>* cancel)
        : runner_(runner), ticket_(ticket), context_(std::move(context)), cancel_(cancel)
    {
    }

    JobRunner* runner_;
    quint64 ticket_;
    QPointer<QObject> context_;
    const std::atomic<bool>* cancel_;
};

// One worker thread owned by this object, running the long jobs of one kind one after another (the
// shape of Qt's Mandelbrot RenderThread and of Kate's Utils::runAsyncJob):
//
//     runner_.run(this, [cells](const JobControl& control) { return encode(cells, control.cancelFlag()); },
//                 [this](Codes codes) { show(codes); });
//
// `work` runs on the worker thread and must touch nothing of the GUI's; `done` gets its result on the
// GUI thread by a queued call, and is dropped when `context` is gone by then or the request has been
// superseded. The GUI thread never waits on a job except here in the destructor, which cancels the
// running job, drops the waiting ones and their undelivered results, and joins the thread: an owner
// may be destroyed at any moment, e.g. when the window closes mid-job.
class JobRunner : public QObject {
    Q_OBJECT
public:
    enum class Policy {
        // Every request runs, in order, and delivers its result.
        Queue,
        // A request drops the one waiting and cancels the one running, whose result is then stale:
        // only the newest request's reports and result arrive.
        LatestWins,
    };

    JobRunner(const QString& threadName, Policy policy, QObject* parent = nullptr);
    ~JobRunner() override;

    // `work(const JobControl&) -> Result` and `done(Result)`; call from the GUI thread.
    template <class Work, class Done>
    void run(QObject* context, Work work, Done done);

    // Cancels the running job (it still delivers what it returns) and drops the waiting ones.
    void cancel();
    // A request is waiting, running, or its result is still on the way: false inside the last `done`.
    bool isBusy() const { return outstanding_ > 0; }

private:
    friend class JobControl;
    // Runs the work and returns the call that hands its result over.
    using Task = std::function<std::function<void()>(const JobControl&)>;
    struct Request {
        quint64 ticket;
        QPointer<QObject> context;
        Task task;
    };

    void submit(QObject* context, Task task);
    // Called with mutex_ held.
    void cancelLocked();
    void workLoop();
    // Queue a call to the GUI thread that runs only if the request is still current and its context alive.
    void postReport(quint64 ticket, QPointer<QObject> context, std::function<void()> update);
    void postResult(quint64 ticket, QPointer<QObject> context, std::function<void()> deliver);
    bool isCurrent(quint64 ticket) const { return policy_ == Policy::Queue || ticket == lastTicket_; }

    const Policy policy_;
    // GUI thread only.
    quint64 lastTicket_ = 0;
    int outstanding_ = 0;

    std::unique_ptr<QThread> thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Request> waiting_;                 // guarded by mutex_
    std::atomic<bool>* runningCancel_ = nullptr;  // guarded by mutex_: the running job's flag, if one runs
    bool quitting_ = false;                       // guarded by mutex_
};

template <class Work, class Done>
void JobRunner::run(QObject* context, Work work, Done done)
{
    static_assert(!std::is_void_v<std::invoke_result_t<Work&, const JobControl&>>,
                  "a job returns what its done() receives");
    submit(context, [work = std::move(work), done = std::move(done)](const JobControl& control) mutable {
        return std::function<void()>([done = std::move(done), result = work(control)]() mutable {
            done(std::move(result));
        });
    });
}

} // namespace archscope
