// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"

#include "data/Splits.h"

#include <QtTest>

#include <algorithm>
#include <map>
#include <set>

using namespace archscope;
using archscope::test::cellOf;

Q_DECLARE_METATYPE(archscope::Sampler)
Q_DECLARE_METATYPE(archscope::Cell)

namespace {
constexpr Op I = Op::Input, O = Op::Output, C3 = Op::Conv3x3, C1 = Op::Conv1x1, MP = Op::MaxPool3x3;

SplitOptions options(Sampler sampler, std::size_t train, std::size_t val, std::uint64_t seed)
{
    SplitOptions o;
    o.sampler = sampler;
    o.trainSize = train;
    o.valSize = val;
    o.seed = seed;
    return o;
}

std::size_t eligibleCount()
{
    std::size_t n = 0;
    for (const Record& r : test::sample().records())
        n += !std::isnan(r.validationAccuracy(kBudget108));
    return n;
}

void verifyPartition(const Split& s, std::size_t eligible)
{
    std::set<std::size_t> all;
    for (const auto* part : {&s.train, &s.validation, &s.test}) {
        QVERIFY(std::is_sorted(part->begin(), part->end()));
        all.insert(part->begin(), part->end());
    }
    QCOMPARE(all.size(), s.train.size() + s.validation.size() + s.test.size()); // disjoint
    QCOMPARE(all.size(), eligible);                                               // and complete
}

std::string errorOf(const SplitOptions& o)
{
    try {
        makeSplit(test::sample(), o);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "no exception";
}
} // namespace

class TestSplits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samplerNames()
    {
        for (Sampler s : {Sampler::Random, Sampler::Even, Sampler::Edit})
            QCOMPARE(samplerFromName(samplerName(s)), std::optional<Sampler>(s));
        QCOMPARE(samplerName(Sampler::Edit), std::string_view("edit"));
        QVERIFY(!samplerFromName("uniform"));
    }

    void reproducibleDisjointAndSized_data()
    {
        QTest::addColumn<Sampler>("sampler");
        QTest::newRow("random") << Sampler::Random;
        QTest::newRow("even") << Sampler::Even;
        QTest::newRow("edit") << Sampler::Edit;
    }

    void reproducibleDisjointAndSized()
    {
        QFETCH(Sampler, sampler);
        const Split a = makeSplit(test::sample(), options(sampler, 500, 200, 7));
        const Split again = makeSplit(test::sample(), options(sampler, 500, 200, 7));
        const Split other = makeSplit(test::sample(), options(sampler, 500, 200, 8));
        QCOMPARE(a.train, again.train);
        QCOMPARE(a.validation, again.validation);
        QCOMPARE(a.test, again.test);
        QVERIFY(a.train != other.train);
        QVERIFY(a.validation != other.validation);
        QCOMPARE(a.train.size(), std::size_t{500});
        QCOMPARE(a.validation.size(), std::size_t{200});
        verifyPartition(a, eligibleCount());
        verifyPartition(other, eligibleCount());
    }

    void trainFractionOfTheDrawablePool()
    {
        SplitOptions o = options(Sampler::Random, 0, 1000, 3);
        o.trainFraction = 0.1;
        const Split s = makeSplit(test::sample(), o);
        // All 20,001 sample records have a 108-epoch accuracy: 0.1 * 20001 = 2000.1, rounded to 2000.
        QCOMPARE(eligibleCount(), std::size_t{20001});
        QCOMPARE(s.train.size(), std::size_t{2000});
        QCOMPARE(s.test.size(), std::size_t{20001 - 2000 - 1000});
    }

    void zeroShot_data()
    {
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("train");
        QTest::addColumn<int>("val");
        QTest::addColumn<int>("testSize");
        // Sample: 16,947 cells with 7 vertices, 2,917 with 6, 130 with 5, 5 with 4, 1 with 3, 1 with 2.
        QTest::newRow("to 7") << 6 << 2000 << 500 << 16947;   // pool 2917 + 130 + 5 + 1 + 1 = 3054
        QTest::newRow("to 6") << 5 << 100 << 37 << 2917;      // pool 130 + 5 + 1 + 1 = 137, all used
        QTest::newRow("to 5") << 4 << 5 << 2 << 130;          // pool 5 + 1 + 1 = 7
    }

    void zeroShot()
    {
        QFETCH(int, k);
        QFETCH(int, train);
        QFETCH(int, val);
        QFETCH(int, testSize);
        SplitOptions o = options(Sampler::Random, static_cast<std::size_t>(train), static_cast<std::size_t>(val), 11);
        o.maxTrainVertices = k;
        const Split s = makeSplit(test::sample(), o);
        const auto& data = test::sample();
        for (std::size_t i : s.train)
            QVERIFY(data[i].cell.numVertices() <= k);
        for (std::size_t i : s.validation)
            QVERIFY(data[i].cell.numVertices() <= k);
        for (std::size_t i : s.test)
            QCOMPARE(data[i].cell.numVertices(), k + 1);
        QCOMPARE(s.train.size(), std::size_t(train));
        QCOMPARE(s.validation.size(), std::size_t(val));
        QCOMPARE(s.test.size(), std::size_t(testSize));
    }

    void editDistance_data()
    {
        QTest::addColumn<Cell>("a");
        QTest::addColumn<Cell>("b");
        QTest::addColumn<int>("distance");
        const Cell chain3 = cellOf({I, C3, O}, {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}});
        QTest::newRow("same") << chain3 << chain3 << 0;
        // Only the op of vertex 1 differs.
        QTest::newRow("op") << chain3 << cellOf({I, C1, O}, {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}) << 1;
        // Padded: vertex 1 missing vs conv3x3 (1); edges 0->6 vs 0->1, 1->6 (3).
        QTest::newRow("vertex added") << cellOf({I, O}, {{0, 1}, {0, 0}}) << chain3 << 4;
        // Same ops, plus the skip 0->2 (the output, slot 6): 1.
        QTest::newRow("edge added") << chain3 << cellOf({I, C3, O}, {{0, 1, 1}, {0, 0, 1}, {0, 0, 0}}) << 1;
        // Reference (9 edges) vs the 3-vertex chain: ops at slots 2..5 missing (4) and slot 1
        // conv1x1 vs conv3x3 (1); edges: the chain's 0->1 and 1->6 are in the reference, its other
        // 7 edges are not (7).
        QTest::newRow("reference vs chain") << editSamplingReference() << chain3 << 12;
    }

    void editDistance()
    {
        QFETCH(Cell, a);
        QFETCH(Cell, b);
        QFETCH(int, distance);
        QCOMPARE(cellEditDistance(a, b), distance);
        QCOMPARE(cellEditDistance(b, a), distance);
    }

    void editSamplingIsProportionalPerDistance()
    {
        const auto& data = test::sample();
        const Split s = makeSplit(data, options(Sampler::Edit, 700, 300, 5));
        // The training set is drawn from everything but the validation set: train and test here.
        std::map<int, std::size_t> population, taken;
        for (std::size_t i : s.test)
            ++population[cellEditDistance(data[i].cell, editSamplingReference())];
        for (std::size_t i : s.train) {
            const int d = cellEditDistance(data[i].cell, editSamplingReference());
            ++population[d];
            ++taken[d];
        }
        const std::size_t total = s.train.size() + s.test.size();
        QVERIFY(population.size() > 5);
        for (const auto& [d, size] : population) {
            // taken is floor or ceil of 700 * size / total: |taken * total - 700 * size| < total.
            const auto diff = static_cast<long long>(taken[d] * total) - static_cast<long long>(700 * size);
            QVERIFY2(std::llabs(diff) < static_cast<long long>(total),
                     qPrintable(QString("distance %1: %2 of %3").arg(d).arg(taken[d]).arg(size)));
        }
    }

    void evenSamplingReachesIsolatedPoints_data()
    {
        QTest::addColumn<int>("seed");
        for (int seed = 1; seed <= 5; ++seed)
            QTest::newRow(qPrintable(QString("seed %1").arg(seed))) << seed;
    }

    void evenSamplingReachesIsolatedPoints()
    {
        // 100 points within 0.001 of 0 and one point at each of 1, 2, 3, 4: any grid fine enough to
        // have 5 occupied cells gives every isolated point a cell of its own, so all 4 are drawn;
        // a uniform draw of 5 would take 5 * 4 / 104 of them on average.
        QFETCH(int, seed);
        std::vector<EvenPoint> points;
        for (int i = 0; i < 100; ++i)
            points.push_back({i * 1e-5, 0, 0, 0});
        for (int x = 1; x <= 4; ++x)
            points.push_back({double(x), 0, 0, 0});
        const auto picked = sampleEven(points, 5, static_cast<std::uint64_t>(seed));
        QCOMPARE(picked.size(), std::size_t{5});
        for (std::size_t isolated = 100; isolated < 104; ++isolated)
            QVERIFY(std::binary_search(picked.begin(), picked.end(), isolated));
    }

    void evenSamplingBalancesCells()
    {
        // Three groups of identical points (100 at 0, 10 at 1, 2 at 2) fill 3 cells at any grid.
        // 9 picks: one per cell, then rounds of one per cell: (2, 2, 2), then the group of 2 is
        // exhausted and the others go to (3, 3, 2), and the last pick lands in one of the two.
        std::vector<EvenPoint> points;
        for (int i = 0; i < 112; ++i)
            points.push_back({double(i < 100 ? 0 : i < 110 ? 1 : 2), 5, 5, 5});
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            const auto picked = sampleEven(points, 9, seed);
            std::array<int, 3> perGroup{};
            for (std::size_t i : picked)
                ++perGroup[i < 100 ? 0 : i < 110 ? 1 : 2];
            QCOMPARE(perGroup[2], 2);
            QVERIFY((perGroup[0] == 4 && perGroup[1] == 3) || (perGroup[0] == 3 && perGroup[1] == 4));
            QCOMPARE(std::set<std::size_t>(picked.begin(), picked.end()).size(), std::size_t{9});
        }
    }

    void errors_data()
    {
        QTest::addColumn<int>("train");
        QTest::addColumn<int>("val");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("budget");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("too many") << 20000 << 2 << 0.0 << 0 << kBudget108 << "20000 training and 2 validation";
        QTest::newRow("zero-shot pool") << 100 << 38 << 0.0 << 5 << kBudget108 << "only 137 of the 20001";
        QTest::newRow("no size") << 0 << 10 << 0.0 << 0 << kBudget108 << "neither a training size";
        QTest::newRow("fraction above 1") << 0 << 10 << 1.5 << 0 << kBudget108 << "(got 1.5";
        QTest::newRow("nothing larger") << 10 << 10 << 0.0 << 7 << kBudget108 << "maxTrainVertices 7";
        QTest::newRow("bad budget") << 10 << 10 << 0.0 << 0 << 4 << "budget index 4";
    }

    void errors()
    {
        QFETCH(int, train);
        QFETCH(int, val);
        QFETCH(double, fraction);
        QFETCH(int, k);
        QFETCH(int, budget);
        QFETCH(QString, messagePart);
        SplitOptions o = options(Sampler::Random, static_cast<std::size_t>(train), static_cast<std::size_t>(val), 1);
        o.trainFraction = fraction;
        o.maxTrainVertices = k;
        o.budget = budget;
        const std::string message = errorOf(o);
        QVERIFY2(QString::fromStdString(message).contains(messagePart), message.c_str());
    }

    void sampleEvenRejectsTooManyPoints()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sampleEven({EvenPoint{}}, 2, 0));
    }
};

QTEST_APPLESS_MAIN(TestSplits)
#include "tst_splits.moc"
