// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"

#include "cell/ModuleHash.h"
#include "data/CellText.h"
#include "data/JsonlFormat.h"
#include "util/Errors.h"

#include <QtTest>

using namespace archscope;
using archscope::test::sample;

class CellTextTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Every 1,000th record of the data, written as a ModelSpec and as its JSON record, reads back to a
    // cell with the record's own hash.
    void roundTripsKeepTheRecordsHash_data()
    {
        QTest::addColumn<int>("row");
        for (int row = 0; row < int(sample().size()); row += 1000)
            QTest::addRow("record %d", row) << row;
    }

    void roundTripsKeepTheRecordsHash()
    {
        QFETCH(int, row);
        const Record& r = sample().records()[std::size_t(row)];
        const std::string spec = cellToModelSpec(r.cell);
        QVERIFY2(spec.rfind("ModelSpec(matrix=[[", 0) == 0, spec.c_str());
        QCOMPARE(moduleHash(cellFromText(spec, "clipboard")).hex(), r.hash.hex());
        QCOMPARE(moduleHash(cellFromText(recordToJsonLine(r), "clipboard")).hex(), r.hash.hex());
    }

    void readsTheNasbenchReadmesExample()
    {
        // As github.com/google-research/nasbench's README writes it, with its comments.
        const char* text = R"(cell = api.ModelSpec(
  matrix=[[0, 1, 1, 1, 0, 1, 0],    # input layer
          [0, 0, 0, 0, 0, 0, 1],    # 1x1 conv
          [0, 0, 0, 0, 0, 0, 1],    # 3x3 conv
          [0, 0, 0, 0, 1, 0, 0],    # 5x5 conv (replaced by two 3x3's)
          [0, 0, 0, 0, 0, 0, 1],    # 5x5 conv (replaced by two 3x3's)
          [0, 0, 0, 0, 0, 0, 1],    # 3x3 max-pool
          [0, 0, 0, 0, 0, 0, 0]],   # output layer
  # Operations at the vertices of the module, matches order of matrix
  ops=[INPUT, CONV1X1, CONV3X3, CONV3X3, CONV3X3, MAXPOOL3X3, OUTPUT])
)";
        const Cell c = cellFromText(text, "clipboard");
        QCOMPARE(c.numVertices(), 7);
        QCOMPARE(c.op(1), Op::Conv1x1);
        QCOMPARE(c.op(5), Op::MaxPool3x3);
        QVERIFY(c.hasEdge(0, 5) && c.hasEdge(3, 4) && !c.hasEdge(0, 4));
        QVERIFY(validateCell(c).ok());
        const Cell numpy = cellFromText("ModelSpec(matrix=np.array([[0, 1, 0], [0, 0, 1], [0, 0, 0],]), "
                                        "ops=[\"input\", 'maxpool3x3', api.OUTPUT,])",
                                        "clipboard");
        QCOMPARE(numpy.numVertices(), 3);
        QCOMPARE(numpy.op(1), Op::MaxPool3x3);
    }

    void refusesWhatIsNoCell_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "  \n" << "clipboard: empty";
        QTest::newRow("prose") << "a conv3x3 then a maxpool" << "clipboard: neither a cell as JSON";
        QTest::newRow("no ops") << "ModelSpec(matrix=[[0, 1], [0, 0]])" << "clipboard: the ModelSpec has no ops=";
        QTest::newRow("unknown constant") << "ModelSpec(matrix=[[0, 1], [0, 0]], ops=[INPUT, CONV5X5])"
                                          << "clipboard: unknown name CONV5X5";
        QTest::newRow("unknown op in quotes") << "ModelSpec(matrix=[[0, 1], [0, 0]], ops=['input', 'conv5x5'])"
                                              << "clipboard: unknown op \"conv5x5\"";
        QTest::newRow("unclosed matrix") << "ModelSpec(matrix=[[0, 1], [0, 0], ops=['input', 'output'])"
                                         << "clipboard: the list after matrix= is not closed";
        QTest::newRow("an edge of 2") << "ModelSpec(matrix=[[0, 2], [0, 0]], ops=['input', 'output'])" << "clipboard: ";
        QTest::newRow("JSON without adjacency") << R"({"ops": ["input", "output"]})" << "clipboard: missing \"adjacency\"";
    }

    void refusesWhatIsNoCell()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            cellFromText(text.toStdString(), "clipboard");
            QFAIL("text that is no cell was read as one");
        } catch (const DataError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(CellTextTest)
#include "tst_celltext.moc"
