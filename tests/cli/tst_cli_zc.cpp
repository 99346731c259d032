// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// eval-zc as a user runs it: the JSON report, the scores file, shards joined by merge, the refusals.

#include "CliRunner.h"
#include "CliTestSupport.h"
#include "TinyFashionMnist.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace clitest;

namespace {

const QStringList kProxies{"params", "flops", "synflow", "snip", "grasp", "fisher", "grad_norm",
                           "jacov", "nwot", "l2_norm", "zen", "plain", "epe_nas", "zico"};

QStringList csvLines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

} // namespace

class TestCliZc : public QObject
{
    Q_OBJECT

    QTemporaryDir dir_;
    QStringList small_; // a small network on the tiny task

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QVERIFY(writeTinyFashionMnist(dir_.path()));
        small_ = QStringList{"eval-zc", "--task-dir", dir_.path(), "--stem", "4", "--stacks", "2", "--modules", "1",
                             "--batch", "16", "--threads", "1"};
    }

    // Every proxy on 12 bundled cells: one JSON line with each proxy's correlations and seconds and the
    // parameter count's, and a CSV of hash then one column per proxy, every score a number.
    void reportsEveryProxyAndWritesItsScores()
    {
        const QString out = dir_.filePath("scores.csv");
        const Run r = runCli(small_ + QStringList{"--limit", "12", "--out", out, "--json"});
        QVERIFY2(r.succeeded(), r.describe());
        const auto j = jsonObject(r.out);
        QVERIFY2(j, r.describe());
        QCOMPARE(j->value("n").toInt(), 12);
        const QJsonObject proxies = j->value("proxies").toObject();
        QCOMPARE(proxies.keys().size(), kProxies.size());
        for (const QString& name : kProxies) {
            const QJsonObject p = proxies.value(name).toObject();
            for (const char* key : {"kendall_tau", "spearman", "pearson", "kendall_tau_top10", "seconds_per_cell"})
                QVERIFY2(p.value(key).isDouble(), qPrintable(name + " has no " + key));
            QVERIFY(std::abs(p.value("kendall_tau").toDouble()) <= 1);
        }
        QVERIFY(j->value("parameter_count").toObject().value("kendall_tau").isDouble());
        const QStringList lines = csvLines(out);
        QCOMPARE(lines.size(), 13);
        QCOMPARE(lines.front(), "hash," + kProxies.join(','));
        for (const QString& line : lines.mid(1)) {
            const QStringList fields = line.split(',');
            QCOMPARE(fields.size(), kProxies.size() + 1);
            QVERIFY(isModuleHash(fields.front()));
            for (const QString& f : fields.mid(1)) {
                bool ok = false;
                const double v = f.toDouble(&ok);
                QVERIFY2(ok && std::isfinite(v), qPrintable(line));
            }
        }
    }

    // Data-free proxies at NAS-Bench-101's own configuration need no image files: params is each golden
    // record's own trainable_parameters, and a second run gives the same bytes.
    void dataFreeProxiesRunAtNasBench101sConfigurationWithoutImages()
    {
        const QString data = dir_.filePath("golden.jsonl");
        QVERIFY(writeFile(data, goldenJsonl()));
        const QString first = dir_.filePath("free-1.csv"), second = dir_.filePath("free-2.csv");
        for (const QString& out : {first, second}) {
            const Run r = runCli({"eval-zc", "--data", data, "--task", "cifar10", "--proxies", "params,flops,synflow",
                                  "--batch", "4", "--threads", "1", "--out", out});
            QVERIFY2(r.succeeded(), r.describe());
        }
        const QStringList lines = csvLines(first);
        QCOMPARE(lines.size(), kGoldenCount + 1);
        for (int i = 0; i < kGoldenCount; ++i) {
            const QJsonObject record = jsonObject(kGolden[i].line).value();
            const QStringList fields = lines[i + 1].split(',');
            QCOMPARE(fields[0], QString(kGolden[i].hash));
            QCOMPARE(fields[1].toLongLong(), record.value("params").toInteger());
        }
        QCOMPARE(csvLines(second), lines);
    }

    // Two shards merge into the unsharded run's scores, byte for byte: each cell's network and batch
    // come from the seed alone.
    void shardsMergeIntoTheWholeRun()
    {
        const QStringList base = small_ + QStringList{"--limit", "6", "--proxies", "synflow,snip,nwot"};
        const QString whole = dir_.filePath("whole.csv");
        const Run all = runCli(base + QStringList{"--out", whole});
        QVERIFY2(all.succeeded(), all.describe());
        const QString out = dir_.filePath("part.csv");
        QStringList parts;
        for (int i = 0; i < 2; ++i) {
            const Run r = runCli(base + QStringList{"--shard", QString("%1/2").arg(i), "--out", out, "--json"});
            QVERIFY2(r.succeeded(), r.describe());
            parts << dir_.filePath(QString("part.shard-%1-of-2.csv").arg(i));
        }
        const QString merged = dir_.filePath("merged.csv");
        const Run m = runCli({"merge", "--out", merged, parts[1], parts[0]});
        QVERIFY2(m.succeeded(), m.describe());
        QCOMPARE(csvLines(merged), csvLines(whole));
    }

    // With --ghn the GHN score is a column of its own, and --rank-mean adds each cell's mean rank over the
    // named scores, here recomputed from the CSV's own columns.
    void ghnColumnAndTheMeanOfRanks()
    {
        const QString out = dir_.filePath("ranked.csv");
        const Run r = runCli(small_ + QStringList{"--limit", "9", "--proxies", "params,zen", "--ghn",
                                                  QStringLiteral(ARCHSCOPE_RESOURCES "/models/ghn-default.safetensors"),
                                                  "--rank-mean", "ghn,zen", "--out", out, "--json"});
        QVERIFY2(r.succeeded(), r.describe());
        const auto j = jsonObject(r.out);
        QVERIFY2(j && j->value("proxies").toObject().contains("rank_mean") && j->value("proxies").toObject().contains("ghn"),
                 r.describe());
        const QStringList lines = csvLines(out);
        QCOMPARE(lines.front(), QStringLiteral("hash,params,zen,ghn,rank_mean"));
        QList<QList<double>> rows;
        for (const QString& line : lines.mid(1)) {
            QList<double> row;
            for (const QString& f : line.split(',').mid(1))
                row << f.toDouble();
            rows << row;
        }
        QCOMPARE(rows.size(), 9);
        const auto rankOf = [&](int row, int column) { // ties share their mean rank, scaled to [0, 1]
            double below = 0, equal = 0;
            for (const auto& other : rows) {
                below += other[column] < rows[row][column];
                equal += other[column] == rows[row][column];
            }
            return (below + (equal - 1) / 2) / double(rows.size() - 1);
        };
        for (int i = 0; i < rows.size(); ++i) {
            QVERIFY(rows[i][2] > 0 && rows[i][2] < 1); // exp(-loss)
            QVERIFY(std::abs(rows[i][3] - (rankOf(i, 2) + rankOf(i, 1)) / 2) < 1e-9);
        }
    }

    // --out naming the GHN model it reads is refused before anything is written: the model stays whole.
    void neverWritesOverTheGhnItReads()
    {
        const QString model = dir_.filePath("ghn-copy.safetensors");
        QVERIFY(QFile::copy(QStringLiteral(ARCHSCOPE_RESOURCES "/models/ghn-default.safetensors"), model));
        QFile original(QStringLiteral(ARCHSCOPE_RESOURCES "/models/ghn-default.safetensors"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        const Run r = runCli({"eval-zc", "--limit", "3", "--proxies", "params", "--ghn", model, "--out", model});
        QVERIFY2(r.finished && r.exitCode != 0 && r.err.contains("is the input"), r.describe());
        QFile kept(model);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QVERIFY(kept.readAll() == original.readAll());
    }

    void refusesWhatItCannotDo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown proxy") << QStringList{"--proxies", "synflow,naswot"} << "unknown proxy 'naswot'";
        QTest::newRow("all space without out") << QStringList{"--all-space"} << "--out";
        QTest::newRow("batch of one") << QStringList{"--batch", "1"} << "--batch";
        QTest::newRow("no stem") << QStringList{"--stem", "0"} << "--stem";
        QTest::newRow("cifar without files") << QStringList{"--task", "cifar10", "--proxies", "snip"} << "cifar10";
        QTest::newRow("rank mean of a shard") << QStringList{"--proxies", "params,zen", "--rank-mean", "params,zen", "--shard", "0/2"}
                                              << "--rank-mean";
        QTest::newRow("rank mean of a missing score") << QStringList{"--proxies", "params,zen", "--rank-mean", "params,ghn"}
                                                      << "ghn is not among";
        QTest::newRow("not a GHN") << QStringList{"--proxies", "params", "--ghn", kGnn} << "not a Graph HyperNetwork";
        QTest::newRow("batch larger than the images") << QStringList{"--task-dir", "TINY", "--batch", "100"} << "48 training images";
    }

    // Each refusal is one line naming the option or the cause, and writes nothing.
    void refusesWhatItCannotDo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        args.replaceInStrings("TINY", dir_.path());
        const QString out = dir_.filePath("refused.csv");
        const QStringList extra = args.contains("--all-space") ? QStringList{} : QStringList{"--out", out};
        const Run r = runCli(QStringList{"eval-zc", "--limit", "3", "--threads", "1"} + args + extra);
        QVERIFY2(r.finished && r.exitCode != 0, r.describe());
        QVERIFY2(QString::fromUtf8(r.err).contains(error), r.describe());
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCliZc)
#include "tst_cli_zc.moc"
