// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// export as a user runs it, checked by tools that are not ArchScope's (tests/export/check_export.py):
// ONNX's checker, OpenCV's dnn module and Debian's PyTorch. The parameter counts are the records' own
// (NAS-Bench-101's trainable_parameters); the outputs are LibTorch's on the network a train-net
// checkpoint holds.

#include "CliRunner.h"
#include "CliTestSupport.h"
#include "TinyFashionMnist.h"

#include "cell/NetworkParams.h"
#include "data/JsonlFormat.h"
#include "model/ModelArchive.h"
#include "network/CellNetwork.h"
#include "network/ImageData.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace clitest;

namespace {

const QString kPython = QStringLiteral(ARCHSCOPE_DEBIAN_PYTHON);
const QString kChecker = QStringLiteral(ARCHSCOPE_EXPORT_CHECKER);

Run runChecker(const QStringList& args) { return runCli(QStringList{kChecker} + args, kPython); }

QByteArray floatBytes(const torch::Tensor& t)
{
    const torch::Tensor c = t.to(torch::kFloat32).contiguous();
    return QByteArray(reinterpret_cast<const char*>(c.data_ptr<float>()), qsizetype(c.numel() * qint64(sizeof(float))));
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCliExport : public QObject
{
    Q_OBJECT

    QTemporaryDir dir_;

    // A train-net run of one epoch on the tiny task with a checkpoint: trained weights, and batch-norm
    // statistics that are not the initial zeros and ones.
    QString trainedCheckpoint(const QString& hash, const QString& name)
    {
        const QString checkpoint = dir_.filePath(name + ".ckpt");
        if (QFile::exists(checkpoint))
            return checkpoint;
        const Run r = runCli({"train-net", "--hash", hash, "--task-dir", dir_.path(), "--stem", "8", "--stacks", "3",
                              "--modules", "1", "--epochs", "1", "--batch", "16", "--threads", "1", "--checkpoint", checkpoint});
        return r.succeeded() ? checkpoint : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QVERIFY(writeTinyFashionMnist(dir_.path()));
    }

    void countsAreTheRecordsOwn_data()
    {
        QTest::addColumn<int>("golden");
        for (int i = 0; i < kGoldenCount; ++i)
            QTest::newRow(kGolden[i].hash) << i;
    }

    // At NAS-Bench-101's configuration (the default), the ONNX model's trainable initializers and the
    // PyTorch script's parameters add up to the record's trainable_parameters, and ONNX's checker passes.
    void countsAreTheRecordsOwn()
    {
        QFETCH(int, golden);
        const GoldenRecord& g = kGolden[golden];
        const qint64 params = QJsonDocument::fromJson(g.line).object().value("params").toInteger();
        const QString onnx = dir_.filePath(QString::fromLatin1(g.hash) + ".onnx");
        const QString script = dir_.filePath(QString::fromLatin1(g.hash) + ".py");
        for (const auto& [format, out] : {std::pair{QStringLiteral("onnx"), onnx}, std::pair{QStringLiteral("pytorch"), script}}) {
            const Run r = runCli({"export", "--hash", g.hash, "--format", format, "--out", out, "--json"});
            QVERIFY2(r.succeeded(), r.describe());
            const auto j = jsonObject(r.out);
            QVERIFY2(j && j->value("parameters").toInteger() == params && !j->value("trained").toBool(), r.describe());
        }
        const Run check = runChecker({"--onnx", onnx, "--script", script, "--params", QString::number(params)});
        QVERIFY2(check.succeeded(), check.describe());
        QFile::remove(onnx);
    }

    void trainedNetworkGivesLibTorchsOutputs_data()
    {
        QTest::addColumn<int>("golden");
        // A maxpool vertex, truncated channels and the input's projection to the output; 3 stacks take
        // 28 x 28 to 14, 7 and then 4: an odd side down-sampled with "same" padding.
        for (int i : {3, 4, 5})
            QTest::newRow(kGolden[i].hash) << i;
    }

    // Exported with a train-net checkpoint's weights: OpenCV running the ONNX model and PyTorch running
    // the script give LibTorch's logits on the same batch in eval mode, and every batch norm keeps the
    // checkpoint's running statistics.
    void trainedNetworkGivesLibTorchsOutputs()
    {
        QFETCH(int, golden);
        const GoldenRecord& g = kGolden[golden];
        const QString checkpoint = trainedCheckpoint(g.hash, g.hash);
        QVERIFY(!checkpoint.isEmpty());
        const QString onnx = dir_.filePath(QString::fromLatin1(g.hash) + "-trained.onnx");
        const QString script = dir_.filePath(QString::fromLatin1(g.hash) + "-trained.py");
        for (const auto& [format, out] : {std::pair{QStringLiteral("onnx"), onnx}, std::pair{QStringLiteral("pytorch"), script}}) {
            const Run r = runCli({"export", "--weights", checkpoint, "--format", format, "--out", out, "--json"});
            QVERIFY2(r.succeeded(), r.describe());
            const auto j = jsonObject(r.out);
            QVERIFY2(j && j->value("trained").toBool() && j->value("stem").toInt() == 8 && j->value("stacks").toInt() == 3,
                     r.describe());
        }

        archscope::NetworkConfig config;
        config.stemChannels = 8;
        config.numStacks = 3;
        config.cellsPerStack = 1;
        archscope::setTaskInput(config, "fashion-mnist");
        const archscope::Cell cell = archscope::cellFromJson(g.line, "golden");
        archscope::CellNetwork net(archscope::buildNetworkPlan(cell, config), false);
        archscope::openModelArchive(checkpoint.toStdString()).nested("network")->loadModule(*net, "checkpoint");
        net->eval();
        torch::manual_seed(7);
        const torch::Tensor batch = torch::randn({3, 1, 28, 28});
        torch::Tensor logits;
        {
            torch::NoGradGuard noGrad;
            logits = net->forward(batch);
        }
        const QString input = dir_.filePath("input.bin");
        const QString expected = dir_.filePath("expected.bin");
        QVERIFY(writeFile(input, floatBytes(batch)));
        QVERIFY(writeFile(expected, floatBytes(logits)));
        const Run check = runChecker({"--onnx", onnx, "--script", script, "--weights", checkpoint, "--params",
                                      QString::number(archscope::trainableParameterCount(*net)), "--input", input,
                                      "--expected", expected, "--shape", "3,1,28,28"});
        QVERIFY2(check.succeeded(), check.describe());
    }

    // The checker itself fails on a count that is off by one and on outputs that are not LibTorch's,
    // so the checks above can fail.
    void checkerCatchesWrongCountsAndOutputs()
    {
        const GoldenRecord& g = kGolden[3];
        const QString checkpoint = trainedCheckpoint(g.hash, g.hash);
        QVERIFY(!checkpoint.isEmpty());
        const QString onnx = dir_.filePath("wrong.onnx");
        QVERIFY(runCli({"export", "--weights", checkpoint, "--format", "onnx", "--out", onnx}).succeeded());
        const Run offByOne = runChecker({"--onnx", onnx, "--params", "1"});
        QVERIFY2(offByOne.finished && offByOne.exitCode == 1 && offByOne.err.contains("not 1"), offByOne.describe());
        torch::manual_seed(1);
        const QString input = dir_.filePath("input-wrong.bin");
        const QString expected = dir_.filePath("expected-wrong.bin");
        QVERIFY(writeFile(input, floatBytes(torch::randn({2, 1, 28, 28}))));
        QVERIFY(writeFile(expected, floatBytes(torch::randn({2, 10}))));
        const Run wrong = runChecker({"--onnx", onnx, "--input", input, "--expected", expected, "--shape", "2,1,28,28"});
        QVERIFY2(wrong.finished && wrong.exitCode == 1 && wrong.err.contains("differ from LibTorch"), wrong.describe());
    }

    void refusesWhatItCannotDo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        const QString h = QString::fromLatin1(kGolden[3].hash);
        QTest::newRow("unknown format") << QStringList{"--hash", h, "--format", "tflite"} << "--format: 'tflite' is not onnx or pytorch";
        QTest::newRow("no cell") << QStringList{"--format", "onnx"} << "--hash";
        QTest::newRow("unknown hash") << QStringList{"--hash", "0123456789abcdef0123456789abcdef", "--format", "onnx"} << "is not in";
        QTest::newRow("invalid cell") << QStringList{"--ops", "input,conv3x3-bn-relu,output", "--adjacency", "[[0,1,0],[0,0,0],[0,0,0]]",
                                                     "--format", "onnx"}
                                      << "invalid cell";
        QTest::newRow("zero stem") << QStringList{"--hash", h, "--format", "onnx", "--stem", "0"} << "--stem";
        QTest::newRow("a predictor, not a checkpoint") << QStringList{"--weights", kGnn, "--format", "onnx"} << "not a train-net checkpoint";
        QTest::newRow("another cell's checkpoint") << QStringList{"--weights", "CKPT", "--hash", QString::fromLatin1(kGolden[4].hash),
                                                                  "--format", "pytorch"}
                                                   << "the checkpoint is of cell " + h;
        QTest::newRow("another stem") << QStringList{"--weights", "CKPT", "--stem", "16", "--format", "onnx"}
                                      << "has stem 8, not the 16 asked for";
        QTest::newRow("damaged checkpoint") << QStringList{"--weights", "DAMAGED", "--format", "onnx"} << "DAMAGED";
        QTest::newRow("missing checkpoint") << QStringList{"--weights", "/nonexistent/x.ckpt", "--format", "onnx"} << "/nonexistent/x.ckpt";
    }

    // Each refusal is one line naming the option or the file, and writes nothing.
    void refusesWhatItCannotDo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        const QString checkpoint = trainedCheckpoint(kGolden[3].hash, kGolden[3].hash);
        QVERIFY(!checkpoint.isEmpty());
        const QString damaged = dir_.filePath("damaged.ckpt");
        QVERIFY(writeFile(damaged, fileBytes(checkpoint).left(5000)));
        args.replaceInStrings("CKPT", checkpoint);
        args.replaceInStrings("DAMAGED", damaged);
        error.replace("DAMAGED", damaged);
        const QString out = dir_.filePath("refused.out");
        const Run r = runCli(QStringList{"export", "--out", out} + args);
        QVERIFY2(r.finished && r.exitCode != 0, r.describe());
        // The first line says it all (a usage error adds CLI11's pointer to --help).
        QVERIFY2(QString::fromUtf8(r.err.split('\n').first()).contains(error), r.describe());
        QVERIFY(!QFile::exists(out));
    }

    // The checkpoint's cell given with a vertex that pruning removes (a conv1x1 without edges): the same
    // module, so its weights are taken.
    void takesTheCheckpointForTheSameCellUnpruned()
    {
        const QString checkpoint = trainedCheckpoint(kGolden[3].hash, kGolden[3].hash);
        QVERIFY(!checkpoint.isEmpty());
        const QString out = dir_.filePath("unpruned.py");
        const Run r = runCli({"export", "--weights", checkpoint, "--ops",
                              "input,maxpool3x3,conv3x3-bn-relu,conv3x3-bn-relu,conv1x1-bn-relu,output", "--adjacency",
                              "[[0,1,1,1,0,1],[0,0,1,1,0,1],[0,0,0,1,0,0],[0,0,0,0,0,1],[0,0,0,0,0,0],[0,0,0,0,0,0]]",
                              "--format", "pytorch", "--out", out, "--json"});
        QVERIFY2(r.succeeded(), r.describe());
        const auto j = jsonObject(r.out);
        QVERIFY2(j && j->value("trained").toBool() && j->value("hash").toString() == QLatin1String(kGolden[3].hash), r.describe());
    }

    // --out naming the checkpoint it reads is refused before anything is written: the checkpoint stays whole.
    void neverWritesOverTheCheckpointItReads()
    {
        const QString checkpoint = trainedCheckpoint(kGolden[3].hash, kGolden[3].hash);
        QVERIFY(!checkpoint.isEmpty());
        const QByteArray before = fileBytes(checkpoint);
        const Run r = runCli({"export", "--weights", checkpoint, "--format", "onnx", "--out", checkpoint});
        QVERIFY2(r.finished && r.exitCode != 0 && r.err.contains("is the input"), r.describe());
        QVERIFY(fileBytes(checkpoint) == before);
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
