// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// archscope-cli against values outside their domain, damaged inputs and interruptions: every error is
// one line naming the option or the file (and line), and an interrupted write leaves no temporary file.
#include <QtTest>

#include "CliTestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <csignal>

#include <sys/stat.h>

// The CLI under test is built like this test: with AddressSanitizer in the asan preset.
#if defined(__SANITIZE_ADDRESS__)
#define ARCHSCOPE_CLI_HAS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARCHSCOPE_CLI_HAS_ASAN 1
#endif
#endif


#include <signal.h>

using namespace clitest;

namespace {

const char* const kLine = R"({"ops":["input","conv1x1-bn-relu","output"],"adjacency":[[0,1,1],[0,0,1],[0,0,0]],"params":2793866,"val_acc":{"108":0.8405448794364929}})";

QByteArray lineWith(const QByteArray& from, const QByteArray& to)
{
    QByteArray line(kLine);
    line.replace(from, to);
    return line + '\n';
}

QStringList temporaryFiles(const QString& folder)
{
    return QDir(folder).entryList({QStringLiteral("*.tmp-*")}, QDir::Files | QDir::Hidden | QDir::System);
}

} // namespace

class TestCliHarden : public QObject
{
    Q_OBJECT

    QTemporaryDir dir_;

    QString path(const QString& name) const { return dir_.filePath(name); }
    QString file(const QString& name, const QByteArray& contents) const
    {
        const QString p = path(name);
        return writeFile(p, contents) ? p : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli + " is not built"));
        QVERIFY(dir_.isValid());
    }

    // Each of these used to be taken, silently replaced by a default, wrapped around, or ended with a
    // message that named neither the option nor the file.
    void valuesOutsideTheirDomain_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        const QString out = path(QStringLiteral("never.safetensors"));
        const QStringList train{"train", "--data", kSample, "--out", out};
        for (const auto& [option, value] :
             {std::pair{"--epochs", "0"}, {"--ensemble", "0"}, {"--batch", "0"}, {"--lr", "0"}, {"--lr", "nan"},
              {"--lr", "inf"}, {"--weight-decay", "-1"}, {"--ranking-weight", "-1"}, {"--ranking-weight", "nan"},
              {"--pretraining-epochs", "-1"}, {"--train-size", "-1"}, {"--val-size", "-1"},
              {"--node-dim", "0"}, {"--graph-dim", "0"}, {"--seed", "-1"}, {"--threads", "-1"},
              {"--max-train-vertices", "7"}, {"--patience", "-2"}})
            QTest::addRow("train %s %s", option, value) << (train + QStringList{option, value}) << option;
        const QStringList vsgae{"train-vsgae", "--data", kSample, "--out", out};
        for (const auto& [option, value] :
             {std::pair{"--space-cells", "-5"}, {"--layers", "0"}, {"--beta", "-1"}, {"--epochs", "0"},
              {"--train-fraction", "2"}, {"--val-size", "-1"}, {"--lr", "nan"}, {"--samples", "0"}})
            QTest::addRow("train-vsgae %s %s", option, value) << (vsgae + QStringList{option, value}) << option;
        // train-ghn took 0 for "the default", --limit -1 or 10^20 meant "all", --seed -1 wrapped to 2^64-1.
        const QStringList trainGhn{"train-ghn", "--out", out};
        for (const auto& [option, value] :
             {std::pair{"--epochs", "0"}, {"--batch", "0"}, {"--train-images", "0"}, {"--hidden", "0"}, {"--probes", "1"},
              {"--lr", "0"}, {"--weight-decay", "-1"}, {"--seed", "-1"}, {"--patience", "-1"}, {"--threads", "-2"}})
            QTest::addRow("train-ghn %s %s", option, value) << (trainGhn + QStringList{option, value}) << option;
        const QString ghnModel = QStringLiteral(ARCHSCOPE_RESOURCES "/models/ghn-default.safetensors");
        for (const char* limit : {"-1", "100000000000000000000"})
            QTest::addRow("eval-ghn --limit %s", limit) << QStringList{"eval-ghn", "--model", ghnModel, "--limit", limit} << "--limit";
        for (const char* level : {"0", "1", "90", "nan"})
            QTest::addRow("predict --level %s", level)
                << QStringList{"predict", "--model", kGnn, "--data", kSample, "--out", path(QStringLiteral("never.csv")), "--level", level}
                << "--level";
        QTest::newRow("eval-sgd --limit -1") << QStringList{"eval-sgd", "--limit", "-1"} << "--limit";
        QTest::newRow("eval-steps --limit -1") << QStringList{"eval-steps", "--truth", kSample, "--limit", "-1"} << "--limit";
        for (const auto& [option, value] : {std::pair{"--seed", "-1"}, {"--epochs", "0"}, {"--stem", "0"}, {"--lr", "-0.1"},
                                            {"--train-images", "-5"}, {"--threads", "-1"}})
            QTest::addRow("train-net %s %s", option, value)
                << QStringList{"train-net", "--ops", "input,conv3x3-bn-relu,output", "--adjacency", "[[0,1,0],[0,0,1],[0,0,0]]",
                               option, value}
                << option;

        // Ops written with spaces are one op: this used to say "adjacency has 3 rows for 1 ops", twice prefixed.
        for (const char* command : {"inspect", "train-net"})
            QTest::addRow("%s --ops with spaces", command)
                << QStringList{command, "--ops", "input conv3x3-bn-relu output", "--adjacency", "[[0,1,0],[0,0,1],[0,0,0]]"}
                << QStringLiteral("--ops: 1 op for the 3 rows of --adjacency; give one op per vertex, separated by commas");

        QTest::newRow("sample --count 0") << QStringList{"sample", "--model", kVsgae, "--count", "0"} << "--count";
        QTest::newRow("interpolate --steps 1")
            << QStringList{"interpolate", "--model", kVsgae, "--from", "a", "--to", "b", "--steps", "1"} << "--steps";

        const QString adjacency = file(QStringLiteral("adjacency.jsonl"), lineWith("[[0,1,1]", "[[0,1,4294967297]"));
        const QString params = file(QStringLiteral("params.jsonl"), lineWith("2793866", "9223372036854775808"));
        const QString huge = file(QStringLiteral("1e999.jsonl"), lineWith("0.8405448794364929", "1e999"));
        const QString big = file(QStringLiteral("1e308.jsonl"), lineWith("0.8405448794364929", "1e308"));
        const QString twice = file(QStringLiteral("twice.jsonl"), (QByteArray(kLine) + '\n') + (QByteArray(kLine) + '\n'));
        const QString longLine = file(QStringLiteral("long.jsonl"), (QByteArray(kLine) + '\n') + QByteArray(2 << 20, ' ') + '\n');
        for (const QString& f : {adjacency, params, huge, big})
            for (const char* command : {"check", "stats"})
                QTest::addRow("%s %s", command, qPrintable(QFileInfo(f).fileName())) << QStringList{command, f}
                                                                                  << f + QStringLiteral(":1: ");
        QTest::newRow("stats with a duplicate hash") << QStringList{"stats", twice} << twice + QStringLiteral(": records 1 and 2");
        QTest::newRow("check with a duplicate hash") << QStringList{"check", twice} << twice + QStringLiteral(":2: hash");
        QTest::newRow("stats of a 2 MiB line") << QStringList{"stats", longLine}
                                              << longLine + QStringLiteral(":2: line 2 is longer than 1048576 bytes");
        QTest::newRow("check of a 2 MiB line") << QStringList{"check", longLine}
                                              << longLine + QStringLiteral(":2: line 2 is longer than 1048576 bytes");

        QTest::newRow("decode a directory") << QStringList{"decode", "--model", kVsgae, "--codes", dir_.path()}
                                            << dir_.path() + QStringLiteral(": is a directory");
        QByteArray codes = "{\"z\":[1e300";
        for (int i = 1; i < 56; ++i)
            codes += ",0";
        const QString hugeCodes = file(QStringLiteral("huge-codes.jsonl"), codes + "]}\n");
        QTest::newRow("decode 1e300") << QStringList{"decode", "--model", kVsgae, "--codes", hugeCodes}
                                      << hugeCodes + QStringLiteral(":1: z[0] is 1e+300");
        const QString shortCodes = file(QStringLiteral("short-codes.jsonl"), "{\"z\":[0.5]}\n");
        QTest::newRow("decode a code of 1") << QStringList{"decode", "--model", kVsgae, "--codes", shortCodes}
                                            << shortCodes + QStringLiteral(":1: \"z\" has 1 numbers");

        // A FIFO (or a device) given as an input used to block the open for ever, or stream without end.
        const QString fifo = path(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QString isFifo = fifo + QStringLiteral(": is a FIFO, not a regular file");
        QTest::newRow("eval --model FIFO") << QStringList{"eval", "--model", fifo, "--data", kSample} << isFifo;
        QTest::newRow("predict --model FIFO") << QStringList{"predict", "--model", fifo, "--data", kSample, "--out", path(QStringLiteral("p.csv"))}
                                               << isFifo;
        QTest::newRow("eval --data FIFO") << QStringList{"eval", "--model", kGnn, "--data", fifo} << isFifo;
        QTest::newRow("check FIFO") << QStringList{"check", fifo} << isFifo;
        QTest::newRow("stats FIFO") << QStringList{"stats", fifo} << isFifo;
        QTest::newRow("decode --codes FIFO") << QStringList{"decode", "--model", kVsgae, "--codes", fifo} << isFifo;
        QTest::newRow("check /dev/zero") << QStringList{"check", "/dev/zero"}
                                         << QStringLiteral("/dev/zero: is a character device, not a regular file");

        // A ground truth with a cell twice gave tau 1.0 on those pairs; accuracies outside [0, 1] and a
        // constant column were taken; an invalid cell was refused later without its file and line.
        const QString ghn = QStringLiteral(ARCHSCOPE_RESOURCES "/models/ghn-default.safetensors");
        const QByteArray conv1 = R"("ops":["input","conv1x1-bn-relu","output"],"adjacency":[[0,1,1],[0,0,1],[0,0,0]])";
        const QByteArray conv3 = R"("ops":["input","conv3x3-bn-relu","output"],"adjacency":[[0,1,1],[0,0,1],[0,0,0]])";
        const auto result = [](const QByteArray& cell, const QByteArray& accuracy) {
            return "{" + cell + R"(,"params":1000,"validation_accuracy":)" + accuracy + "}\n";
        };
        const QString truthTwice = file(QStringLiteral("truth-twice.jsonl"), result(conv1, "0.5") + result(conv3, "0.6") + result(conv1, "0.7"));
        QTest::newRow("eval-ghn --truth with a cell twice")
            << QStringList{"eval-ghn", "--model", ghn, "--truth", truthTwice, "--threads", "1"}
            << truthTwice + QStringLiteral(":3: cell 09fc2d10bdd6225e167a6f81a22a3f06 again (first at ") + truthTwice + QStringLiteral(":1)");
        const QString above = file(QStringLiteral("truth-above.jsonl"), result(conv1, "0.5") + result(conv3, "1.5"));
        QTest::newRow("eval-ghn --truth with an accuracy of 1.5")
            << QStringList{"eval-ghn", "--model", ghn, "--truth", above, "--threads", "1"}
            << above + QStringLiteral(":2: \"validation_accuracy\" is 1.5, expected an accuracy from 0 to 1");
        const QString constant = file(QStringLiteral("truth-constant.jsonl"), result(conv1, "0.5") + result(conv3, "0.5"));
        QTest::newRow("eval-sgd --truth that is constant")
            << QStringList{"eval-sgd", "--truth", constant, "--threads", "1"}
            << constant + QStringLiteral(": every cell's accuracy is 0.500000; a constant ground truth cannot rank anything");
        const QString invalid = file(QStringLiteral("truth-invalid.jsonl"),
                                     result(conv1, "0.5") + result(R"("ops":["input","conv1x1-bn-relu","output"],"adjacency":[[0,1,0],[0,0,0],[0,0,0]])", "0.6"));
        QTest::newRow("eval-ghn --truth with an invalid cell")
            << QStringList{"eval-ghn", "--model", ghn, "--truth", invalid, "--threads", "1"}
            << invalid + QStringLiteral(":2: invalid cell: ");

        // A value nested 100,000 deep overflowed the stack while the error message printed it.
        const QByteArray deep = QByteArray(100000, '[') + '1' + QByteArray(100000, ']');
        const QString deepParams = file(QStringLiteral("deep.jsonl"), lineWith("2793866", deep));
        for (const char* command : {"check", "stats"})
            QTest::addRow("%s of a value nested 100,000 deep", command)
                << QStringList{command, deepParams} << deepParams + QStringLiteral(":1: JSON nested deeper than 64 levels");

        QFile model(kGnn);
        QVERIFY(model.open(QIODevice::ReadOnly));
        const QByteArray bytes = model.readAll();
        const QString half = file(QStringLiteral("half.safetensors"), bytes.left(bytes.size() / 2));
        QTest::newRow("model cut in half") << QStringList{"eval", "--model", half, "--data", kSample} << half + QStringLiteral(": ");
        // One bit of a weight changed: it used to load and predict other values with exit status 0.
        QByteArray changed = bytes;
        changed[changed.size() - 100] = static_cast<char>(changed[changed.size() - 100] ^ 0x04);
        const QString flipped = file(QStringLiteral("flipped.safetensors"), changed);
        QTest::newRow("a weight's bit changed") << QStringList{"predict", "--model", flipped, "--data", kSample, "--out", file(QStringLiteral("p.csv"), "")}
                                                << flipped + QStringLiteral(": the tensors' checksum does not match");
        // A model file of an older ArchScope (a LibTorch zip) is not read, which could run its code.
        const QString zip = file(QStringLiteral("old.pt"), QByteArray("PK\x03\x04", 4) + QByteArray(200, 'x'));
        QTest::newRow("a LibTorch archive") << QStringList{"predict", "--model", zip, "--data", kSample, "--out", file(QStringLiteral("q.csv"), "")}
                                            << zip + QStringLiteral(": a model file of an older ArchScope");
        // fuzz_model's finding: weights altered, the checksum fixed to match; it predicted NaN.
        const QString altered = QStringLiteral(ARCHSCOPE_RESOURCES "/../tests/fuzz/corpus/model/nan-weights-checksum-fixed.safetensors");
        QTest::newRow("weights altered, checksum fixed")
            << QStringList{"predict", "--model", altered, "--data", kSample, "--out", file(QStringLiteral("s.csv"), "")}
            << altered + QStringLiteral(": tensor \"member0.encoder.layers.0.msg.weight\" holds NaN or infinity");
        // The file on which LibTorch's TorchScript loader crashed (SIGSEGV) when model files were archives.
        const QString crashed = QStringLiteral(ARCHSCOPE_RESOURCES "/../tests/fuzz/libtorch-crashes/class-without-parameters.pt");
        QTest::newRow("the archive that crashed LibTorch")
            << QStringList{"predict", "--model", crashed, "--data", kSample, "--out", file(QStringLiteral("r.csv"), "")}
            << crashed + QStringLiteral(": a model file of an older ArchScope");
    }

    void valuesOutsideTheirDomain()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        const Run r = runCli(args);
        verifyOneLineError(r, named);
    }

    // Under a memory limit, an allocation that fails ends the command with one line (it used to be
    // "std::bad_alloc" at best). 2,000,000,000 prior samples need ~50 GB; 4 GB of address space is
    // enough for everything else the CLI does (stats of the sample runs under it).
    void outOfMemoryIsOneLine()
    {
#ifdef ARCHSCOPE_CLI_HAS_ASAN
        QSKIP("AddressSanitizer reserves terabytes of address space for its shadow memory: no CLI built with it "
              "starts under ulimit -v");
#endif
        const auto limited = [](const QStringList& args) {
            return runCli(QStringList{"-c", "ulimit -v 4000000 && exec \"$0\" \"$@\"", kCli} + args, "/bin/sh");
        };
        const Run fits = limited({"stats", kSample, "--json"});
        QVERIFY2(fits.succeeded(), fits.describe().constData());
        const Run r = limited({"sample", "--model", kVsgae, "--count", "2000000000", "--threads", "1"});
        QVERIFY2(r.finished && r.status == QProcess::NormalExit && r.exitCode == 1, r.describe().constData());
        QCOMPARE(r.err.trimmed().split('\n').size(), 1);
        QVERIFY2(r.err.startsWith("archscope-cli: out of memory"), r.describe().constData());
    }

    // A disk that fills while a model is saved: LibTorch's writer threw, then threw again in its
    // destructor, so the process aborted (c10::Error) and left its temporary file. A file-size limit
    // (SIGXFSZ ignored, so write(2) fails with EFBIG as it fails with ENOSPC on a full disk) makes the
    // same failure happen on any machine: now one line naming the file, no temporary file, and the old
    // model as it was. /dev/full shows the words a full disk gives.
    void fullDiskIsOneLineAndLeavesNoTemporaryFile()
    {
        QTemporaryDir folder;
        const QString out = folder.filePath(QStringLiteral("model.safetensors"));
        QVERIFY(writeFile(out, "the model from before\n"));
        const Run r = runCli(QStringList{"-c", "trap '' XFSZ; ulimit -f 64 && exec \"$0\" \"$@\"", kCli, "train", "--data",
                                         kSample, "--train-size", "200", "--val-size", "100", "--epochs", "1", "--pretraining-epochs",
                                         "0", "--threads", "1", "--out", out},
                             "/bin/sh");
        QVERIFY2(r.finished && r.status == QProcess::NormalExit && r.exitCode == 1, r.describe().constData());
        const QList<QByteArray> lines = r.err.trimmed().split('\n');
        QVERIFY2(lines.last().startsWith("archscope-cli: " + out.toUtf8() + ": cannot write: File too large"),
                 r.describe().constData());
        QCOMPARE(temporaryFiles(folder.path()), QStringList());
        QFile kept(out);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("the model from before\n"));

        const QString full = folder.filePath(QStringLiteral("full.safetensors"));
        QVERIFY(QFile::link(QStringLiteral("/dev/full"), full));
        const Run toFull = runCli({"train", "--data", kSample, "--train-size", "200", "--val-size", "100", "--epochs", "1",
                                   "--pretraining-epochs", "0", "--threads", "1", "--out", full});
        QVERIFY2(toFull.finished && toFull.status == QProcess::NormalExit && toFull.exitCode == 1, toFull.describe().constData());
        QVERIFY2(toFull.err.trimmed().split('\n').last().startsWith("archscope-cli: " + full.toUtf8()
                                                                    + ": cannot write: No space left on device"),
                 toFull.describe().constData());
    }

    // SIGINT or SIGTERM while the output is being written: the process dies of the signal, as before,
    // and its temporary file goes with it (it used to stay as space.jsonl.gz.tmp-XXXXXX).
    void interruptedWriteLeavesNoTemporaryFile_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void interruptedWriteLeavesNoTemporaryFile()
    {
        QFETCH(int, signal);
        QTemporaryDir folder;
        const QString out = folder.filePath(QStringLiteral("space.jsonl.gz"));
        QProcess p;
        p.start(kCli, {"enumerate", "--out", out, "--threads", "1"});
        QVERIFY(p.waitForStarted());
        // The 423,624 records take seconds to format and compress, all of it into the temporary file.
        QElapsedTimer waited;
        waited.start();
        while (temporaryFiles(folder.path()).isEmpty() && p.state() == QProcess::Running
               && waited.elapsed() < kProcessTimeoutMs)
            QTest::qWait(20);
        QVERIFY2(!temporaryFiles(folder.path()).isEmpty(), "the temporary file never appeared");
        QCOMPARE(::kill(static_cast<pid_t>(p.processId()), signal), 0);
        QVERIFY(p.waitForFinished(kProcessTimeoutMs));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        QCOMPARE(p.exitCode(), signal);
        QCOMPARE(temporaryFiles(folder.path()), QStringList());
        QVERIFY(!QFileInfo::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCliHarden)
#include "tst_cli_harden.moc"
