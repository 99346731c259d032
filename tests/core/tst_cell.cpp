// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"

#include "cell/Cell.h"
#include "cell/EdgeBudget.h"

#include <random>

#include <QtTest>

using namespace archscope;
using archscope::test::cellOf;

Q_DECLARE_METATYPE(archscope::Cell)
Q_DECLARE_METATYPE(archscope::CellRule)

namespace {
constexpr Op I = Op::Input, O = Op::Output, C3 = Op::Conv3x3, C1 = Op::Conv1x1, MP = Op::MaxPool3x3;
}

class TestCell : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validation_data()
    {
        QTest::addColumn<Cell>("cell");
        QTest::addColumn<CellRule>("rule");
        QTest::addColumn<int>("vertex");
        QTest::addColumn<int>("edgeFrom");
        QTest::addColumn<int>("edgeTo");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("valid chain") << cellOf({I, C3, O}, {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}) << CellRule::Valid << -1
                                     << -1 << -1 << "";
        QTest::newRow("input only") << cellOf({I}, {{0}}) << CellRule::TooFewVertices << -1 << -1 << -1
                                    << "at least an input and an output";
        QTest::newRow("backward edge") << cellOf({I, C3, C1, O}, {{0, 1, 0, 0}, {0, 0, 0, 1}, {0, 1, 0, 1}, {0, 0, 0, 0}})
                                       << CellRule::NotUpperTriangular << -1 << 2 << 1 << "edge 2 -> 1 goes backwards";
        QTest::newRow("self loop") << cellOf({I, C3, O}, {{0, 1, 0}, {0, 1, 1}, {0, 0, 0}})
                                   << CellRule::NotUpperTriangular << -1 << 1 << 1 << "self-loop";
        QTest::newRow("first not input") << cellOf({C3, C1, O}, {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}})
                                         << CellRule::FirstNotInput << 0 << -1 << -1 << "vertex 0 is \"conv3x3-bn-relu\"";
        QTest::newRow("last not output") << cellOf({I, C1, MP}, {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}})
                                         << CellRule::LastNotOutput << 2 << -1 << -1 << "must be \"output\"";
        QTest::newRow("output in interior") << cellOf({I, O, O}, {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}})
                                            << CellRule::MisplacedOp << 1 << -1 << -1 << "vertex 1 is \"output\"";
        QTest::newRow("unreachable output") << cellOf({I, C3, C1, O}, {{0, 1, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}})
                                            << CellRule::OutputUnreachable << 3 << -1 << -1 << "cannot be reached";
        // 8 vertices in a chain: nothing to prune, one vertex too many.
        std::vector<std::vector<int>> chain8(8, std::vector<int>(8, 0));
        for (int i = 0; i < 7; ++i)
            chain8[static_cast<std::size_t>(i)][static_cast<std::size_t>(i + 1)] = 1;
        QTest::newRow("8 vertices") << Cell({I, C3, C3, C3, C3, C3, C3, O}, chain8) << CellRule::TooManyVertices << -1
                                    << -1 << -1 << "8 vertices after pruning";
        // 8 vertices, but one dangles and is pruned: valid as NAS-Bench-101's ModelSpec has it.
        std::vector<std::vector<int>> dangling = chain8;
        dangling[5][6] = 0; // vertex 6 keeps only its edge to the output
        dangling[5][7] = 1;
        QTest::newRow("8 vertices, one pruned") << Cell({I, C3, C3, C3, C3, C3, C3, O}, dangling) << CellRule::Valid
                                                << -1 << -1 << -1 << "";
        // 7 vertices with 10 edges, all on input -> output paths: a chain plus 4 skips from the input.
        std::vector<std::vector<int>> dense(7, std::vector<int>(7, 0));
        for (int i = 0; i < 6; ++i)
            dense[static_cast<std::size_t>(i)][static_cast<std::size_t>(i + 1)] = 1;
        for (int j = 2; j <= 5; ++j)
            dense[0][static_cast<std::size_t>(j)] = 1;
        QTest::newRow("10 edges") << Cell({I, C3, C3, C1, C1, MP, O}, dense) << CellRule::TooManyEdges << -1 << -1 << -1
                                  << "edges after pruning, at most 9";
        // NAS-Bench-101 prunes before it looks at any op (model_spec.py, api.py _check_spec): an "input" on
        // vertex 2, which reaches nothing, is pruned away and the cell is valid (it was MisplacedOp).
        QTest::newRow("input on a pruned vertex")
            << cellOf({I, C3, I, O}, {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}, {0, 0, 0, 0}}) << CellRule::Valid << -1
            << -1 << -1 << "";
        // ... and a disconnected cell is "disconnected" before its first op is looked at.
        QTest::newRow("first not input, unreachable output")
            << cellOf({C3, C1, O}, {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}) << CellRule::OutputUnreachable << 2 << -1 << -1
            << "cannot be reached";
        // The limits hold for the pruned cell before its ops: 8 vertices with an output in the interior.
        QTest::newRow("8 vertices, output in the interior")
            << Cell({I, C3, O, C3, C3, C3, C3, O}, chain8) << CellRule::TooManyVertices << -1 << -1 << -1
            << "8 vertices after pruning";
    }

    void validation()
    {
        QFETCH(Cell, cell);
        QFETCH(CellRule, rule);
        QFETCH(int, vertex);
        QFETCH(int, edgeFrom);
        QFETCH(int, edgeTo);
        QFETCH(QString, messagePart);
        const CellValidation v = validateCell(cell);
        QCOMPARE(v.rule, rule);
        QCOMPARE(v.vertex, vertex);
        QCOMPARE(v.edgeFrom, edgeFrom);
        QCOMPARE(v.edgeTo, edgeTo);
        QVERIFY2(QString::fromStdString(v.message).contains(messagePart), v.message.c_str());
    }

    // An op outside the space (unknownOps) counts only on a vertex pruning keeps.
    void unknownOps_data()
    {
        QTest::addColumn<int>("vertex"); // where "conv5x5" is
        QTest::addColumn<CellRule>("rule");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("pruned") << 2 << CellRule::Valid << "";
        QTest::newRow("kept interior") << 1 << CellRule::MisplacedOp << "vertex 1 is \"conv5x5\"";
        QTest::newRow("first") << 0 << CellRule::FirstNotInput << "vertex 0 is \"conv5x5\"";
        QTest::newRow("last") << 3 << CellRule::LastNotOutput << "vertex 3 is \"conv5x5\"";
    }

    void unknownOps()
    {
        QFETCH(int, vertex);
        QFETCH(CellRule, rule);
        QFETCH(QString, messagePart);
        // input -> 1 -> output, and input -> 2, which reaches nothing.
        const Cell cell = cellOf({I, C3, C3, O}, {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}, {0, 0, 0, 0}});
        std::vector<std::string> unknown(4);
        unknown[static_cast<std::size_t>(vertex)] = "conv5x5";
        const CellValidation v = validateCell(cell, unknown);
        QCOMPARE(v.rule, rule);
        QVERIFY2(QString::fromStdString(v.message).contains(messagePart), v.message.c_str());
    }

    void pruneDropsVerticesOffThePath()
    {
        // Vertex 2 has no path to the output, vertex 3 none from the input.
        const Cell cell = cellOf({I, C3, C1, MP, O}, {{0, 1, 1, 0, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0},
                                                     {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}});
        const auto pruned = pruneCell(cell);
        QVERIFY(pruned);
        QCOMPARE(*pruned, cellOf({I, C3, O}, {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}));
    }

    void sampleCellsAreAlreadyPruned()
    {
        for (const Record& r : test::sample().records()) {
            QVERIFY(validateCell(r.cell).ok());
            QCOMPARE(*pruneCell(r.cell), r.cell);
        }
    }

    void editsProduceNewCells()
    {
        const Cell chain = cellOf({I, C3, O}, {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}});
        const Cell inserted = chain.withVertexInserted(2, C1);
        QCOMPARE(inserted, cellOf({I, C3, C1, O}, {{0, 1, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}, {0, 0, 0, 0}}));
        const Cell linked = inserted.withEdge(1, 2, true).withEdge(2, 3, true);
        QCOMPARE(linked.numEdges(), 4);
        QCOMPARE(linked.withVertexRemoved(2), chain);
        QCOMPARE(chain.withOp(1, MP).op(1), MP);
        QCOMPARE(chain.withEdge(0, 2, true).withEdge(0, 2, false), chain);
        QCOMPARE(chain, chain); // unchanged by the edits above
        QCOMPARE(chain.numEdges(), 2);
    }

    // Scores are 1 for every edge but those listed with their own score.
    void edgeBudget_data()
    {
        QTest::addColumn<Cell>("cell");
        QTest::addColumn<QList<QList<int>>>("lowScored"); // {from, to, score}
        QTest::addColumn<Cell>("expected");

        // 7 vertices, 10 edges: 0->1,0->2,0->3,1->4,2->4,2->5,3->5,4->6,5->6,1->6
        const Cell ten = cellOf({I, C3, C1, MP, C3, C1, O},
                                {{0, 1, 1, 1, 0, 0, 0}, {0, 0, 0, 0, 1, 0, 1}, {0, 0, 0, 0, 1, 1, 0},
                                 {0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 1},
                                 {0, 0, 0, 0, 0, 0, 0}});
        QTest::newRow("nine edges: unchanged") << ten.withEdge(1, 6, false) << QList<QList<int>>{{1, 6, -5}}
                                               << ten.withEdge(1, 6, false);
        QTest::newRow("ten edges: the least likely goes") << ten << QList<QList<int>>{{2, 4, -3}, {1, 6, -1}}
                                                          << ten.withEdge(2, 4, false);
        // 0->3 and 3->5 are each 3's only edge: dropping 3->5 leaves vertex 3 dangling, which also
        // drops 0->3 from the pruned cell, so one removal takes two live edges.
        QTest::newRow("a removal that prunes a vertex") << ten << QList<QList<int>>{{3, 5, -2}}
                                                         << ten.withEdge(3, 5, false);
        // A chain input -> 1 -> output plus 9 edges among vertices that never reach the output.
        const Cell dangling = cellOf({I, C3, C1, MP, C3, C1, O},
                                     {{0, 1, 1, 1, 1, 1, 0}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 1, 1, 1, 0},
                                      {0, 0, 0, 0, 1, 1, 0}, {0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 0},
                                      {0, 0, 0, 0, 0, 0, 0}});
        QTest::newRow("dangling edges do not count") << dangling << QList<QList<int>>{{0, 2, -9}} << dangling;
        // Five parallel paths 0 -> v -> 6 and 0 -> 6: 11 edges, 1 -> 6 is the least likely but the
        // only way out of 1, so dropping it also prunes 0 -> 1: 9 live edges left.
        const Cell parallel = cellOf({I, C3, C1, MP, C3, C1, O},
                                     {{0, 1, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 1},
                                      {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 1},
                                      {0, 0, 0, 0, 0, 0, 0}});
        QTest::newRow("two edges over, one removal") << parallel << QList<QList<int>>{{1, 6, -4}, {2, 6, -2}}
                                                     << parallel.withEdge(1, 6, false);
        const Cell unreachable = cellOf({I, C3, O}, {{0, 1, 0}, {0, 0, 0}, {0, 0, 0}});
        QTest::newRow("unreachable output: unchanged") << unreachable << QList<QList<int>>{} << unreachable;
    }

    void edgeBudget()
    {
        QFETCH(Cell, cell);
        QFETCH(QList<QList<int>>, lowScored);
        QFETCH(Cell, expected);
        const int n = cell.numVertices();
        std::vector<float> score(static_cast<std::size_t>(n * n), 1.0f);
        for (const QList<int>& e : lowScored)
            score[static_cast<std::size_t>(e[0] * n + e[1])] = static_cast<float>(e[2]);
        QCOMPARE(withinEdgeBudget(cell, score), expected);
    }

    // Every fully connected 7-vertex DAG (21 edges) comes back valid, within 9 edges, with only edges
    // it had, and keeping the most likely edge of all.
    void edgeBudgetOnDenseCells()
    {
        std::vector<std::vector<int>> full(7, std::vector<int>(7, 0));
        for (int i = 0; i < 7; ++i)
            for (int j = i + 1; j < 7; ++j)
                full[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = 1;
        const Cell dense({I, C3, C1, MP, C3, C1, O}, full);
        std::mt19937 rng(7);
        std::uniform_real_distribution<float> uniform(-4.0f, 4.0f);
        for (int trial = 0; trial < 200; ++trial) {
            std::vector<float> score(49);
            for (float& s : score)
                s = uniform(rng);
            score[1 * 7 + 6] = 10.0f;
            const Cell fitted = withinEdgeBudget(dense, score);
            const CellValidation check = validateCell(fitted);
            QVERIFY2(check.ok(), check.message.c_str());
            QVERIFY(pruneCell(fitted)->numEdges() <= kMaxEdges);
            QVERIFY(fitted.hasEdge(1, 6));
            for (int i = 0; i < 7; ++i)
                QCOMPARE(fitted.outMask(i) & ~dense.outMask(i), 0u);
        }
    }

    void edgeBudgetNeedsAScorePerPair()
    {
        const Cell chain = cellOf({I, C3, O}, {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, withinEdgeBudget(chain, std::vector<float>(4, 0.0f)));
    }

    void malformedMatrixIsRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Cell({I, O}, std::vector<std::vector<int>>{{0, 1}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Cell({I, O}, std::vector<std::vector<int>>{{0, 2}, {0, 0}}));
    }
};

QTEST_APPLESS_MAIN(TestCell)
#include "tst_cell.moc"
