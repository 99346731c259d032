#include "../support/RecordCompare.h"
#include "../support/TestData.h"

#include "data/DatasetCache.h"
#include "data/DatasetLoader.h"
#include "util/Errors.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace archscope;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void overwrite(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

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
