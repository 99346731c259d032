// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Sharded batch jobs: which block a shard takes, where it writes, the Slurm array's variables, and the
// checks merge relies on (one job, every shard once, blocks where their index puts them).

#include "batch/Shards.h"
#include "util/Errors.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

#include <sys/stat.h>

using namespace archscope;

namespace {

using Environment = std::map<std::string, std::string>;

std::function<const char*(const char*)> lookup(const Environment& env)
{
    return [&env](const char* name) -> const char* {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    };
}

ShardManifest manifest(int index, int count, std::uint64_t total)
{
    const auto [first, last] = Shard{index, count, "test"}.range(total);
    return {"predict", "csv", index, count, total, first, last - first, "abc", "model 0123"};
}

std::vector<std::pair<std::string, ShardManifest>> job(int count, std::uint64_t total)
{
    std::vector<std::pair<std::string, ShardManifest>> shards;
    for (int i = count - 1; i >= 0; --i)
        shards.emplace_back("s" + std::to_string(i), manifest(i, count, total));
    return shards;
}

} // namespace

Q_DECLARE_METATYPE(Environment)

class ShardsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void blocksPartitionTheItems_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<qulonglong>("items");
        QTest::newRow("3 of 20001") << 3 << 20001ULL;
        QTest::newRow("4 of 6") << 4 << 6ULL;
        QTest::newRow("more shards than items") << 7 << 3ULL;
        QTest::newRow("one shard") << 1 << 423624ULL;
        QTest::newRow("1000 of the space") << 1000 << 423624ULL;
    }
    void blocksPartitionTheItems()
    {
        QFETCH(int, count);
        QFETCH(qulonglong, items);
        std::uint64_t next = 0, smallest = items, largest = 0;
        for (int i = 0; i < count; ++i) {
            const auto [first, last] = Shard{i, count, "test"}.range(items);
            QCOMPARE(first, next);
            QVERIFY(last >= first);
            smallest = std::min(smallest, last - first);
            largest = std::max(largest, last - first);
            next = last;
        }
        QCOMPARE(next, std::uint64_t(items));
        QVERIFY(largest - smallest <= 1);
    }

    void parsesShards_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("index"); // -1: refused
        QTest::addColumn<int>("count");
        QTest::newRow("first") << "0/4" << 0 << 4;
        QTest::newRow("last") << "3/4" << 3 << 4;
        QTest::newRow("alone") << "0/1" << 0 << 1;
        QTest::newRow("index = count") << "4/4" << -1 << 0;
        QTest::newRow("zero shards") << "0/0" << -1 << 0;
        QTest::newRow("negative") << "-1/4" << -1 << 0;
        QTest::newRow("no slash") << "3" << -1 << 0;
        QTest::newRow("words") << "a/b" << -1 << 0;
        QTest::newRow("trailing") << "1/4x" << -1 << 0;
        QTest::newRow("too many") << "0/99999999999" << -1 << 0;
    }
    void parsesShards()
    {
        QFETCH(QString, text);
        QFETCH(int, index);
        QFETCH(int, count);
        if (index < 0) {
            try {
                parseShard(text.toStdString());
                QFAIL("accepted");
            } catch (const std::invalid_argument& e) {
                QVERIFY2(std::string(e.what()).rfind("--shard: '" + text.toStdString() + "'", 0) == 0, e.what());
            }
            return;
        }
        const Shard s = parseShard(text.toStdString());
        QCOMPARE(s.index, index);
        QCOMPARE(s.count, count);
        QVERIFY(s.sharded());
    }

    void readsTheSlurmArray_data()
    {
        QTest::addColumn<Environment>("env");
        QTest::addColumn<int>("index"); // -1: refused, -2: unsharded
        QTest::addColumn<int>("count");
        QTest::newRow("no array") << Environment{} << -2 << 1;
        QTest::newRow("id without count") << Environment{{"SLURM_ARRAY_TASK_ID", "3"}} << -2 << 1;
        QTest::newRow("0-based") << Environment{{"SLURM_ARRAY_TASK_ID", "2"}, {"SLURM_ARRAY_TASK_COUNT", "4"}} << 2 << 4;
        QTest::newRow("1-based") << Environment{{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_COUNT", "4"},
                                                {"SLURM_ARRAY_TASK_MIN", "1"}} << 3 << 4;
        QTest::newRow("in steps") << Environment{{"SLURM_ARRAY_TASK_ID", "10"}, {"SLURM_ARRAY_TASK_COUNT", "6"},
                                                 {"SLURM_ARRAY_TASK_MIN", "0"}, {"SLURM_ARRAY_TASK_STEP", "2"}} << 5 << 6;
        QTest::newRow("off the step") << Environment{{"SLURM_ARRAY_TASK_ID", "3"}, {"SLURM_ARRAY_TASK_COUNT", "6"},
                                                     {"SLURM_ARRAY_TASK_STEP", "2"}} << -1 << 0;
        QTest::newRow("beyond the count") << Environment{{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_COUNT", "4"}} << -1 << 0;
        QTest::newRow("below the min") << Environment{{"SLURM_ARRAY_TASK_ID", "0"}, {"SLURM_ARRAY_TASK_COUNT", "4"},
                                                      {"SLURM_ARRAY_TASK_MIN", "1"}} << -1 << 0;
        QTest::newRow("not a number") << Environment{{"SLURM_ARRAY_TASK_ID", "x"}, {"SLURM_ARRAY_TASK_COUNT", "4"}} << -1 << 0;
    }
    void readsTheSlurmArray()
    {
        QFETCH(Environment, env);
        QFETCH(int, index);
        QFETCH(int, count);
        if (index == -1) {
            try {
                shardFromEnvironment(lookup(env));
                QFAIL("accepted");
            } catch (const std::invalid_argument& e) {
                QVERIFY2(std::string(e.what()).find("SLURM_ARRAY_TASK_ID") != std::string::npos, e.what());
            }
            return;
        }
        const Shard s = shardFromEnvironment(lookup(env));
        QCOMPARE(s.sharded(), index >= 0);
        if (index >= 0) {
            QCOMPARE(s.index, index);
            QCOMPARE(s.count, count);
        }
    }

    void theOptionWinsOverTheArray()
    {
        const Environment env{{"SLURM_ARRAY_TASK_ID", "2"}, {"SLURM_ARRAY_TASK_COUNT", "4"}};
        QCOMPARE(chooseShard("1/3", lookup(env)).index, 1);
        QCOMPARE(chooseShard("", lookup(env)).index, 2);
        QCOMPARE(chooseShard("", lookup({})).sharded(), false);
    }

    void outputPaths_data()
    {
        QTest::addColumn<QString>("out");
        QTest::addColumn<QString>("sharded");
        QTest::newRow("csv") << "preds.csv" << "preds.shard-2-of-4.csv";
        QTest::newRow("gz") << "codes.jsonl.gz" << "codes.shard-2-of-4.jsonl.gz";
        QTest::newRow("folder with a dot") << "/tmp/a.b/out" << "/tmp/a.b/out.shard-2-of-4";
        QTest::newRow("hidden") << "dir/.preds" << "dir/.preds.shard-2-of-4";
        QTest::newRow("no extension") << "preds" << "preds.shard-2-of-4";
    }
    void outputPaths()
    {
        QFETCH(QString, out);
        QFETCH(QString, sharded);
        QCOMPARE(QString::fromStdString(shardOutputPath(out.toStdString(), {2, 4, "--shard"})), sharded);
        QCOMPARE(QString::fromStdString(shardOutputPath(out.toStdString(), {})), out);
    }

    // `--out /dev/null --shard 1/3` used to create /dev/null.shard-1-of-3 and its manifest in /dev.
    void aShardNeverWritesBesideADeviceOrFifo_data()
    {
        QTest::addColumn<QString>("out");
        QTest::addColumn<QString>("kind");
        QTest::newRow("/dev/null") << "/dev/null" << "a character device";
        QTest::newRow("FIFO") << "fifo" << "a FIFO";
        QTest::newRow("directory") << "folder" << "a directory";
    }
    void aShardNeverWritesBesideADeviceOrFifo()
    {
        QFETCH(QString, out);
        QFETCH(QString, kind);
        QTemporaryDir dir;
        std::string path = out.toStdString();
        if (out == QStringLiteral("fifo")) {
            path = dir.filePath(out).toStdString();
            QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
        } else if (out == QStringLiteral("folder")) {
            path = dir.filePath(out).toStdString();
            QVERIFY(QDir().mkdir(QString::fromStdString(path)));
        }
        try {
            shardOutputPath(path, {1, 3, "--shard"});
            QFAIL("a shard of a non-file output was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("--out: %1: is %2").arg(QString::fromStdString(path), kind)),
                     e.what());
        }
        // Unsharded, the path is the command's own business (/dev/null is a fine place to send a CSV).
        QCOMPARE(shardOutputPath(path, {}), path);
    }

    void manifestsRoundTrip()
    {
        QTemporaryDir dir;
        const std::string out = dir.filePath("p.csv").toStdString();
        const ShardManifest m = manifest(1, 3, 20001);
        writeShardManifest(out, m);
        const ShardManifest back = readShardManifest(out);
        QCOMPARE(back.command, m.command);
        QCOMPARE(back.index, 1);
        QCOMPARE(back.count, 3);
        QCOMPARE(back.first, std::uint64_t(6667));
        QCOMPARE(back.rows, std::uint64_t(6667));
        QCOMPARE(back.inputs, m.inputs);
        QCOMPARE(back.options, m.options);
        QVERIFY_THROWS_EXCEPTION(DataError, readShardManifest(dir.filePath("none.csv").toStdString()));
    }

    void aCompleteJobComesBackInOrder()
    {
        const auto shards = completeShards(job(4, 10));
        QCOMPARE(shards.size(), std::size_t(4));
        for (int i = 0; i < 4; ++i)
            QCOMPARE(shards[std::size_t(i)].second.index, i);
    }

    void incompleteJobsAreRefused_data()
    {
        QTest::addColumn<int>("change");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << 0 << "shard 1 of 4 missing";
        QTest::newRow("twice") << 1 << "shard 2 is given twice";
        QTest::newRow("other count") << 2 << "not of the same job";
        QTest::newRow("other inputs") << 3 << "not of the same job";
        QTest::newRow("short block") << 4 << "should hold items 5 to 7";
        QTest::newRow("other command") << 5 << "not of the same job";
    }
    void incompleteJobsAreRefused()
    {
        QFETCH(int, change);
        QFETCH(QString, message);
        auto shards = job(4, 10); // in the order 3, 2, 1, 0
        switch (change) {
        case 0: shards.erase(shards.begin() + 2); break;
        case 1: shards.push_back(shards[1]); break;
        case 2: shards[0].second = manifest(3, 5, 10); break;
        case 3: shards[0].second.inputs = "other"; break;
        case 4: shards[1].second.rows -= 1; break;
        case 5: shards[3].second.command = "encode"; break;
        }
        try {
            completeShards(shards);
            QFAIL("accepted");
        } catch (const DataError& e) {
            QVERIFY2(std::string(e.what()).find(message.toStdString()) != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(ShardsTest)
#include "tst_shards.moc"
