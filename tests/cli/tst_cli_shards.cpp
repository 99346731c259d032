// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Sharded batch jobs as a cluster user runs them: predict, encode, eval-ghn and train-net --cells split
// with --shard (or a Slurm array's variables), each shard writing its own file, and merge joining them
// into what the unsharded run writes, refusing shards that are missing, doubled or of another job.
#include "CliTestSupport.h"
#include "TinyFashionMnist.h"

#include <QtTest>

#include <QDir>
#include <QJsonArray>
#include <QProcessEnvironment>
#include <QTemporaryDir>

using namespace clitest;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

QList<QByteArray> lines(const QString& path)
{
    QList<QByteArray> out;
    for (const QByteArray& l : readAll(path).split('\n'))
        if (!l.isEmpty())
            out.append(l);
    return out;
}

// Runs `args` once per shard of `count`, with --shard I/N appended; the shards' files.
QStringList runShards(const QStringList& args, const QString& out, int count)
{
    QStringList files;
    for (int i = 0; i < count; ++i) {
        const Run r = runCli(args + QStringList{"--shard", QStringLiteral("%1/%2").arg(i).arg(count)});
        if (!r.succeeded()) {
            qWarning("%s", r.describe().constData());
            return {};
        }
        const QFileInfo o(out);
        QString name = o.completeBaseName() + QStringLiteral(".shard-%1-of-%2.").arg(i).arg(count) + o.suffix();
        files.append(o.dir().filePath(name));
    }
    return files;
}

// CSV rows hash,value,... of two files: same hashes in the same order, values within `tolerance`
// (a block of cells is batched differently than the whole set, which moves the float32 sums' last digits).
void compareCsv(const QString& merged, const QString& whole, double tolerance)
{
    const auto a = lines(merged);
    const auto b = lines(whole);
    QCOMPARE(a.size(), b.size());
    QCOMPARE(a.front(), b.front());
    for (qsizetype i = 1; i < a.size(); ++i) {
        const auto x = a[i].split(',');
        const auto y = b[i].split(',');
        QCOMPARE(x.size(), y.size());
        QCOMPARE(x[0], y[0]);
        for (qsizetype c = 1; c < x.size(); ++c)
            QVERIFY2(std::abs(x[c].toDouble() - y[c].toDouble()) <= tolerance, (a[i] + " vs " + b[i]).constData());
    }
}

} // namespace

class TestCliShards : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The acceptance round trip: the bundled data's predictions in 3 shards, merged.
    void predictShardsMergeIntoTheWholeRun()
    {
        QTemporaryDir dir;
        const QString whole = dir.filePath("whole.csv");
        const Run all = runCli({"predict", "--model", kGnn, "--out", whole});
        QVERIFY2(all.succeeded(), all.describe());
        const QString out = dir.filePath("preds.csv");
        const QStringList shards = runShards({"predict", "--model", kGnn, "--out", out}, out, 3);
        QCOMPARE(shards.size(), 3);
        for (const QString& s : shards)
            QVERIFY2(QFile::exists(s + ".shard.json"), qPrintable(s));
        QCOMPARE(lines(shards[1]).size(), 6667 + 1);
        const QString merged = dir.filePath("merged.csv");
        const Run m = runCli({"merge", "--out", merged, shards[2], shards[0], shards[1], "--json"});
        QVERIFY2(m.succeeded(), m.describe());
        const auto j = jsonObject(m.out);
        QVERIFY2(j, m.describe());
        QCOMPARE(j->value("rows").toInt(), 20001);
        QCOMPARE(j->value("shards").toInt(), 3);
        compareCsv(merged, whole, 1e-5);
    }

    void encodeShardsMergeIntoTheWholeRun()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath("golden.jsonl");
        QVERIFY(writeFile(data, goldenJsonl()));
        const Run all = runCli({"encode", "--model", kVsgae, "--data", data, "--threads", "1"});
        QVERIFY2(all.succeeded(), all.describe());
        const QString out = dir.filePath("codes.jsonl");
        const QStringList shards = runShards({"encode", "--model", kVsgae, "--data", data, "--threads", "1", "--out", out}, out, 4);
        QCOMPARE(shards.size(), 4);
        const QString merged = dir.filePath("merged.jsonl");
        const Run m = runCli({"merge", "--out", merged, shards[3], shards[1], shards[2], shards[0]});
        QVERIFY2(m.succeeded(), m.describe());
        const auto expected = jsonLines(all.out);
        const auto joined = jsonLines(readAll(merged));
        QVERIFY(expected && joined);
        QCOMPARE(joined->size(), kGoldenCount);
        for (int i = 0; i < kGoldenCount; ++i) {
            QCOMPARE(joined->at(i).value("hash"), expected->at(i).value("hash"));
            const QJsonArray z = joined->at(i).value("z").toArray(), w = expected->at(i).value("z").toArray();
            QCOMPARE(z.size(), w.size());
            for (qsizetype k = 0; k < z.size(); ++k)
                QVERIFY(std::abs(z[k].toDouble() - w[k].toDouble()) < 1e-5);
        }
        const Run noOut = runCli({"encode", "--model", kVsgae, "--data", data, "--shard", "0/2"});
        QVERIFY2(!noOut.succeeded() && noOut.err.contains("--out"), noOut.describe());
    }

    // A Slurm array task finds its shard in the environment: task 5 of an array 4-5 is shard 1 of 2.
    void aSlurmArrayTaskRunsItsShard()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath("golden.jsonl");
        QVERIFY(writeFile(data, goldenJsonl()));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("SLURM_ARRAY_TASK_ID", "5");
        env.insert("SLURM_ARRAY_TASK_MIN", "4");
        env.insert("SLURM_ARRAY_TASK_COUNT", "2");
        p.setProcessEnvironment(env);
        p.start(kCli, {"predict", "--model", kGnn, "--data", data, "--threads", "1", "--out", dir.filePath("p.csv")});
        QVERIFY(p.waitForFinished(kProcessTimeoutMs));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardError().contains("shard 1 of 2 (SLURM_ARRAY_TASK_ID): items 3 to 6 of 6"));
        QCOMPARE(lines(dir.filePath("p.shard-1-of-2.csv")).size(), 3 + 1);
        QVERIFY(!QFile::exists(dir.filePath("p.csv")));

        env.insert("SLURM_ARRAY_TASK_ID", "7");
        p.setProcessEnvironment(env);
        p.start(kCli, {"predict", "--model", kGnn, "--data", data, "--out", dir.filePath("p.csv")});
        QVERIFY(p.waitForFinished(kProcessTimeoutMs));
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("SLURM_ARRAY_TASK_ID 7 is not a task of an array of 2") && err.trimmed().count('\n') == 0, err);
    }

    void mergeRefusesAnIncompleteJob_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << "missing" << "shard 1 of 3 missing";
        QTest::newRow("twice") << "twice" << "shard 0 is given twice";
        QTest::newRow("other job") << "other" << "not of the same job";
        QTest::newRow("edited") << "edited" << "1 rows, its manifest says 2";
        QTest::newRow("no manifest") << "bare" << ".shard.json: cannot open";
        QTest::newRow("over an input") << "overwrite" << "is the input";
        // Each of these used to be merged: a shard predicted by another model, a row that is not one,
        // and a manifest's 4294967297 read as 1.
        QTest::newRow("other model") << "model" << "made with other options or another model";
        QTest::newRow("garbage row") << "garbage" << ".shard-2-of-3.csv:3: a row of 1 fields under a header of ";
        QTest::newRow("wrapped integer") << "wrapped" << "\"shard\" is 4294967297, expected an integer from 0 to 2147483647";
    }
    void mergeRefusesAnIncompleteJob()
    {
        QFETCH(QString, what);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString data = dir.filePath("golden.jsonl");
        QVERIFY(writeFile(data, goldenJsonl()));
        const QStringList base{"predict", "--model", kGnn, "--data", data, "--threads", "1"};
        const QString out = dir.filePath("p.csv");
        QStringList shards = runShards(base + QStringList{"--out", out}, out, 3);
        QCOMPARE(shards.size(), 3);
        QString target = dir.filePath("merged.csv");
        if (what == "missing")
            shards.removeAt(1);
        else if (what == "twice")
            shards.append(shards[0]);
        else if (what == "other") {
            const QStringList two = runShards(base + QStringList{"--out", dir.filePath("q.csv")}, dir.filePath("q.csv"), 2);
            QCOMPARE(two.size(), 2);
            shards[1] = two[1];
        } else if (what == "edited") {
            auto rows = lines(shards[2]);
            rows.removeLast();
            QVERIFY(writeFile(shards[2], rows.join('\n') + '\n'));
        } else if (what == "model") {
            // Shard 1 predicted by another model: the VS-GAE latent predictor instead of the GNN.
            const QString other = dir.filePath("o.csv");
            const QStringList byOther = runShards(QStringList{"predict", "--model", QStringLiteral(ARCHSCOPE_RESOURCES "/models/vsgae-predictor.safetensors"),
                                                              "--data", data, "--threads", "1", "--out", other},
                                                  other, 3);
            QCOMPARE(byOther.size(), 3);
            shards[1] = byOther[1];
        } else if (what == "garbage") {
            auto rows = lines(shards[2]);
            rows[2] = "garbage";
            QVERIFY(writeFile(shards[2], rows.join('\n') + '\n'));
        } else if (what == "wrapped") {
            const QByteArray manifest = readAll(shards[1] + ".shard.json");
            QVERIFY(writeFile(shards[1] + ".shard.json", QByteArray(manifest).replace("\"shard\":1", "\"shard\":4294967297")));
        } else if (what == "bare") {
            QVERIFY(QFile::remove(shards[1] + ".shard.json"));
        } else {
            target = shards[0];
        }
        const QByteArray before = readAll(shards[0]);
        const Run m = runCli(QStringList{"merge", "--out", target} + shards);
        QVERIFY2(m.finished && m.exitCode == 1, m.describe());
        QVERIFY2(QString::fromUtf8(m.err).contains(message), m.describe());
        QCOMPARE(m.err.trimmed().count('\n'), 0);
        if (target != shards[0])
            QVERIFY(!QFile::exists(target));
        QCOMPARE(readAll(shards[0]), before);
    }

    // More shards than items: every command writes an empty output beside the manifest, so merge joins
    // it. train-net wrote only the manifest and eval-ghn refused the shard.
    void anEmptyShardWritesAnEmptyOutput()
    {
        QTemporaryDir dir;
        const QString cells = dir.filePath("cells.jsonl");
        QVERIFY(writeFile(cells, QByteArray(kGolden[0].line) + '\n' + kGolden[1].line + '\n'));
        const QString results = dir.filePath("results.jsonl");
        const Run net = runCli({"train-net", "--cells", cells, "--epochs", "1", "--threads", "1", "--out", results, "--shard", "0/3"});
        QVERIFY2(net.succeeded() && net.err.contains("shard 0 of 3 (--shard): items 0 to 0 of 2"), net.describe());
        const QString netShard = dir.filePath("results.shard-0-of-3.jsonl");
        QVERIFY(QFileInfo(netShard).isFile());
        QCOMPARE(readAll(netShard), QByteArray());
        QVERIFY2(readAll(netShard + ".shard.json").contains("\"rows\":0"), readAll(netShard + ".shard.json"));

        const QString scores = dir.filePath("scores.csv");
        const Run ghn = runCli({"eval-ghn", "--model", QStringLiteral(ARCHSCOPE_RESOURCES "/models/ghn-default.safetensors"), "--limit", "2",
                                "--threads", "1", "--scores", scores, "--shard", "0/3", "--json"});
        QVERIFY2(ghn.succeeded(), ghn.describe());
        const QString ghnShard = dir.filePath("scores.shard-0-of-3.csv");
        QCOMPARE(readAll(ghnShard), QByteArray("hash,ghn_accuracy,ghn_loss,truth\n"));
        QVERIFY2(readAll(ghnShard + ".shard.json").contains("\"rows\":0"), readAll(ghnShard + ".shard.json"));
        QCOMPARE(jsonObject(ghn.out)->value("n").toInt(-1), 0);
    }

    // eval-ghn's shards merge into the scores of the whole run, and merge prints the correlation of all of them.
    void evalGhnShardsMergeWithTheirCorrelation()
    {
        QTemporaryDir dir;
        QVERIFY(writeTinyFashionMnist(dir.path()));
        const QString model = dir.filePath("ghn.safetensors");
        const Run train = runCli({"train-ghn", "--task-dir", dir.path(), "--train-images", "40", "--epochs", "1",
                                  "--batch", "8", "--probes", "3", "--hidden", "8", "--threads", "1", "--out", model, "--json"});
        QVERIFY2(train.succeeded(), train.describe());
        const QStringList base{"eval-ghn", "--model", model, "--limit", "10", "--threads", "1", "--json"};
        const QString whole = dir.filePath("whole.csv");
        const Run all = runCli(base + QStringList{"--scores", whole});
        QVERIFY2(all.succeeded(), all.describe());
        const QString out = dir.filePath("scores.csv");
        const QStringList shards = runShards(base + QStringList{"--scores", out}, out, 2);
        QCOMPARE(shards.size(), 2);
        const QString merged = dir.filePath("merged.csv");
        const Run m = runCli({"merge", "--out", merged, shards[0], shards[1], "--json"});
        QVERIFY2(m.succeeded(), m.describe());
        compareCsv(merged, whole, 2e-6);
        const auto j = jsonObject(m.out);
        const auto whole_ = jsonObject(all.out);
        QVERIFY2(j && whole_, m.describe());
        const QJsonObject c = j->value("correlation").toObject();
        QCOMPARE(c.value("n").toInt(), 10);
        QVERIFY(std::abs(c.value("kendall_tau").toDouble(-9) - whole_->value("kendall_tau").toDouble()) < 1e-4);
        const Run byAccuracy = runCli(base + QStringList{"--rank-by", "accuracy"});
        QVERIFY2(byAccuracy.succeeded(), byAccuracy.describe());
        const double accuracyTau = jsonObject(byAccuracy.out)->value("kendall_tau").toDouble();
        QVERIFY(std::abs(j->value("correlation_by_accuracy").toObject().value("kendall_tau").toDouble(-9) - accuracyTau) < 1e-4);
    }

    // train-net over a file of cells: in 2 shards, merged in the file's order; each cell's result is the
    // one the unsharded job gets (same seed), and --resume goes on after the results a shard has.
    void trainNetOverCellsInShards()
    {
        QTemporaryDir dir;
        QVERIFY(writeTinyFashionMnist(dir.path()));
        const QString cells = dir.filePath("cells.jsonl");
        QVERIFY(writeFile(cells, QByteArray(kGolden[0].line) + '\n' + kGolden[1].line + '\n' + kGolden[2].line + '\n'));
        const QStringList base{"train-net", "--cells", cells, "--task-dir", dir.path(), "--stem", "4", "--stacks", "1",
                               "--modules", "1", "--epochs", "1", "--batch", "16", "--threads", "1"};
        const QString whole = dir.filePath("whole.jsonl");
        const Run all = runCli(base + QStringList{"--out", whole});
        QVERIFY2(all.succeeded(), all.describe());
        QCOMPARE(lines(whole).size(), 3);
        QVERIFY2(all.err.contains("device cpu, 1 threads,"), all.describe()); // --threads reaches every cell's training
        const QString out = dir.filePath("results.jsonl");
        const QStringList shards = runShards(base + QStringList{"--out", out}, out, 2);
        QCOMPARE(shards.size(), 2);
        const QString merged = dir.filePath("merged.jsonl");
        const Run m = runCli({"merge", "--out", merged, shards[1], shards[0]});
        QVERIFY2(m.succeeded(), m.describe());
        const auto a = jsonLines(readAll(merged));
        const auto b = jsonLines(readAll(whole));
        QVERIFY(a && b);
        QCOMPARE(a->size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(a->at(i).value("hash").toString(), QString::fromLatin1(kGolden[i].hash));
            QCOMPARE(a->at(i).value("validation_accuracy").toDouble(), b->at(i).value("validation_accuracy").toDouble());
        }

        // Shard 1 of 2 holds cells 2 and 3: keep its first result only and resume.
        const auto kept = lines(shards[1]);
        QCOMPARE(kept.size(), 2);
        QVERIFY(writeFile(shards[1], kept[0] + '\n'));
        QVERIFY(QFile::remove(shards[1] + ".shard.json"));
        const Run resumed = runCli(base + QStringList{"--out", out, "--shard", "1/2", "--resume"});
        QVERIFY2(resumed.succeeded(), resumed.describe());
        QVERIFY2(resumed.err.contains("resuming after the 1 results"), resumed.describe());
        QCOMPARE(resumed.err.count("train-net: cell "), 1);
        QCOMPARE(lines(shards[1]).size(), 2);
        QCOMPARE(lines(shards[1])[0], kept[0]);
        QVERIFY(QFile::exists(shards[1] + ".shard.json"));

        // Results made with other options are not mixed into this run's: they were keyed by hash alone.
        QVERIFY(writeFile(shards[1], kept[0] + '\n'));
        QStringList otherSeed = base + QStringList{"--out", out, "--shard", "1/2", "--resume"};
        otherSeed << "--seed" << "7";
        const Run mixed = runCli(otherSeed);
        QVERIFY2(!mixed.succeeded() && mixed.err.trimmed().split('\n').last().startsWith("archscope-cli: --resume: " + shards[1].toUtf8()
                                                                                         + ":1: was trained with other options (seed 0 there, 7 here)"),
                 mixed.describe());
        QCOMPARE(lines(shards[1]), QList<QByteArray>{kept[0]});

        const Run withCheckpoint = runCli(base + QStringList{"--out", out, "--checkpoint", dir.filePath("c.safetensors")});
        QVERIFY2(!withCheckpoint.succeeded() && withCheckpoint.err.contains("--checkpoint: one checkpoint holds one cell"),
                 withCheckpoint.describe());
        QVERIFY(writeFile(cells, QByteArray(kGolden[0].line) + "\n{\"ops\":[\"input\",\"output\"],\"adjacency\":[[0,0],[0,0]]}\n"));
        const Run invalid = runCli(base + QStringList{"--out", out});
        QVERIFY2(!invalid.succeeded() && invalid.err.contains("cells.jsonl:2: invalid cell"), invalid.describe());
    }
};

QTEST_GUILESS_MAIN(TestCliShards)
#include "tst_cli_shards.moc"
