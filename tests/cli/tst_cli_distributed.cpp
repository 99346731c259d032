// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Data-parallel training as torchrun or a Slurm script launches it: archscope-cli processes on loopback
// that read RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT, against one process at the same global batch,
// and what the ranks do when one of them dies or hangs.
#include "CliTestSupport.h"

#include "../support/FreePort.h"

#include <QtTest>

#include <QElapsedTimer>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <csignal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace clitest;

namespace {

// A rank of a run of `worldSize` at `port`, started (not waited for).
std::unique_ptr<QProcess> startRank(int rank, int worldSize, int port, const QStringList& args, int timeoutSeconds = 60)
{
    auto p = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("RANK", QString::number(rank));
    env.insert("LOCAL_RANK", QString::number(rank));
    env.insert("WORLD_SIZE", QString::number(worldSize));
    env.insert("MASTER_ADDR", "127.0.0.1");
    env.insert("MASTER_PORT", QString::number(port));
    env.insert("ARCHSCOPE_DIST_TIMEOUT", QString::number(timeoutSeconds));
    p->setProcessEnvironment(env);
    p->start(kCli, args);
    return p;
}

// Waits until `p`'s standard error has `text` (read into `err`), or it ends.
bool waitForError(QProcess& p, QByteArray& err, const QByteArray& text)
{
    QElapsedTimer t;
    t.start();
    while (!err.contains(text) && p.state() != QProcess::NotRunning && t.elapsed() < kProcessTimeoutMs) {
        p.waitForReadyRead(200);
        err += p.readAllStandardError();
    }
    return err.contains(text);
}

QStringList trainArgs(const QString& out, int epochs = 3, const QStringList& more = {})
{
    return QStringList{"train", "--data", kSample, "--train-size", "256", "--val-size", "64", "--epochs", QString::number(epochs),
                       "--batch", "32", "--ensemble", "1", "--pretraining-epochs", "0", "--seed", "3", "--threads", "1", "--out", out, "--json"} + more;
}

QList<double> predictions(const QString& model, const QString& data, const QString& out)
{
    const Run r = runCli({"predict", "--model", model, "--data", data, "--threads", "1", "--out", out});
    QList<double> values;
    QFile f(out);
    if (!r.succeeded() || !f.open(QIODevice::ReadOnly))
        return values;
    for (const QByteArray& line : f.readAll().split('\n').mid(1))
        if (!line.isEmpty())
            values.append(line.split(',').value(1).toDouble());
    return values;
}

} // namespace

class TestCliDistributed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const Run help = runCli({"--help"});
        QVERIFY(help.succeeded());
    }

    // Two ranks at global batch 32 train the GNN one process trains at batch 32: rank 0 alone prints and
    // writes the model, and its predictions are the single process's up to the order of float sums,
    // its ranking term over the whole batch's pairs included (each rank gathers the others' predictions).
    void twoRanksTrainWhatOneProcessTrains()
    {
        QTemporaryDir dir;
        const QString single = dir.filePath("single.safetensors");
        const Run alone = runCli(trainArgs(single));
        QVERIFY2(alone.succeeded(), alone.describe());

        const QString parallel = dir.filePath("parallel.safetensors");
        const int port = archscope::test::freeLoopbackPort();
        auto r0 = startRank(0, 2, port, trainArgs(parallel));
        auto r1 = startRank(1, 2, port, trainArgs(parallel));
        QVERIFY(r0->waitForFinished(kProcessTimeoutMs) && r1->waitForFinished(kProcessTimeoutMs));
        const QByteArray err0 = r0->readAllStandardError(), err1 = r1->readAllStandardError();
        const QByteArray out0 = r0->readAllStandardOutput(), out1 = r1->readAllStandardOutput();
        QVERIFY2(r0->exitCode() == 0 && r1->exitCode() == 0, err0 + "\n---\n" + err1);
        QVERIFY2(err0.contains("data-parallel: 2 ranks, global batch 32"), err0);
        QCOMPARE(err0.count("epoch "), alone.err.count("epoch "));
        QVERIFY2(err1.isEmpty() && out1.isEmpty(), err1 + out1);
        QVERIFY2(jsonObject(out0), out0);

        const QString golden = dir.filePath("golden.jsonl");
        QVERIFY(writeFile(golden, goldenJsonl()));
        const QList<double> a = predictions(single, golden, dir.filePath("a.csv"));
        const QList<double> b = predictions(parallel, golden, dir.filePath("b.csv"));
        QCOMPARE(a.size(), kGoldenCount);
        QCOMPARE(b.size(), kGoldenCount);
        for (int i = 0; i < kGoldenCount; ++i)
            QVERIFY2(std::abs(a[i] - b[i]) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(a[i]).arg(b[i])));
    }

    // A rank that dies (SIGKILL) or hangs (SIGSTOP) mid-run: the other stops with one line naming its rank,
    // within the timeout, and the checkpoint it wrote last still loads as a model.
    void aDeadOrHungRankStopsTheOther_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("killed") << int(SIGKILL);
        QTest::newRow("stopped") << int(SIGSTOP);
    }
    void aDeadOrHungRankStopsTheOther()
    {
        QFETCH(int, signal);
        QTemporaryDir dir;
        const QString checkpoint = dir.filePath("run.ckpt");
        const QStringList args = trainArgs(dir.filePath("model.safetensors"), 400, {"--checkpoint", checkpoint});
        const int port = archscope::test::freeLoopbackPort();
        const int timeout = 5 * testSlowdown();
        auto r0 = startRank(0, 2, port, args, timeout);
        auto r1 = startRank(1, 2, port, args, timeout);
        QByteArray err0;
        QVERIFY2(waitForError(*r0, err0, "epoch    2/"), err0);
        ::kill(pid_t(r1->processId()), signal);
        QElapsedTimer t;
        t.start();
        QVERIFY(r0->waitForFinished(kProcessTimeoutMs));
        const double seconds = double(t.elapsed()) / 1000;
        err0 += r0->readAllStandardError();
        if (signal == SIGSTOP)
            ::kill(pid_t(r1->processId()), SIGKILL);
        r1->waitForFinished();
        QVERIFY2(r0->exitStatus() == QProcess::NormalExit, qPrintable("rank 0 died of signal " + QString::number(r0->exitCode())));
        QCOMPARE(r0->exitCode(), 1);
        const QByteArray last = err0.trimmed().split('\n').last();
        QVERIFY2(last.startsWith("archscope-cli: data-parallel rank 0 of 2: "), err0);
        QVERIFY2(seconds < timeout + 10 * testSlowdown(), qPrintable(QString::number(seconds)));
        QVERIFY(!QFile::exists(dir.filePath("model.safetensors")));
        QVERIFY(QFile::exists(checkpoint));
        const QString golden = dir.filePath("golden.jsonl");
        QVERIFY(writeFile(golden, goldenJsonl()));
        QCOMPARE(predictions(checkpoint, golden, dir.filePath("p.csv")).size(), kGoldenCount);
    }

    // Rank 0 of 2 whose partner never starts is told so at the rendezvous, naming the rank it waited for,
    // within the timeout and a half (it used to take about twice the timeout).
    void aRankAloneFailsTheRendezvous()
    {
        QTemporaryDir dir;
        const int timeout = 3 * testSlowdown();
        QElapsedTimer t;
        t.start();
        auto r0 = startRank(0, 2, archscope::test::freeLoopbackPort(), trainArgs(dir.filePath("m.safetensors")), timeout);
        QVERIFY(r0->waitForFinished(kProcessTimeoutMs));
        const double seconds = double(t.elapsed()) / 1000;
        const QByteArray err = r0->readAllStandardError();
        QCOMPARE(r0->exitCode(), 1);
        // Our error is one line, the last; LibTorch's c10d may log its own warnings before it.
        const QByteArray last = err.trimmed().split('\n').last();
        QVERIFY2(last.startsWith("archscope-cli: data-parallel rank 0 of 2: the rendezvous of 2 ranks at 127.0.0.1:"), err);
        QVERIFY2(last.endsWith("failed: waited " + QByteArray::number(timeout) + " s (ARCHSCOPE_DIST_TIMEOUT) for rank 1 to join"), err);
        QVERIFY2(seconds < 1.5 * timeout + 2 * testSlowdown(), qPrintable(QString::number(seconds)));
    }

    // Rank 1 facing a listener on MASTER_PORT that accepts and never answers (a stale process, another
    // program) waited for ever, whatever ARCHSCOPE_DIST_TIMEOUT said; now it stops within the timeout and
    // a half, naming rank 0.
    void aSilentListenerIsARankThatNeverAnswers()
    {
        const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(listener >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        QCOMPARE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        QCOMPARE(::listen(listener, 16), 0);
        socklen_t length = sizeof address;
        QCOMPARE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
        const int port = ntohs(address.sin_port);

        QTemporaryDir dir;
        const int timeout = 3 * testSlowdown();
        QElapsedTimer t;
        t.start();
        auto r1 = startRank(1, 2, port, trainArgs(dir.filePath("m.safetensors")), timeout);
        const bool finished = r1->waitForFinished(kProcessTimeoutMs);
        const double seconds = double(t.elapsed()) / 1000;
        ::close(listener);
        QVERIFY(finished);
        const QByteArray err = r1->readAllStandardError();
        QCOMPARE(r1->exitCode(), 1);
        const QByteArray last = err.trimmed().split('\n').last();
        QVERIFY2(last.startsWith("archscope-cli: data-parallel rank 1 of 2: the rendezvous of 2 ranks at 127.0.0.1:"), err);
        QVERIFY2(last.contains("waited " + QByteArray::number(timeout) + " s (ARCHSCOPE_DIST_TIMEOUT) for rank 0"), err);
        QVERIFY2(seconds < 1.5 * timeout + 2 * testSlowdown(), qPrintable(QString::number(seconds)));
    }

    // Two ranks started with different seeds used to train apart silently: both stop at the start with
    // the same line naming the field.
    void ranksWithDifferentSeedsStopWithTheSameLine()
    {
        QTemporaryDir dir;
        const int port = archscope::test::freeLoopbackPort();
        QStringList other = trainArgs(dir.filePath("m.safetensors"));
        other[other.indexOf(QStringLiteral("--seed")) + 1] = QStringLiteral("4");
        auto r0 = startRank(0, 2, port, trainArgs(dir.filePath("m.safetensors")), 20 * testSlowdown());
        auto r1 = startRank(1, 2, port, other, 20 * testSlowdown());
        QVERIFY(r0->waitForFinished(kProcessTimeoutMs) && r1->waitForFinished(kProcessTimeoutMs));
        const QByteArray line = "archscope-cli: data-parallel: the ranks run different jobs: rank 1's seed is 4, rank 0's is 3; "
                                "start every rank with the same command and data";
        for (QProcess* p : {r0.get(), r1.get()}) {
            const QByteArray err = p->readAllStandardError();
            QCOMPARE(p->exitCode(), 1);
            QCOMPARE(err.trimmed().split('\n').last(), line);
        }
        QVERIFY(!QFile::exists(dir.filePath("m.safetensors")));
    }

    void badLaunchVariablesAreOneLine()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("RANK", "2");
        env.insert("WORLD_SIZE", "2");
        p.setProcessEnvironment(env);
        QTemporaryDir dir;
        p.start(kCli, trainArgs(dir.filePath("m.safetensors")));
        QVERIFY(p.waitForFinished(kProcessTimeoutMs));
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("RANK: '2' is not an integer from 0 to 1") && err.trimmed().count('\n') == 0, err);
    }
};

QTEST_GUILESS_MAIN(TestCliDistributed)
#include "tst_cli_distributed.moc"
