// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/FileBytes.h"
#include "../support/RecordCompare.h"
#include "../support/TestData.h"

#include "data/DatasetLoader.h"
#include "data/NasBenchTfRecord.h"
#include "util/Base64.h"
#include "util/Crc32c.h"
#include "util/Errors.h"
#include "util/TfRecordFile.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <limits>

using namespace archscope;
using archscope::test::overwrite;
using archscope::test::readAll;

namespace {

enum class Damage { None, LengthCrc, DataCrc, Truncate };

std::vector<Record> firstSampleRecords(std::size_t n)
{
    const auto& all = test::sample().records();
    return std::vector<Record>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
}

// `row` with element `index` replaced.
std::string rowWith(const std::string& row, std::size_t index, const nlohmann::json& value)
{
    nlohmann::json j = nlohmann::json::parse(row);
    j[index] = value;
    return j.dump();
}

// `row` with bytes of its base64 ModelMetrics replaced: for values nasBenchRow does not write (NaN means
// "unknown" in a Record and is left out; params must fit the proto's int32 and be >= 0 there).
std::string withMetricsBytes(const std::string& row, const std::string& from, const std::string& to)
{
    nlohmann::json j = nlohmann::json::parse(row);
    std::string metrics;
    if (!base64Decode(j[4].get<std::string>(), metrics))
        throw std::logic_error("nasBenchRow wrote no base64");
    const std::size_t at = metrics.rfind(from);
    if (at == std::string::npos)
        throw std::logic_error("the bytes to replace are not in the row's metrics");
    metrics.replace(at, from.size(), to);
    j[4] = base64Encode(metrics);
    return j.dump();
}

std::string bytesOf(double v)
{
    std::string bytes(sizeof v, '\0');
    std::memcpy(bytes.data(), &v, sizeof v);
    return bytes;
}

// Protobuf's field 2 (trainable_parameters) as a varint of `v`, negative ones in ten bytes.
std::string paramsField(std::int64_t v)
{
    std::string bytes(1, '\x10');
    auto u = static_cast<std::uint64_t>(v);
    do {
        bytes += static_cast<char>((u & 0x7f) | (u > 0x7f ? 0x80 : 0));
        u >>= 7;
    } while (u);
    return bytes;
}

void writeRows(const std::string& path, const std::vector<std::string>& rows)
{
    TfRecordWriter out(path);
    for (const std::string& row : rows)
        out.write(row);
    out.close();
}

} // namespace

Q_DECLARE_METATYPE(Damage)

class TestTfRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void crc32cHasTheStandardCheckValue()
    {
        QCOMPARE(crc32c("123456789", 9), 0xE3069283u);
        QCOMPARE(crc32c("", 0), 0u);
    }

    void base64_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("two pads") << QByteArray("f") << QByteArray("Zg==");
        QTest::newRow("one pad") << QByteArray("fo") << QByteArray("Zm8=");
        QTest::newRow("no pad") << QByteArray("foo") << QByteArray("Zm9v");
        QTest::newRow("binary") << QByteArray("\x00\xff\x10\x80", 4) << QByteArray("AP8QgA==");
    }

    void base64()
    {
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, text);
        QCOMPARE(QByteArray::fromStdString(base64Encode(data.toStdString())), text);
        std::string decoded;
        QVERIFY(base64Decode(text.toStdString(), decoded));
        QCOMPARE(QByteArray::fromStdString(decoded), data);
    }

    void base64RejectsWhatIsNotBase64_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("length not a multiple of 4") << QByteArray("Zg=");
        QTest::newRow("bad character") << QByteArray("Z!==");
    }

    void base64RejectsWhatIsNotBase64()
    {
        QFETCH(QByteArray, text);
        std::string decoded;
        QVERIFY(!base64Decode(text.toStdString(), decoded));
    }

    // Writer -> importer -> cache -> reopen keeps every field of every run.
    void roundTripKeepsEveryRun()
    {
        const std::vector<Record> records = test::withSyntheticRuns(firstSampleRecords(50));
        const std::string tfrecord = path("roundtrip.tfrecord");
        const std::string cache = path("roundtrip.nb101cache");
        writeNasBenchTfRecord(tfrecord, records);
        const ImportSummary summary = importNasBenchTfRecord(tfrecord, cache);
        QCOMPARE(summary.records, records.size());
        QCOMPARE(summary.rows, records.size() * 6);
        const Dataset loaded = loadDataset(cache);
        QCOMPARE(loaded.size(), records.size());
        for (std::size_t i = 0; i < records.size(); ++i)
            QCOMPARE(test::recordDifference(loaded[i], records[i]), QString());
    }

    // The official files do not keep a cell's rows together; runs keep their file order and records
    // the order their hash first appears.
    void interleavedRowsAreGroupedByHashInFirstSeenOrder()
    {
        const std::vector<Record> records = test::withSyntheticRuns(firstSampleRecords(3));
        const std::string file = path("interleaved.tfrecord");
        std::vector<std::string> rows;
        for (int run = 0; run < kMaxRuns; ++run)
            for (std::size_t r : {2, 0, 1})
                rows.push_back(nasBenchRow(records[r], kBudget108, run));
        writeRows(file, rows);
        const TfRecordImport imported = readNasBenchTfRecord(file);
        QCOMPARE(imported.rows, rows.size());
        QCOMPARE(imported.records.size(), std::size_t(3));
        const std::size_t order[] = {2, 0, 1};
        for (std::size_t i = 0; i < 3; ++i) {
            const Record& got = imported.records[i];
            const Record& want = records[order[i]];
            QCOMPARE(got.hash, want.hash);
            QCOMPARE(int(got.budgets[kBudget108].count), kMaxRuns);
            QCOMPARE(int(got.budgets[0].count), 0);
            for (std::size_t k = 0; k < kMaxRuns; ++k)
                QCOMPARE(got.budgets[kBudget108].runs[k].final.validationAccuracy,
                         want.budgets[kBudget108].runs[k].final.validationAccuracy);
        }
    }

    void corruptFileNamesRecordAndReason_data()
    {
        QTest::addColumn<QByteArray>("row2");
        QTest::addColumn<Damage>("damage");
        QTest::addColumn<QString>("reason");

        const std::string r = nasBenchRow(test::withSyntheticRuns(firstSampleRecords(1))[0], kBudget108, 0);
        const auto row = [](const std::string& s) { return QByteArray::fromStdString(s); };
        QTest::newRow("bad length CRC") << QByteArray() << Damage::LengthCrc << "bad length CRC";
        QTest::newRow("bad data CRC") << QByteArray() << Damage::DataCrc << "bad data CRC";
        QTest::newRow("truncated") << QByteArray() << Damage::Truncate << "truncated";
        QTest::newRow("malformed JSON") << QByteArray("[\"abc\", 108") << Damage::None << "malformed JSON row";
        QTest::newRow("not an array") << QByteArray("{}") << Damage::None << "expected a JSON array";
        QTest::newRow("bad hash") << row(rowWith(r, 0, "xyz")) << Damage::None << "module_hash is not 32 hex digits";
        QTest::newRow("bad epochs") << row(rowWith(r, 1, 100)) << Damage::None << "epochs is 100";
        // Found by fuzz_tfrecord (tests/fuzz/corpus/tfrecord/number-overflow.tfrecord): nlohmann's
        // out_of_range escaped the reader.
        QTest::newRow("number beyond a double") << QByteArray("[\"abc\", 3e3439874]") << Damage::None
                                                << "malformed JSON row: [json.exception.out_of_range.406]";
        QTest::newRow("epochs wrapping to 108") << row(rowWith(r, 1, 4294967404u)) << Damage::None
                                                << "epochs is 4294967404";
        QTest::newRow("bad base64") << row(rowWith(r, 4, "!!!!")) << Damage::None << "raw_metrics is not base64";
        QTest::newRow("bad protobuf") << row(rowWith(r, 4, base64Encode("\x0a\x05" "ab")))
                                      << Damage::None << "raw_metrics is not a serialized nasbench.ModelMetrics";
        QTest::newRow("invalid cell") << row(rowWith(rowWith(r, 2, "000000000"), 3, "input,conv3x3-bn-relu,output"))
                                      << Damage::None << "invalid cell: ";
        QTest::newRow("unknown op") << row(rowWith(rowWith(r, 2, "010001000"), 3, "input,conv5x5-bn-relu,output"))
                                    << Damage::None << "unknown op \"conv5x5-bn-relu\" at vertex 1";
        QTest::newRow("adjacency not square") << row(rowWith(r, 2, "01000100")) << Damage::None
                                              << "raw_adjacency has 8 entries, not n x n";
        // A value outside its domain used to be imported: NaN then read as "unknown", infinity as a result.
        Record bad = test::withSyntheticRuns(firstSampleRecords(1))[0];
        const float accuracy = bad.budgets[kBudget108].runs[0].final.validationAccuracy;
        bad.budgets[kBudget108].runs[0].final.validationAccuracy = std::numeric_limits<float>::infinity();
        QTest::newRow("infinite accuracy") << row(nasBenchRow(bad, kBudget108, 0)) << Damage::None
                                           << "final validation_accuracy is inf, expected 0 to 1";
        bad.budgets[kBudget108].runs[0].final.validationAccuracy = 1.5f;
        QTest::newRow("accuracy 1.5") << row(nasBenchRow(bad, kBudget108, 0)) << Damage::None
                                      << "final validation_accuracy is 1.5, expected 0 to 1";
        bad.budgets[kBudget108].runs[0].final.validationAccuracy = accuracy;
        bad.budgets[kBudget108].runs[0].halfway.trainingTime = -1.0f;
        QTest::newRow("negative time") << row(nasBenchRow(bad, kBudget108, 0)) << Damage::None
                                       << "halfway training_time is -1, expected 0 to";
        const Record original = test::withSyntheticRuns(firstSampleRecords(1))[0];
        QTest::newRow("negative params") << row(withMetricsBytes(r, paramsField(original.params), paramsField(-5)))
                                         << Damage::None << "trainable_parameters is -5, expected a positive count";
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("NaN accuracy")
            << row(withMetricsBytes(r, bytesOf(original.budgets[kBudget108].runs[0].final.validationAccuracy), bytesOf(nan)))
            << Damage::None << "final validation_accuracy is nan, expected 0 to 1";
        QTest::newRow("ops do not match adjacency")
            << row(rowWith(rowWith(r, 2, "010001000"), 3, "input,output")) << Damage::None
            << "raw_operations names 2 ops for a 3 x 3 adjacency";
    }

    // Three rows, the second damaged: the error names the file, record 2, its byte offset and why.
    void corruptFileNamesRecordAndReason()
    {
        QFETCH(QByteArray, row2);
        QFETCH(Damage, damage);
        QFETCH(QString, reason);

        const std::vector<Record> records = test::withSyntheticRuns(firstSampleRecords(3));
        const std::string first = nasBenchRow(records[0], kBudget108, 0);
        const std::string second = row2.isEmpty() ? nasBenchRow(records[1], kBudget108, 0) : row2.toStdString();
        const std::string file = path("corrupt.tfrecord");
        writeRows(file, {first, second, nasBenchRow(records[2], kBudget108, 0)});
        const qsizetype offset = static_cast<qsizetype>(16 + first.size());
        QByteArray bytes = readAll(QString::fromStdString(file));
        if (damage == Damage::LengthCrc)
            bytes[offset + 9] = static_cast<char>(bytes[offset + 9] ^ 0x01);
        else if (damage == Damage::DataCrc)
            bytes[offset + 12 + 3] = static_cast<char>(bytes[offset + 12 + 3] ^ 0x01);
        else if (damage == Damage::Truncate)
            bytes.truncate(offset + 12 + 10);
        overwrite(QString::fromStdString(file), bytes);

        const QString where = QString::fromStdString(file) + QStringLiteral(":record 2 (byte %1): ").arg(offset);
        try {
            readNasBenchTfRecord(file);
            QFAIL("the damaged file was read without an error");
        } catch (const DataError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(where + reason), qPrintable(message));
        }
    }

    void moreThanThreeRunsOfABudgetIsAnError()
    {
        const Record r = test::withSyntheticRuns(firstSampleRecords(1))[0];
        const std::string file = path("fourruns.tfrecord");
        const std::string row = nasBenchRow(r, kBudget108, 0);
        writeRows(file, {row, row, row, row});
        try {
            readNasBenchTfRecord(file);
            QFAIL("a fourth run was accepted");
        } catch (const DataError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(":record 4 (byte ") && message.contains("has more than 3 runs at 108 epochs"),
                     qPrintable(message));
        }
    }

    void rowsOfOneHashMustAgreeOnTheCell()
    {
        const std::vector<Record> records = test::withSyntheticRuns(firstSampleRecords(2));
        Record other = records[1];
        other.hash = records[0].hash;
        const std::string file = path("disagree.tfrecord");
        writeRows(file, {nasBenchRow(records[0], kBudget108, 0), nasBenchRow(other, kBudget108, 1)});
        try {
            readNasBenchTfRecord(file);
            QFAIL("two cells under one hash were accepted");
        } catch (const DataError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("differs from that at record 1"), e.what());
        }
    }

    // A failed import leaves the previous cache byte for byte, and no temporary file behind.
    void failedImportLeavesThePreviousCache()
    {
        QTemporaryDir dir;
        const std::vector<Record> records = test::withSyntheticRuns(firstSampleRecords(5));
        const std::string good = (dir.path() + "/good.tfrecord").toStdString();
        const std::string bad = (dir.path() + "/bad.tfrecord").toStdString();
        const QString cache = dir.path() + "/data.nb101cache";
        writeNasBenchTfRecord(good, records);
        importNasBenchTfRecord(good, cache.toStdString());
        const QByteArray before = readAll(cache);
        QVERIFY(!before.isEmpty());

        writeRows(bad, {nasBenchRow(records[1], kBudget108, 0), rowWith(nasBenchRow(records[2], kBudget108, 0), 4, "!!!!")});
        QVERIFY_THROWS_EXCEPTION(DataError, importNasBenchTfRecord(bad, cache.toStdString()));
        QCOMPARE(readAll(cache), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
                 QStringList({"bad.tfrecord", "data.nb101cache", "good.tfrecord"}));
    }

    // The first 200 real records of the sample, written as NAS-Bench-101 rows with their own hashes,
    // ops, adjacency and params, import unchanged.
    void sampleRecordsImportWithTheirHashAndParams()
    {
        const std::vector<Record> records = firstSampleRecords(200);
        const std::string file = path("sample200.tfrecord");
        writeNasBenchTfRecord(file, records);
        const TfRecordImport imported = readNasBenchTfRecord(file);
        QCOMPARE(imported.records.size(), records.size());
        for (std::size_t i = 0; i < records.size(); ++i) {
            QCOMPARE(imported.records[i].hash.hex(), records[i].hash.hex());
            QCOMPARE(imported.records[i].params, records[i].params);
            QCOMPARE(imported.records[i].cell, records[i].cell);
            for (int b = 0; b < kNumBudgets; ++b)
                QCOMPARE(imported.records[i].validationAccuracy(b), records[i].validationAccuracy(b));
        }
    }

    void emptyFileHasNoRecords()
    {
        const std::string file = path("empty.tfrecord");
        writeRows(file, {});
        const TfRecordImport imported = readNasBenchTfRecord(file);
        QCOMPARE(imported.records.size(), std::size_t(0));
        QCOMPARE(imported.rows, std::size_t(0));
    }

private:
    std::string path(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

    QTemporaryDir dir_;
};

QTEST_APPLESS_MAIN(TestTfRecord)
#include "tst_tfrecord.moc"
