// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "jobs/JobRunner.h"

#include <QThread>

namespace archscope {

void JobControl::report(std::function<void()> update) const
{
    runner_->postReport(ticket_, context_, std::move(update));
}

JobRunner::JobRunner(const QString& threadName, Policy policy, QObject* parent)
    : QObject(parent), policy_(policy), thread_(QThread::create([this] { workLoop(); }))
{
    thread_->setObjectName(threadName);
}

JobRunner::~JobRunner()
{
    {
        std::lock_guard lock(mutex_);
        cancelLocked();
        quitting_ = true;
    }
    wake_.notify_all();
    thread_->wait();
}

void JobRunner::submit(QObject* context, Task task)
{
    ++outstanding_;
    const quint64 ticket = ++lastTicket_;
    {
        std::lock_guard lock(mutex_);
        if (policy_ == Policy::LatestWins)
            cancelLocked();
        waiting_.push_back({ticket, QPointer<QObject>(context), std::move(task)});
    }
    wake_.notify_one();
    // Started on the first request: many owners (a map or a panel that is never used) run none.
    if (!thread_->isRunning())
        thread_->start();
}

void JobRunner::cancel()
{
    std::lock_guard lock(mutex_);
    cancelLocked();
}

void JobRunner::cancelLocked()
{
    // Dropped requests never post a result, so they stop counting here.
    outstanding_ -= int(waiting_.size());
    waiting_.clear();
    if (runningCancel_)
        runningCancel_->store(true);
}

void JobRunner::workLoop()
{
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return quitting_ || !waiting_.empty(); });
        if (quitting_)
            return;
        Request request = std::move(waiting_.front());
        waiting_.pop_front();
        std::atomic<bool> cancel{false};
        runningCancel_ = &cancel;
        lock.unlock();
        std::function<void()> deliver;
        try {
            deliver = request.task(JobControl(this, request.ticket, request.context, &cancel));
        } catch (const std::exception& e) {
            // Work functions report their own failures in their results; this one only keeps the thread alive.
            qWarning("%s: a job threw and delivers nothing: %s", qPrintable(QThread::currentThread()->objectName()),
                     e.what());
        }
        // What the work captured (datasets, models) is released here rather than on the GUI thread.
        request.task = nullptr;
        postResult(request.ticket, std::move(request.context), std::move(deliver));
        lock.lock();
        runningCancel_ = nullptr;
    }
}

void JobRunner::postReport(quint64 ticket, QPointer<QObject> context, std::function<void()> update)
{
    QMetaObject::invokeMethod(
        this,
        [this, ticket, context = std::move(context), update = std::move(update)] {
            if (isCurrent(ticket) && context)
                update();
        },
        Qt::QueuedConnection);
}

void JobRunner::postResult(quint64 ticket, QPointer<QObject> context, std::function<void()> deliver)
{
    QMetaObject::invokeMethod(
        this,
        [this, ticket, context = std::move(context), deliver = std::move(deliver)] {
            --outstanding_;
            if (deliver && isCurrent(ticket) && context)
                deliver();
        },
        Qt::QueuedConnection);
}

} // namespace archscope
