// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/FileBytes.h"
#include "../support/RecordCompare.h"
#include "../support/TestData.h"

#include "data/DatasetCache.h"
#include "data/DatasetLoader.h"
#include "util/Errors.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

using namespace archscope;
using archscope::test::overwrite;
using archscope::test::readAll;

namespace {

void compareAll(const Dataset& loaded, const std::vector<Record>& records)
{
    QCOMPARE(loaded.size(), records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        QCOMPARE(test::recordDifference(loaded[i], records[i]), QString());
}

} // namespace

class TestDatasetCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        const auto& all = test::sample().records();
        const std::vector<Record> few(all.begin(), all.begin() + 10);
        writeDatasetCache(path("valid.nb101cache"), few);
        valid_ = readAll(QString::fromStdString(path("valid.nb101cache")));
        QCOMPARE(valid_.size(), 32 + 10 * 520);
    }

    // loadDataset recognises the cache by its magic bytes, whatever the file is called.
    void wholeSampleRoundTripsThroughLoadDataset()
    {
        const std::string file = path("sample.data");
        writeDatasetCache(file, test::sample().records());
        const Dataset loaded = loadDataset(file);
        QCOMPARE(loaded.source(), file);
        compareAll(loaded, test::sample().records());
        QVERIFY(loaded.find(test::sample()[17].hash) == &loaded[17]);
    }

    void everyRunRoundTrips()
    {
        const auto& all = test::sample().records();
        const std::vector<Record> records = test::withSyntheticRuns(std::vector<Record>(all.begin(), all.begin() + 1000));
        const std::string file = path("runs.nb101cache");
        writeDatasetCache(file, records, 2);
        compareAll(loadDatasetCache(file, 2), records);
    }

    // Written through a private temporary file, the cache must still end up readable like any other
    // file, and a file it replaces keeps its permissions.
    void writtenFileHasOrdinaryPermissions()
    {
        const QString file = QString::fromStdString(path("valid.nb101cache"));
        QVERIFY(QFile::permissions(file).testFlag(QFileDevice::ReadOther));
        QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        const auto& all = test::sample().records();
        writeDatasetCache(file.toStdString(), std::vector<Record>(all.begin(), all.begin() + 10));
        QCOMPARE(QFile::permissions(file) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::ReadGroup);
    }

    // The fuzz target reads caches from memory: the same records and the same errors as from the file.
    void bytesInMemoryReadLikeTheFile()
    {
        const std::string file = path("valid.nb101cache");
        const std::string_view bytes(valid_.constData(), static_cast<std::size_t>(valid_.size()));
        const Dataset fromMemory = parseDatasetCache(bytes, file, 1);
        QCOMPARE(fromMemory.source(), file);
        compareAll(fromMemory, loadDatasetCache(file).records());
        try {
            parseDatasetCache(bytes.substr(0, 40), "in memory", 1);
            QFAIL("a truncated cache in memory was read");
        } catch (const DataError& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("in memory: dataset cache is truncated or padded: 8 bytes of records for a count of 10"));
        }
    }

    void loadDatasetStillReadsJsonl() { QCOMPARE(loadDataset(test::samplePath()).size(), std::size_t(20001)); }

    void corruptCacheSaysWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");

        QByteArray magic = valid_;
        magic[0] = 'X';
        QByteArray version = valid_;
        version[8] = 2;
        QByteArray flipped = valid_;
        flipped[32 + 520 + 100] = static_cast<char>(flipped[32 + 520 + 100] ^ 0x10);
        QTest::newRow("wrong magic") << magic << "not a dataset cache: wrong magic bytes";
        QTest::newRow("wrong version") << version << "dataset cache version 2 is not supported";
        QTest::newRow("shorter than the header") << valid_.left(20) << "shorter than the 32-byte header";
        QTest::newRow("truncated") << valid_.left(valid_.size() - 100) << "dataset cache is truncated";
        QTest::newRow("trailing bytes") << valid_ + QByteArray("12345") << "dataset cache is truncated or padded";
        QTest::newRow("flipped bit") << flipped << "checksum does not match";
    }

    void corruptCacheSaysWhatIsWrong()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const std::string file = path("corrupt.nb101cache");
        overwrite(QString::fromStdString(file), bytes);
        try {
            loadDatasetCache(file);
            QFAIL("the corrupt cache was loaded");
        } catch (const DataError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QString::fromStdString(file) + ": ") && message.contains(reason),
                     qPrintable(message));
        }
    }

    // A cache with a correct checksum but a record the JSONL loader would refuse: it used to reach stats,
    // predict, eval, encode and train. Each row breaks record 3 of ten sample records.
    void recordsBreakingTheRulesAreRefused_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("reason");
        const QString at = QStringLiteral(":record 3 (byte 1072): ");
        QTest::newRow("output at vertex 0") << "output first" << at + "invalid cell: vertex 0 is \"output\"";
        QTest::newRow("no edges") << "no edges" << at + "invalid cell: the output (vertex 1) cannot be reached";
        QTest::newRow("every op input") << "all input" << at + "invalid cell: vertex 2 is \"input\"";
        QTest::newRow("negative params") << "params" << at + "params are not a positive count";
        QTest::newRow("accuracy 1.5") << "accuracy" << at + "a run holds an accuracy outside 0 to 1";
        QTest::newRow("infinite time") << "time" << at + "a run holds a training time that is negative or infinite";
        QTest::newRow("duplicate hash") << "hash" << QStringLiteral(": records 1 and 3 have the same module hash");
    }

    void recordsBreakingTheRulesAreRefused()
    {
        QFETCH(QString, damage);
        QFETCH(QString, reason);
        const auto& all = test::sample().records();
        std::vector<Record> records(all.begin(), all.begin() + 10);
        Record& r = records[2];
        QVERIFY(r.hasBudget(kBudget108));
        if (damage == QLatin1String("output first"))
            r.cell = Cell({Op::Output, Op::Conv3x3, Op::Input}, std::vector<std::uint32_t>{0b010u, 0b100u, 0u});
        else if (damage == QLatin1String("no edges"))
            r.cell = Cell({Op::Input, Op::Output}, std::vector<std::uint32_t>{0u, 0u});
        else if (damage == QLatin1String("all input"))
            r.cell = Cell({Op::Input, Op::Input, Op::Input}, std::vector<std::uint32_t>{0b010u, 0b100u, 0u});
        else if (damage == QLatin1String("params"))
            r.params = -1;
        else if (damage == QLatin1String("accuracy"))
            r.budgets[kBudget108].runs[0].final.validationAccuracy = 1.5f;
        else if (damage == QLatin1String("time"))
            r.budgets[kBudget108].runs[0].final.trainingTime = std::numeric_limits<float>::infinity();
        else
            r.hash = records[0].hash;
        const std::string file = path("rules.nb101cache");
        writeDatasetCache(file, records);
        try {
            loadDataset(file);
            QFAIL("the cache was loaded");
        } catch (const DataError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QString::fromStdString(file) + reason), qPrintable(message));
            QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
        }
    }

    // A cell the format cannot hold is refused, and the cache that was there stays.
    void cellBeyondTheFormatIsRefusedAndLeavesTheOldCache()
    {
        const std::string file = path("refused.nb101cache");
        overwrite(QString::fromStdString(file), valid_);
        std::vector<Record> records(test::sample().records().begin(), test::sample().records().begin() + 3);
        records[2].cell = Cell(std::vector<Op>(8, Op::Conv3x3), std::vector<std::uint32_t>(8, 0u));
        try {
            writeDatasetCache(file, records);
            QFAIL("an 8-vertex cell was written");
        } catch (const DataError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("record 3 has 8 vertices"), e.what());
        }
        QCOMPARE(readAll(QString::fromStdString(file)), valid_);
    }

private:
    std::string path(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

    QTemporaryDir dir_;
    QByteArray valid_;
};

QTEST_APPLESS_MAIN(TestDatasetCache)
#include "tst_datasetcache.moc"
