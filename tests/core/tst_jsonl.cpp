// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The JSONL reader against values outside their domain, NAS-Bench-101's pruning order and the bounds
// that keep a crafted file from costing unbounded memory. Golden lines are verbatim from
// resources/data/nb101-dev.jsonl.gz.

#include "../support/TestData.h"

#include "cell/ModuleHash.h"
#include "data/DatasetLoader.h"
#include "data/JsonlFormat.h"
#include "network/NetworkTraining.h"
#include "util/Errors.h"
#include "util/GzipFile.h"
#include "util/TextFiles.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace archscope;

namespace {

// The bundled sample's only 3-vertex record.
const std::string kThreeVertices =
    R"({"hash":"09fc2d10bdd6225e167a6f81a22a3f06","ops":["input","conv1x1-bn-relu","output"],"adjacency":[[0,1,1],[0,0,1],[0,0,0]],"params":2793866,"training_time":732.7000122070312,"val_acc":{"4":0.4447115361690521,"12":0.5343549847602844,"36":0.7894631624221802,"108":0.8405448794364929}})";

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const std::size_t at = text.find(from);
    if (at == std::string::npos)
        throw std::logic_error("the golden line has no " + from);
    return text.replace(at, from.size(), to);
}

// The message of the DataError parsing `line` throws, or "" when it parses.
QString parseError(const std::string& line)
{
    try {
        parseRecordLine(line, "f.jsonl:3");
    } catch (const DataError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestJsonl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goldenLineParses()
    {
        const Record r = parseRecordLine(kThreeVertices, "f.jsonl:3");
        QCOMPARE(r.hash.hex(), std::string("09fc2d10bdd6225e167a6f81a22a3f06"));
        QCOMPARE(r.params, std::int64_t(2793866));
        QCOMPARE(r.validationAccuracy(), 0.8405448794364929f);
    }

    // Each value used to be taken: wrapped (4294967297 -> 1, 2^63 -> negative), turned into infinity
    // (1e308 as a float), or ended the whole run with nlohmann's bare "number overflow" (1e999).
    void valuesOutsideTheirDomain_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("named");
        QTest::newRow("adjacency 2^32 + 1") << "[[0,1,1]," << "[[0,1,4294967297]," << "adjacency[0][2] is 4294967297";
        QTest::newRow("adjacency 2") << "[[0,1,1]," << "[[0,2,1]," << "adjacency[0][1] is 2";
        QTest::newRow("adjacency 1.0") << "[[0,1,1]," << "[[0,1.0,1]," << "adjacency[0][1] is 1.0";
        QTest::newRow("params 2^63") << "2793866" << "9223372036854775808" << "\"params\" is 9223372036854775808";
        QTest::newRow("params -1") << "2793866" << "-1" << "\"params\" is -1";
        QTest::newRow("params 0") << "2793866" << "0" << "\"params\" is 0";
        QTest::newRow("accuracy 1e999") << "0.8405448794364929" << "1e999" << "number overflow";
        QTest::newRow("accuracy 1e308") << "0.8405448794364929" << "1e308" << "val_acc[\"108\"] is 1e+308";
        QTest::newRow("accuracy 1.5") << "0.8405448794364929" << "1.5" << "val_acc[\"108\"] is 1.5";
        QTest::newRow("accuracy -0.1") << "0.4447115361690521" << "-0.1" << "val_acc[\"4\"] is -0.1";
        QTest::newRow("accuracy as text") << "0.4447115361690521" << "\"0.44\"" << "val_acc[\"4\"] is \"0.44\"";
        QTest::newRow("budget 0108") << "\"108\":" << "\"0108\":" << "budget \"0108\"";
        QTest::newRow("training time -1") << "732.7000122070312" << "-1" << "\"training_time\" is -1";
        QTest::newRow("training time 1e999") << "732.7000122070312" << "1e999" << "number overflow";
    }

    void valuesOutsideTheirDomain()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, named);
        const QString error = parseError(replaced(kThreeVertices, from.toStdString(), to.toStdString()));
        QVERIFY2(error.startsWith(QStringLiteral("f.jsonl:3: ")) && error.contains(named), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    }

    // A record without "params" has its count computed, as one without "hash" has its hash: the
    // sample's own count.
    void missingFieldsAreComputed()
    {
        const std::string bare = replaced(replaced(kThreeVertices, "\"params\":2793866,", ""),
                                          "\"hash\":\"09fc2d10bdd6225e167a6f81a22a3f06\",", "");
        const Record r = parseRecordLine(bare, "f.jsonl:3");
        QCOMPARE(r.params, std::int64_t(2793866));
        QCOMPARE(r.hash.hex(), std::string("09fc2d10bdd6225e167a6f81a22a3f06"));
    }

    // NAS-Bench-101 prunes first and checks the ops of the pruned cell only: vertex 2 reaches nothing,
    // so its "conv5x5" is never looked at. The hash is that of the pruned chain input -> conv3x3 ->
    // output, by graph_util.hash_module (nasbench/lib/graph_util.py, run on the pruned matrix and
    // labels [-1, 0, -2]).
    void unknownOpOnAPrunedVertex()
    {
        const std::string cell =
            R"({"ops":["input","conv3x3-bn-relu","conv5x5","output"],"adjacency":[[0,1,1,0],[0,0,0,1],[0,0,0,0],[0,0,0,0]]})";
        const GivenCell g = parseGivenCell(cell, "cell.json");
        QVERIFY2(g.validation.ok(), g.validation.message.c_str());
        QVERIFY(g.pruned);
        QCOMPARE(moduleHash(*g.pruned).hex(), std::string("b49ac8c578b4561d79ac7087988f1c61"));
        QVERIFY2(QString::fromStdString(g.pruning).contains(QStringLiteral("pruned vertex 2 (conv5x5)")), g.pruning.c_str());
        // A record line with that cell loads, with the pruned cell.
        const Record r = parseRecordLine(cell, "f.jsonl:1");
        QCOMPARE(r.cell, *g.pruned);

        // Kept, the unknown op is an error naming it.
        const GivenCell kept = parseGivenCell(
            R"({"ops":["input","conv5x5","output"],"adjacency":[[0,1,0],[0,0,1],[0,0,0]]})", "cell.json");
        QVERIFY(!kept.validation.ok());
        QVERIFY2(kept.validation.message.find("vertex 1 is \"conv5x5\"") != std::string::npos,
                 kept.validation.message.c_str());
    }

    // A file with the same cell twice: every loader used to take it.
    void duplicateHashesAreRefused()
    {
        const std::string file = path("twice.jsonl");
        std::ofstream(file) << kThreeVertices << '\n' << kThreeVertices << '\n';
        QVERIFY_THROWS_EXCEPTION(DataError, loadDataset(file));
        try {
            loadDataset(file);
        } catch (const DataError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QString::fromStdString(file) + QStringLiteral(": records 1 and 2 have the same module hash 09fc2d10")),
                     e.what());
        }
    }

    // A line beyond kMaxLineBytes stops the read at that line instead of growing without bound.
    void overlongLineIsRefused()
    {
        const std::string file = path("long.jsonl");
        std::ofstream(file) << kThreeVertices << '\n' << std::string(kMaxLineBytes + 10, ' ') << "{}\n";
        try {
            loadJsonl(file);
            QFAIL("the over-long line was read");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QString::fromStdString(file + ":2: line 2 is longer than " + std::to_string(kMaxLineBytes) + " bytes"));
        }
        // A line of the limit itself is still read (as a malformed record, which it is).
        std::ofstream(file) << std::string(kMaxLineBytes - 2, ' ') << "{}\n";
        QVERIFY_THROWS_EXCEPTION(DataError, loadJsonl(file));
    }

    // gzgets returned lines as C strings: a line starting with a NUL byte vanished and every later
    // line number was one too small; one with a NUL inside was cut there. Plain and gzip files alike.
    void nulBytesKeepLinesAndLineNumbers_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("plain") << false;
        QTest::newRow("gzip") << true;
    }
    void nulBytesKeepLinesAndLineNumbers()
    {
        QFETCH(bool, gzip);
        const std::string file = path(gzip ? "nul.jsonl.gz" : "nul.jsonl");
        const std::string text = std::string("first\n") + '\0' + "second\nthi" + '\0' + "rd\r\nfourth";
        if (gzip) {
            GzipWriter out(file);
            out.write(text);
            out.close();
        } else {
            std::ofstream(file, std::ios::binary) << text;
        }
        GzipLineReader reader(file);
        std::vector<std::string> lines;
        std::string line;
        while (reader.next(line)) {
            lines.push_back(line);
            QCOMPARE(reader.lineNumber(), long(lines.size()));
        }
        const std::vector<std::string> expected = {"first", std::string(1, '\0') + "second",
                                                   std::string("thi") + '\0' + "rd", "fourth"};
        QCOMPARE(lines, expected);

        // Through the record reader, the NUL line is line 2, not lost.
        std::ofstream(file, std::ios::binary) << kThreeVertices << '\n' << '\0' << kThreeVertices << '\n';
        try {
            loadJsonl(file);
            QFAIL("a line starting with NUL was read as a record or skipped");
        } catch (const DataError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QString::fromStdString(file + ":2: ")), e.what());
        }
    }

    // A value nested ~65,000 deep used to overflow the stack in nlohmann's dump while the error message
    // was being written. Nesting beyond kMaxJsonDepth is refused before anything is built, and the
    // message quotes nothing of the value.
    void deepNestingIsRefusedWithoutPrintingIt_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("params") << "params";
        QTest::newRow("adjacency") << "adjacency";
        QTest::newRow("val_acc") << "val_acc";
    }
    void deepNestingIsRefusedWithoutPrintingIt()
    {
        QFETCH(QString, field);
        const std::size_t depth = 70000;
        const std::string deep = std::string(depth, '[') + "1" + std::string(depth, ']');
        const std::string key = "\"" + field.toStdString() + "\":";
        const std::size_t at = kThreeVertices.find(key);
        QVERIFY(at != std::string::npos);
        std::string line = kThreeVertices;
        line.insert(at + key.size(), deep + ",\"was_" + field.toStdString() + "\":");
        const QString error = parseError(line);
        QVERIFY2(error.startsWith(QStringLiteral("f.jsonl:3: JSON nested deeper than %1 levels").arg(kMaxJsonDepth)),
                 qPrintable(error.left(200)));
        QVERIFY2(error.size() < 200, qPrintable(error.left(200)));

        // At the limit itself the text parses as JSON (and is then refused as a record for its value).
        const std::string atLimit = std::string(std::size_t(kMaxJsonDepth) - 1, '[') + "1" + std::string(std::size_t(kMaxJsonDepth) - 1, ']');
        std::string shallow = kThreeVertices;
        shallow.replace(shallow.find("\"params\":") + 9, 7, atLimit);
        const QString limitError = parseError(shallow);
        QVERIFY2(limitError.startsWith(QStringLiteral("f.jsonl:3: \"params\" is an array")), qPrintable(limitError.left(200)));
    }

    void directoryIsNotAFile()
    {
        try {
            loadDataset(dir_.path().toStdString());
            QFAIL("a directory was read as an empty dataset");
        } catch (const std::exception& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("is a directory")), e.what());
        }
    }

    // The one blank-line rule: spaces, tabs and a CRLF file's '\r' make a blank line, skipped, and the
    // lines after it keep their physical numbers, in a plain file and in the same text gzip-compressed.
    void blankAndCrlfLinesAreSkippedWithPhysicalLineNumbers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << QStringLiteral("blank.jsonl");
        QTest::newRow("gzip") << QStringLiteral("blank.jsonl.gz");
    }

    void blankAndCrlfLinesAreSkippedWithPhysicalLineNumbers()
    {
        QFETCH(QString, name);
        const std::string file = path(name.toUtf8().constData());
        const std::string other = replaced(replaced(kThreeVertices, "09fc2d10bdd6225e167a6f81a22a3f06", "043721b9c7fe8c5fad811d47d83132ec"),
                                           R"("ops":["input","conv1x1-bn-relu","output"],"adjacency":[[0,1,1],[0,0,1],[0,0,0]])",
                                           R"("ops":["input","output"],"adjacency":[[0,1],[0,0]])");
        writeLinesFile(file, {kThreeVertices + "\r", "\r", " \t \r", "", "\t", other + "\r", "  "});
        std::vector<std::string> lines, where;
        forEachJsonlLine(file, [&](const std::string& line, const std::string& at) {
            lines.push_back(line);
            where.push_back(at);
            return true;
        });
        QCOMPARE(lines, (std::vector<std::string>{kThreeVertices, other}));
        QCOMPARE(where, (std::vector<std::string>{file + ":1", file + ":6"}));
        const Dataset data = loadJsonl(file);
        QCOMPARE(data.size(), std::size_t(2));
        QCOMPARE(data[0].hash.hex(), std::string("09fc2d10bdd6225e167a6f81a22a3f06"));
        QCOMPARE(data[1].hash.hex(), std::string("043721b9c7fe8c5fad811d47d83132ec"));

        writeLinesFile(file, {kThreeVertices + "\r", "\r", " \t \r", "", "\t", "{\"ops\":[\r"});
        try {
            loadJsonl(file);
            QFAIL("a malformed sixth line was read");
        } catch (const DataError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QString::fromStdString(file + ":6: ")), e.what());
        }
    }

    // The train-net result record: what netTrainingResultJson writes reads back field for field, and a
    // hand-written truth line of an older form (no hash, parameter count or test accuracy) still reads.
    void netTrainingResultReadsBack()
    {
        const Cell cell = parseRecordLine(kThreeVertices, "golden").cell;
        NetTrainingConfig config;
        config.epochs = 4;
        NetTrainingResult result;
        result.parameters = 13498;
        result.validationAccuracy = 0.8125;
        result.testAccuracy = 0.75;
        result.stopReason = "completed";
        result.stepScores = {{10, 0.5, 1.25, 2.0}};
        const std::string line = netTrainingResultJson(cell, config, result);
        const NetTrainingRecord r = parseNetTrainingRecord(line, "results.jsonl:2");
        QCOMPARE(r.hash.hex(), std::string("09fc2d10bdd6225e167a6f81a22a3f06"));
        QCOMPARE(r.validationAccuracy, 0.8125);
        QCOMPARE(r.testAccuracy.value_or(-1), 0.75);
        QCOMPARE(r.params.value_or(-1), std::int64_t(13498));
        QCOMPARE(r.task, std::string("fashion-mnist"));
        QCOMPARE(r.epochs, 4);
        QCOMPARE(r.stepScores.size(), std::size_t(1));
        QCOMPARE(r.stepScores[0].step, std::int64_t(10));
        QCOMPARE(r.stepScores[0].loss, 1.25);
        QCOMPARE(r.line, line);

        const NetTrainingRecord old = parseNetTrainingRecord(
            R"({"ops":["input","conv1x1-bn-relu","output"],"adjacency":[[0,1,1],[0,0,1],[0,0,0]],"validation_accuracy":0.5})", "truth.jsonl:1");
        QCOMPARE(old.hash.hex(), std::string("09fc2d10bdd6225e167a6f81a22a3f06"));
        QVERIFY(!old.params && !old.testAccuracy && old.stepScores.empty());
        try {
            parseNetTrainingRecord(R"({"ops":["input","output"],"adjacency":[[0,1],[0,0]]})", "truth.jsonl:3");
            QFAIL("a cell without an accuracy was read as a result");
        } catch (const DataError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("truth.jsonl:3: not a train-net result")), e.what());
        }
    }

    // A CSV that cannot be written completely is an error naming the file, whether the folder is
    // missing or the device is full (the stream's state after closing), and nothing is left behind.
    void csvWriteFailureNamesThePath()
    {
        const auto rows = [](std::size_t i) { return std::to_string(i) + "," + std::string(100, 'x'); };
        const std::string missing = path("no-such-folder/scores.csv");
        try {
            writeCsvFile(missing, "index,text", 3, rows);
            QFAIL("a CSV was written into a missing folder");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QString::fromStdString(missing)), e.what());
        }
        QVERIFY(!QFileInfo::exists(dir_.filePath(QStringLiteral("no-such-folder"))));
        if (QFileInfo::exists(QStringLiteral("/dev/full"))) {
            try {
                writeCsvFile("/dev/full", "index,text", 1000, rows);
                QFAIL("a CSV was written to a full device");
            } catch (const std::runtime_error& e) {
                QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("/dev/full: write failed")), e.what());
            }
        }
        const std::string csv = path("scores.csv");
        writeCsvFile(csv, "index,text", 2, rows);
        std::ifstream in(csv);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        QCOMPARE(text, "index,text\n" + rows(0) + "\n" + rows(1) + "\n");
    }

private:
    std::string path(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

    QTemporaryDir dir_;
};

QTEST_APPLESS_MAIN(TestJsonl)
#include "tst_jsonl.moc"
