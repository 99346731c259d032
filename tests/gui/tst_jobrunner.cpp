// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// JobRunner, the one worker-thread helper behind every long job of the app: results and reports come
// back queued on the GUI thread, newer requests make older ones stale, cancel reaches the work, and
// destruction joins the thread and drops what has not been delivered.
#include "jobs/JobRunner.h"
#include "../support/GuiTestMain.h"

#include <QElapsedTimer>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace archscope;

namespace {

// Spins without running the event loop, so that nothing queued to the GUI thread can arrive meanwhile.
bool waitWithoutEvents(const std::atomic<bool>& flag, int timeoutMs = 5000)
{
    QElapsedTimer clock;
    clock.start();
    while (!flag && clock.elapsed() < timeoutMs)
        QThread::msleep(1);
    return flag;
}

} // namespace

class TestJobRunner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void resultArrivesQueuedOnTheGuiThread();
    void reportsArriveInOrderBeforeTheResult();
    void queueRunsEveryRequestInOrder();
    void latestWinsDropsStaleRequests();
    void cancelReachesTheWorkFunction();
    void destructionJoinsAndDropsTheResult_data();
    void destructionJoinsAndDropsTheResult();
    void goneContextGetsNothing();
    void throwingJobDeliversNothing();
};

void TestJobRunner::resultArrivesQueuedOnTheGuiThread()
{
    QObject context;
    std::atomic<QThread*> workThread{nullptr};
    std::atomic<bool> worked{false};
    QThread* doneThread = nullptr;
    int result = 0;
    JobRunner runner(QStringLiteral("test"), JobRunner::Policy::Queue);
    QVERIFY(!runner.isBusy());
    runner.run(
        &context,
        [&](const JobControl&) {
            workThread = QThread::currentThread();
            worked = true;
            return 42;
        },
        [&](int r) {
            doneThread = QThread::currentThread();
            result = r;
        });
    QVERIFY(runner.isBusy());
    QVERIFY(waitWithoutEvents(worked));
    QThread::msleep(20);
    QCOMPARE(result, 0); // done, but handed over only by the GUI thread's event loop
    QTRY_COMPARE(result, 42);
    QVERIFY(workThread != QThread::currentThread());
    QCOMPARE(workThread.load()->objectName(), QStringLiteral("test"));
    QCOMPARE(doneThread, QThread::currentThread());
    QVERIFY(!runner.isBusy());
}

void TestJobRunner::reportsArriveInOrderBeforeTheResult()
{
    QObject context;
    std::vector<int> seen;
    bool allOnGuiThread = true;
    JobRunner runner(QStringLiteral("test"), JobRunner::Policy::LatestWins);
    runner.run(
        &context,
        [&](const JobControl& control) {
            for (int i = 1; i <= 5; ++i)
                control.report([&, i] {
                    allOnGuiThread = allOnGuiThread && QThread::currentThread() == qApp->thread();
                    seen.push_back(i);
                });
            return 6;
        },
        [&](int last) { seen.push_back(last); });
    QTRY_VERIFY(!runner.isBusy());
    QCOMPARE(seen, (std::vector<int>{1, 2, 3, 4, 5, 6}));
    QVERIFY(allOnGuiThread);
}

void TestJobRunner::queueRunsEveryRequestInOrder()
{
    QObject context;
    std::vector<int> delivered;
    JobRunner runner(QStringLiteral("test"), JobRunner::Policy::Queue);
    for (int k = 0; k < 5; ++k)
        runner.run(
            &context,
            [k](const JobControl&) {
                QThread::msleep(5);
                return k;
            },
            [&](int r) { delivered.push_back(r); });
    QTRY_VERIFY(!runner.isBusy());
    QCOMPARE(delivered, (std::vector<int>{0, 1, 2, 3, 4}));
}

void TestJobRunner::latestWinsDropsStaleRequests()
{
    QObject context;
    std::atomic<bool> started{false}, submitted{false}, sawCancel{false};
    std::atomic<int> ran{0};
    int staleReports = 0;
    std::vector<int> delivered;
    JobRunner runner(QStringLiteral("test"), JobRunner::Policy::LatestWins);
    runner.run(
        &context,
        [&](const JobControl& control) {
            ++ran;
            started = true;
            // Held until every newer request is in, so that only the last of them can follow.
            while (!control.cancelled() || !submitted)
                QThread::msleep(1);
            sawCancel = true;
            control.report([&] { ++staleReports; });
            return 0;
        },
        [&](int r) { delivered.push_back(r); });
    QVERIFY(waitWithoutEvents(started));
    for (int k = 1; k <= 10; ++k)
        runner.run(
            &context,
            [&, k](const JobControl&) {
                ++ran;
                return k;
            },
            [&](int r) { delivered.push_back(r); });
    submitted = true;
    QTRY_VERIFY(!runner.isBusy());
    QVERIFY(sawCancel);
    QCOMPARE(ran.load(), 2); // the first and the newest; the eight waiting in between were dropped
    QCOMPARE(delivered, std::vector<int>{10});
    QCOMPARE(staleReports, 0);
}

void TestJobRunner::cancelReachesTheWorkFunction()
{
    QObject context;
    std::atomic<bool> started{false}, flagSeen{false}, secondRan{false};
    std::vector<int> delivered;
    JobRunner runner(QStringLiteral("test"), JobRunner::Policy::Queue);
    runner.run(
        &context,
        [&](const JobControl& control) {
            started = true;
            // As a core function would see it: a plain flag, no Qt.
            const std::atomic<bool>* cancel = control.cancelFlag();
            while (!*cancel)
                QThread::msleep(1);
            flagSeen = true;
            return 1;
        },
        [&](int r) { delivered.push_back(r); });
    runner.run(
        &context,
        [&](const JobControl&) {
            secondRan = true;
            return 2;
        },
        [&](int r) { delivered.push_back(r); });
    QVERIFY(waitWithoutEvents(started));
    runner.cancel();
    QTRY_VERIFY(!runner.isBusy());
    QVERIFY(flagSeen);
    QVERIFY2(!secondRan, "cancel drops the waiting request");
    QCOMPARE(delivered, std::vector<int>{1}); // the cancelled job still says how it ended
}

void TestJobRunner::destructionJoinsAndDropsTheResult_data()
{
    QTest::addColumn<bool>("stillRunning");
    QTest::newRow("job running") << true;
    QTest::newRow("result on its way") << false;
}

void TestJobRunner::destructionJoinsAndDropsTheResult()
{
    QFETCH(bool, stillRunning);
    QObject context;
    std::atomic<bool> started{false}, returned{false};
    bool delivered = false;
    auto runner = std::make_unique<JobRunner>(QStringLiteral("test"), JobRunner::Policy::Queue);
    runner->run(
        &context,
        [&, stillRunning](const JobControl& control) {
            started = true;
            while (stillRunning && !control.cancelled())
                QThread::msleep(1);
            returned = true;
            return 1;
        },
        [&](int) { delivered = true; });
    QVERIFY(waitWithoutEvents(stillRunning ? started : returned));
    QElapsedTimer clock;
    clock.start();
    runner.reset();
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QStringLiteral("joined in %1 ms").arg(clock.elapsed())));
    QVERIFY(returned);
    QTest::qWait(50);
    QVERIFY(!delivered);
}

void TestJobRunner::goneContextGetsNothing()
{
    auto context = std::make_unique<QObject>();
    std::atomic<bool> started{false};
    bool reported = false, delivered = false;
    JobRunner runner(QStringLiteral("test"), JobRunner::Policy::Queue);
    runner.run(
        context.get(),
        [&](const JobControl& control) {
            started = true;
            while (!control.cancelled())
                QThread::msleep(1);
            control.report([&] { reported = true; });
            return 1;
        },
        [&](int) { delivered = true; });
    QVERIFY(waitWithoutEvents(started));
    context.reset();
    runner.cancel();
    QTRY_VERIFY(!runner.isBusy());
    QVERIFY(!reported);
    QVERIFY(!delivered);
}

void TestJobRunner::throwingJobDeliversNothing()
{
    QObject context;
    bool delivered = false;
    int after = 0;
    JobRunner runner(QStringLiteral("test"), JobRunner::Policy::Queue);
    QTest::ignoreMessage(QtWarningMsg, "test: a job threw and delivers nothing: broken");
    runner.run(
        &context, [](const JobControl&) -> int { throw std::runtime_error("broken"); }, [&](int) { delivered = true; });
    runner.run(&context, [](const JobControl&) { return 7; }, [&](int r) { after = r; });
    QTRY_COMPARE(after, 7); // the thread lives on
    QVERIFY(!delivered);
    QVERIFY(!runner.isBusy());
}

ARCHSCOPE_GUI_TEST_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
