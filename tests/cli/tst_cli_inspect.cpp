// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// archscope-cli inspect against the bundled NAS-Bench-101 sample, and check's handling of fields a
// record does not give.
#include <QtTest>

#include "CliTestSupport.h"

#include <QTemporaryDir>

using namespace clitest;

namespace {

// The params of each golden record, from its verbatim line.
qint64 paramsOf(const GoldenRecord& g)
{
    return QJsonDocument::fromJson(g.line).object().value(QStringLiteral("params")).toInteger();
}

QJsonObject accuraciesOf(const GoldenRecord& g)
{
    return QJsonDocument::fromJson(g.line).object().value(QStringLiteral("val_acc")).toObject();
}

} // namespace

class TestCliInspect : public QObject
{
    Q_OBJECT

    QTemporaryDir dir_;
    QString golden_;

    QString path(const QString& name) const { return dir_.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli + " is not built"));
        QVERIFY(dir_.isValid());
        golden_ = path(QStringLiteral("golden.jsonl"));
        QVERIFY(writeFile(golden_, goldenJsonl()));
    }

    // Hash, parameter count and the four accuracies are the sample's own, one JSON line per record.
    void goldenRecordsAsTheSampleHasThem()
    {
        const Run r = runCli({"inspect", golden_, "--json"});
        QVERIFY2(r.succeeded(), r.describe().constData());
        const auto lines = jsonLines(r.out);
        QVERIFY2(lines && lines->size() == kGoldenCount, r.describe().constData());
        for (int i = 0; i < kGoldenCount; ++i) {
            const QJsonObject& j = lines->at(i);
            const GoldenRecord& g = kGolden[i];
            QCOMPARE(j.value("source").toString(), golden_ + QStringLiteral(":%1").arg(i + 1));
            QCOMPARE(j.value("valid").toBool(), true);
            QCOMPARE(j.value("reason").toString(), QString());
            QCOMPARE(j.value("hash").toString(), QString(g.hash));
            QCOMPARE(j.value("params").toInteger(), paramsOf(g));
            QCOMPARE(j.value("ops").toArray().size(), g.vertices);
            const QJsonObject line = QJsonDocument::fromJson(g.line).object();
            QCOMPARE(j.value("ops").toArray(), line.value("ops").toArray());
            QCOMPARE(j.value("adjacency").toArray(), line.value("adjacency").toArray());
            const QJsonObject expected = accuraciesOf(g);
            const QJsonObject acc = j.value("val_acc").toObject();
            QCOMPARE(acc.keys(), expected.keys());
            for (const QString& epochs : expected.keys())
                QVERIFY2(qAbs(acc.value(epochs).toDouble() - expected.value(epochs).toDouble()) < 1e-7,
                         qPrintable(epochs));
        }
    }

    // NAS-Bench-101 prunes before it checks ops (model_spec.py, api.py is_valid): vertex 2 reaches
    // nothing, so its unknown op does not matter. The hash is graph_util.hash_module's for the pruned
    // chain input -> conv3x3 -> output (labels [-1, 0, -2]); that cell is not in the sample.
    void unknownOpOnAPrunedVertexIsValid()
    {
        const Run r = runCli({"inspect", "--ops", "input,conv3x3-bn-relu,conv5x5,output", "--adjacency",
                              "[[0,1,1,0],[0,0,0,1],[0,0,0,0],[0,0,0,0]]", "--json"});
        QVERIFY2(r.succeeded(), r.describe().constData());
        const auto j = jsonObject(r.out);
        QVERIFY2(j, r.describe().constData());
        QCOMPARE(j->value("valid").toBool(), true);
        QCOMPARE(j->value("hash").toString(), QStringLiteral("b49ac8c578b4561d79ac7087988f1c61"));
        QVERIFY2(j->value("reason").toString().contains(QStringLiteral("pruned vertex 2 (conv5x5)")),
                 r.describe().constData());
        QCOMPARE(j->value("ops").toArray(), (QJsonArray{"input", "conv3x3-bn-relu", "output"}));
        QCOMPARE(j->value("adjacency").toArray(), (QJsonArray{QJsonArray{0, 1, 0}, QJsonArray{0, 0, 1}, QJsonArray{0, 0, 0}}));
        QVERIFY(!j->contains("val_acc"));
    }

    void invalidCellsSayWhy_data()
    {
        QTest::addColumn<QString>("ops");
        QTest::addColumn<QString>("adjacency");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unreachable output") << "input,conv3x3-bn-relu,output" << "[[0,1,0],[0,0,0],[0,0,0]]"
                                            << "the output (vertex 2) cannot be reached from the input";
        QTest::newRow("kept unknown op") << "input,conv5x5,output" << "[[0,1,0],[0,0,1],[0,0,0]]"
                                         << "vertex 1 is \"conv5x5\", interior vertices must be";
        QTest::newRow("backward edge") << "input,conv3x3-bn-relu,output" << "[[0,1,0],[0,0,1],[0,1,0]]"
                                       << "edge 2 -> 1 goes backwards";
        QTest::newRow("adjacency 2") << "input,output" << "[[0,2],[0,0]]" << "adjacency[0][1] is 2, expected 0 or 1";
    }

    void invalidCellsSayWhy()
    {
        QFETCH(QString, ops);
        QFETCH(QString, adjacency);
        QFETCH(QString, reason);
        const Run r = runCli({"inspect", "--ops", ops, "--adjacency", adjacency, "--json"});
        QVERIFY2(r.finished && r.status == QProcess::NormalExit && r.exitCode == 1, r.describe().constData());
        const auto j = jsonObject(r.out);
        QVERIFY2(j, r.describe().constData());
        QCOMPARE(j->value("valid").toBool(), false);
        QVERIFY2(j->value("reason").toString().contains(reason), r.describe().constData());
        QVERIFY(j->value("hash").isNull());
    }

    // Each --model adds its prediction; the bundled GNN's for the sample's best cell is within the
    // accuracies NAS-Bench-101 has at all, and the text form says the same things.
    void predictionsAndTextForm()
    {
        const GoldenRecord& best = kGolden[kGoldenCount - 1];
        const QJsonObject line = QJsonDocument::fromJson(best.line).object();
        QStringList names;
        for (const QJsonValue& op : line.value("ops").toArray())
            names.append(op.toString());
        const QString ops = names.join(QLatin1Char(','));
        const QString adjacency =
            QString::fromUtf8(QJsonDocument(line.value("adjacency").toArray()).toJson(QJsonDocument::Compact));
        const QStringList args{"inspect", "--ops", ops, "--adjacency", adjacency, "--model", kGnn, "--threads", "1"};
        const Run r = runCli(args + QStringList{"--json"});
        QVERIFY2(r.succeeded(), r.describe().constData());
        const auto j = jsonObject(r.out);
        QVERIFY2(j, r.describe().constData());
        QCOMPARE(j->value("hash").toString(), QString(best.hash));
        const double predicted = j->value("predictions").toObject().value(kGnn).toDouble(-1);
        QVERIFY2(predicted > 0.85 && predicted < 1.0, r.describe().constData());
        // The bundled model carries its calibration: a 90% interval around the prediction.
        const QJsonArray interval = j->value("intervals").toObject().value(kGnn).toArray();
        QCOMPARE(interval.size(), 2);
        QVERIFY2(interval[0].toDouble() < predicted && predicted < interval[1].toDouble(), r.describe().constData());
        QCOMPARE(j->value("interval_level").toDouble(), 0.9);

        const Run text = runCli(args);
        QVERIFY2(text.succeeded(), text.describe().constData());
        QVERIFY2(text.out.contains(QByteArray("valid, hash ") + best.hash), text.describe().constData());
        QVERIFY2(text.out.contains("31552906 parameters"), text.describe().constData());
        QVERIFY2(text.out.contains("108 epochs 0.9491"), text.describe().constData());
        QVERIFY2(text.out.contains("(90% interval "), text.describe().constData());
    }

    // A record without "params" used to count as a parameter mismatch (exit 1) while one without "hash"
    // had its hash computed; both are "not given" now.
    void checkTakesMissingFieldsAsNotGiven_data()
    {
        QTest::addColumn<QStringList>("drop");
        QTest::newRow("no params") << QStringList{"params"};
        QTest::newRow("no hash") << QStringList{"hash"};
        QTest::newRow("neither") << QStringList{"params", "hash"};
    }

    void checkTakesMissingFieldsAsNotGiven()
    {
        QFETCH(QStringList, drop);
        QByteArray text;
        for (const GoldenRecord& g : kGolden) {
            QJsonObject o = QJsonDocument::fromJson(g.line).object();
            for (const QString& key : drop)
                o.remove(key);
            text += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        }
        const QString file = path(QStringLiteral("dropped.jsonl"));
        QVERIFY(writeFile(file, text));
        const Run r = runCli({"check", file, "--json", "--threads", "1"});
        QVERIFY2(r.succeeded(), r.describe().constData());
        const auto j = jsonObject(r.out);
        QVERIFY2(j, r.describe().constData());
        QCOMPARE(j->value("records").toInt(), kGoldenCount);
        QCOMPARE(j->value("hash_mismatches").toInt(), 0);
        QCOMPARE(j->value("param_mismatches").toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliInspect)
#include "tst_cli_inspect.moc"
