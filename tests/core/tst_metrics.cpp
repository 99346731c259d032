// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "metrics/Metrics.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

using namespace archscope;

using Values = std::vector<double>;
Q_DECLARE_METATYPE(Values)

namespace {

// The O(n^2) definition of tau-b, the oracle for the O(n log n) implementation.
double bruteForceTauB(const Values& x, const Values& y)
{
    double concordantMinusDiscordant = 0, untiedX = 0, untiedY = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j) {
            const int sx = (x[i] < x[j]) - (x[j] < x[i]);
            const int sy = (y[i] < y[j]) - (y[j] < y[i]);
            concordantMinusDiscordant += sx * sy;
            untiedX += sx != 0;
            untiedY += sy != 0;
        }
    return concordantMinusDiscordant / std::sqrt(untiedX * untiedY);
}

void compareOrNaN(double actual, double expected)
{
    if (std::isnan(expected))
        QVERIFY2(std::isnan(actual), qPrintable(QString::number(actual)));
    else
        QVERIFY2(std::abs(actual - expected) < 1e-12,
                 qPrintable(QString("%1 != %2").arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17)));
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kendallTauByHand_data()
    {
        QTest::addColumn<Values>("x");
        QTest::addColumn<Values>("y");
        QTest::addColumn<double>("tau");

        QTest::newRow("empty") << Values{} << Values{} << kNaN;
        QTest::newRow("one value") << Values{1} << Values{2} << kNaN;
        QTest::newRow("two, reversed") << Values{1, 2} << Values{2, 1} << -1.0;
        QTest::newRow("two, y tied") << Values{1, 2} << Values{5, 5} << kNaN;
        QTest::newRow("constant x") << Values{1, 1, 1} << Values{1, 2, 3} << kNaN;
        QTest::newRow("perfect") << Values{1, 2, 3, 4} << Values{10, 20, 30, 40} << 1.0;
        QTest::newRow("reversed") << Values{1, 2, 3, 4} << Values{4, 3, 2, 1} << -1.0;
        // Of the 10 pairs, (0,1) (0,2) (3,4) are discordant and the other 7 concordant: (7 - 3) / 10.
        QTest::newRow("no ties") << Values{1, 2, 3, 4, 5} << Values{3, 1, 2, 5, 4} << 0.4;
        // 6 pairs: (1,2) tied in x only, (2,3) tied in y only, the other 4 concordant:
        // 4 / sqrt((6 - 1) * (6 - 1)) = 0.8.
        QTest::newRow("ties on both sides") << Values{1, 2, 2, 3} << Values{1, 2, 3, 3} << 0.8;
        // (0,1) tied in both, (0,2) (1,2) tied in y, (2,3) tied in x, (0,3) (1,3) concordant:
        // n1 = 2 pairs tied in x, n2 = 3 tied in y: 2 / sqrt((6 - 2) * (6 - 3)) = 2 / sqrt(12).
        QTest::newRow("joint ties") << Values{1, 1, 2, 2} << Values{1, 1, 1, 2} << 2.0 / std::sqrt(12.0);
        // Same as "no ties" with x given out of order: tau does not depend on the order of the pairs.
        QTest::newRow("unsorted input") << Values{5, 1, 4, 2, 3} << Values{4, 3, 5, 1, 2} << 0.4;
    }

    void kendallTauByHand()
    {
        QFETCH(Values, x);
        QFETCH(Values, y);
        QFETCH(double, tau);
        compareOrNaN(kendallTau(x, y), tau);
        compareOrNaN(kendallTau(y, x), tau); // symmetric
    }

    void kendallTauMatchesBruteForce_data()
    {
        QTest::addColumn<int>("seed");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("levelsX");
        QTest::addColumn<int>("levelsY");
        QTest::newRow("many ties") << 1 << 300 << 5 << 7;
        QTest::newRow("ties in x only") << 2 << 400 << 4 << 1000000;
        QTest::newRow("ties in y only") << 3 << 250 << 1000000 << 3;
        QTest::newRow("binary") << 4 << 500 << 2 << 2;
        QTest::newRow("odd length") << 5 << 333 << 11 << 9;
    }

    void kendallTauMatchesBruteForce()
    {
        QFETCH(int, seed);
        QFETCH(int, n);
        QFETCH(int, levelsX);
        QFETCH(int, levelsY);
        std::mt19937 rng(static_cast<unsigned>(seed));
        Values x, y;
        for (int i = 0; i < n; ++i) {
            const int a = static_cast<int>(rng() % static_cast<unsigned>(levelsX));
            // Correlated with x so tau is far from 0 and a wrong sign would show.
            x.push_back(a);
            y.push_back(static_cast<int>((static_cast<unsigned>(a) + rng() % 3u) % static_cast<unsigned>(levelsY)));
        }
        compareOrNaN(kendallTau(x, y), bruteForceTauB(x, y));
    }

    void correlations_data()
    {
        QTest::addColumn<Values>("x");
        QTest::addColumn<Values>("y");
        QTest::addColumn<double>("spearmanRho");
        QTest::addColumn<double>("pearsonR");

        QTest::newRow("n = 1") << Values{1} << Values{1} << kNaN << kNaN;
        QTest::newRow("constant") << Values{2, 2, 2} << Values{1, 2, 3} << kNaN << kNaN;
        // Monotone, not linear: mean x 2.5, mean y 7.5, sxy = 9.75 + 1.75 + 0.75 + 12.75 = 25,
        // sxx = 5, syy = 42.25 + 12.25 + 2.25 + 72.25 = 129.
        QTest::newRow("squares") << Values{1, 2, 3, 4} << Values{1, 4, 9, 16} << 1.0 << 25.0 / std::sqrt(5.0 * 129.0);
        // dx = -2 -1 0 1 2, dy = 0 -2 -1 2 1: sxy = 6, sxx = syy = 10; no ties, so ranks = values.
        QTest::newRow("no ties") << Values{1, 2, 3, 4, 5} << Values{3, 1, 2, 5, 4} << 0.6 << 0.6;
        // Ranks x 1 2.5 2.5 4, y 1 2 3.5 3.5; centred -1.5 0 0 1.5 and -1.5 -0.5 1 1:
        // sxy = 2.25 + 1.5 = 3.75, sxx = syy = 4.5, rho = 3.75 / 4.5.
        // Pearson on the values: the same numbers less 0.5 where ranks are 2.5/3.5, mean x 2, mean y 2.25;
        // dx = -1 0 0 1, dy = -1.25 -0.25 0.75 0.75: sxy = 2, sxx = 2, syy = 2.75.
        QTest::newRow("ties") << Values{1, 2, 2, 3} << Values{1, 2, 3, 3} << 3.75 / 4.5 << 2.0 / std::sqrt(2.0 * 2.75);
    }

    void correlations()
    {
        QFETCH(Values, x);
        QFETCH(Values, y);
        QFETCH(double, spearmanRho);
        QFETCH(double, pearsonR);
        compareOrNaN(spearman(x, y), spearmanRho);
        compareOrNaN(pearson(x, y), pearsonR);
    }

    void errors()
    {
        // Differences -1 0 -2: squares sum to 5, absolute values to 3.
        compareOrNaN(rmse({1, 2, 3}, {2, 2, 5}), std::sqrt(5.0 / 3.0));
        compareOrNaN(mae({1, 2, 3}, {2, 2, 5}), 1.0);
        compareOrNaN(rmse({}, {}), kNaN);
        compareOrNaN(mae({}, {}), kNaN);
    }

    void precisionAtTopK_data()
    {
        QTest::addColumn<Values>("pred");
        QTest::addColumn<Values>("truth");
        QTest::addColumn<int>("k");
        QTest::addColumn<double>("precision");

        const Values shiftedPred{0.9, 0.8, 0.7, 0.6, 0.5};
        const Values shiftedTruth{0.5, 0.9, 0.8, 0.7, 0.6};
        // Top 1: {0} vs {1}; top 2: {0, 1} vs {1, 2}; top 5: everything.
        QTest::newRow("k = 1") << shiftedPred << shiftedTruth << 1 << 0.0;
        QTest::newRow("k = 2") << shiftedPred << shiftedTruth << 2 << 0.5;
        QTest::newRow("k = n") << shiftedPred << shiftedTruth << 5 << 1.0;
        // pred ties 0.7 at indices 0 and 2 for the second place: index 0 is in, so {1, 0} vs {1, 2}.
        QTest::newRow("tie at the boundary") << Values{0.7, 0.9, 0.7, 0.1} << Values{0.1, 0.9, 0.8, 0.2} << 2 << 0.5;
    }

    void precisionAtTopK()
    {
        QFETCH(Values, pred);
        QFETCH(Values, truth);
        QFETCH(int, k);
        QFETCH(double, precision);
        compareOrNaN(archscope::precisionAtTopK(pred, truth, static_cast<std::size_t>(k)), precision);
    }

    void kendallTauTopFraction_data()
    {
        QTest::addColumn<Values>("pred");
        QTest::addColumn<Values>("truth");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<double>("tau");

        const Values truth10{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        const Values pred10{9, 8, 7, 6, 5, 4, 3, 0, 2, 1};
        // Best 3 by truth: indices 7 8 9, pred 0 2 1: (7,8) (7,9) concordant, (8,9) discordant.
        QTest::newRow("top 30%") << pred10 << truth10 << 0.3 << 1.0 / 3.0;
        // ceil(0.1 * 10) = 1 cell, raised to 2: indices 8 9, pred 2 1.
        QTest::newRow("at least 2 cells") << pred10 << truth10 << 0.1 << -1.0;

        // pred = truth with 26 and 27 swapped. 0.1 * 30 is 3.0000000000000004 in doubles: the best 3
        // (27 28 29, pred 26 28 29) are in order; with a 4th cell (26, pred 27) one pair of 6 would be
        // discordant, giving (5 - 1) / 6.
        Values truth30, pred30;
        for (int i = 0; i < 30; ++i) {
            truth30.push_back(i);
            pred30.push_back(i == 26 ? 27 : i == 27 ? 26 : i);
        }
        QTest::newRow("rounding of fraction * n") << pred30 << truth30 << 0.1 << 1.0;
        QTest::newRow("fraction 1 is plain tau") << Values{1, 2, 3, 4, 5} << Values{3, 1, 2, 5, 4} << 1.0 << 0.4;
        QTest::newRow("one cell") << Values{1} << Values{1} << 0.5 << kNaN;
    }

    void kendallTauTopFraction()
    {
        QFETCH(Values, pred);
        QFETCH(Values, truth);
        QFETCH(double, fraction);
        QFETCH(double, tau);
        compareOrNaN(archscope::kendallTauTopFraction(pred, truth, fraction), tau);
    }

    void evaluateRegressionCombinesAll()
    {
        // The "no ties" case: tau 0.4, rho = r = 0.6; differences -2 1 1 -1 1 give squares 8 and
        // absolutes 6 over 5 values; the best 10% of 5 is raised to 2 cells, truth 5 and 4 at indices
        // 3 and 4, where pred is 4 and 5: tau -1.
        const RegressionMetrics m = evaluateRegression({1, 2, 3, 4, 5}, {3, 1, 2, 5, 4});
        QCOMPARE(m.n, std::size_t{5});
        compareOrNaN(m.kendallTau, 0.4);
        compareOrNaN(m.spearman, 0.6);
        compareOrNaN(m.pearson, 0.6);
        compareOrNaN(m.rmse, std::sqrt(8.0 / 5.0));
        compareOrNaN(m.mae, 6.0 / 5.0);
        compareOrNaN(m.kendallTauTop10, -1.0);
    }

    void tauGainOfAScoreOverItselfIsExactlyZero()
    {
        const Values truth{0.3, 0.9, 0.5, 0.7, 0.1, 0.8}, score{1, 5, 2, 2, 0, 4};
        const TauGain g = pairedKendallTauGain(score, score, truth, 500);
        QCOMPARE(g.gain, 0.0);
        QCOMPARE(g.low, 0.0);
        QCOMPARE(g.high, 0.0);
        QCOMPARE(g.resamples, std::size_t{500});
    }

    void tauGainSeparatesAnInformedScoreFromNoise()
    {
        // 300 cells: `informed` is the truth plus a little noise (tau about 0.8), `noise` knows
        // nothing (tau about 0); the paired interval must hold the gain and stay far from 0.
        std::mt19937_64 rng(7);
        std::normal_distribution<double> normal;
        Values truth, informed, noise;
        for (int i = 0; i < 300; ++i) {
            truth.push_back(normal(rng));
            informed.push_back(truth.back() + 0.3 * normal(rng));
            noise.push_back(normal(rng));
        }
        const TauGain g = pairedKendallTauGain(informed, noise, truth);
        compareOrNaN(g.gain, bruteForceTauB(informed, truth) - bruteForceTauB(noise, truth));
        QVERIFY2(g.low <= g.gain && g.gain <= g.high, qPrintable(QString("%1 [%2, %3]").arg(g.gain).arg(g.low).arg(g.high)));
        QVERIFY2(g.low > 0.5, qPrintable(QString::number(g.low)));
        // The other way round the interval mirrors: same draws, negated gains.
        const TauGain back = pairedKendallTauGain(noise, informed, truth);
        compareOrNaN(back.low, -g.high);
        compareOrNaN(back.high, -g.low);
    }

    void tauGainOfTwoEquallyGoodScoresCoversZero()
    {
        // Two scores with the same noise level: a real interval, around 0 and not at it.
        std::mt19937_64 rng(11);
        std::normal_distribution<double> normal;
        Values truth, a, b;
        for (int i = 0; i < 400; ++i) {
            truth.push_back(normal(rng));
            a.push_back(truth.back() + normal(rng));
            b.push_back(truth.back() + normal(rng));
        }
        const TauGain g = pairedKendallTauGain(a, b, truth);
        QVERIFY2(g.low < 0 && g.high > 0, qPrintable(QString("[%1, %2]").arg(g.low).arg(g.high)));
        QVERIFY2(g.high - g.low > 0.02, qPrintable(QString("[%1, %2]").arg(g.low).arg(g.high)));
    }

    void tauGainOfOneCellHasNoInterval()
    {
        const TauGain g = pairedKendallTauGain({1}, {2}, {3});
        QVERIFY(std::isnan(g.gain));
        QVERIFY(std::isnan(g.low));
        QVERIFY(std::isnan(g.high));
    }

    void badInputsAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, kendallTau({1, 2}, {1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, spearman({1}, {1, 2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pearson({1, 2, 3}, {1, 2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rmse({1}, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, mae({}, {1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluateRegression({1, 2}, {1, 2, 3}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, kendallTau({1, kNaN}, {1, 2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, archscope::precisionAtTopK({1, 2}, {1, 2}, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, archscope::precisionAtTopK({1, 2}, {1, 2}, 3));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, archscope::kendallTauTopFraction({1, 2}, {1, 2}, 0.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, archscope::kendallTauTopFraction({1, 2}, {1, 2}, 1.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pairedKendallTauGain({1, 2}, {1, 2}, {1, 2}, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pairedKendallTauGain({1, 2}, {1}, {1, 2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pairedKendallTauGain({1, kNaN}, {1, 2}, {1, 2}));
        try {
            kendallTau({1, 2, 3}, {1, 2});
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("(3 and 2)"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
