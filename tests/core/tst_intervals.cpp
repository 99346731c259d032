// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/ModelArchive.h"
#include "model/PredictionIntervals.h"
#include "util/Errors.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace archscope;

namespace {

// CV+ by its definition (Barber et al. 2021, eq. 9): every stored error paired with its member's
// prediction, all sorted, the order statistics read off.
std::pair<double, double> cvPlusByDefinition(const std::vector<std::vector<float>>& errors, const std::vector<float>& p,
                                             double level)
{
    std::vector<double> lows, highs;
    for (std::size_t m = 0; m < errors.size(); ++m)
        for (float r : errors[m]) {
            lows.push_back(double(p[m]) - double(r));
            highs.push_back(double(p[m]) + double(r));
        }
    std::sort(lows.begin(), lows.end());
    std::sort(highs.begin(), highs.end());
    const double n = double(lows.size());
    const double a = 1 - level;
    const auto kLow = static_cast<long>(std::floor(a * (n + 1) + 1e-9));
    const auto kHigh = static_cast<long>(std::ceil((1 - a) * (n + 1) - 1e-9));
    const double low = kLow < 1 ? 0.0 : lows[std::size_t(kLow - 1)];
    const double high = kHigh > long(n) ? 1.0 : highs[std::size_t(kHigh - 1)];
    return {std::clamp(low, 0.0, 1.0), std::clamp(high, 0.0, 1.0)};
}

} // namespace

class IntervalsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesTheDefinition_data()
    {
        QTest::addColumn<int>("members");
        QTest::addColumn<int>("perMember");
        QTest::addColumn<double>("level");
        QTest::newRow("one member, 59 errors, 90%") << 1 << 59 << 0.9;
        QTest::newRow("three members, 20 each, 90%") << 3 << 20 << 0.9;
        QTest::newRow("three members, 1000 each, 95%") << 3 << 1000 << 0.95;
        QTest::newRow("five members, 7 each, 50%") << 5 << 7 << 0.5;
        QTest::newRow("two members, 3 each, 90%: too few for a finite interval") << 2 << 3 << 0.9;
    }

    void matchesTheDefinition()
    {
        QFETCH(int, members);
        QFETCH(int, perMember);
        QFETCH(double, level);
        std::mt19937 rng(11);
        std::exponential_distribution<float> error(40.0F);
        std::normal_distribution<float> prediction(0.9F, 0.02F);
        std::vector<std::vector<float>> errors(static_cast<std::size_t>(members));
        for (auto& e : errors)
            for (int i = 0; i < perMember; ++i)
                e.push_back(error(rng));
        const PredictionIntervals intervals(errors, "test");
        QCOMPARE(intervals.calibrationErrors(), std::size_t(members * perMember));
        for (int cell = 0; cell < 50; ++cell) {
            std::vector<float> p(static_cast<std::size_t>(members));
            for (float& v : p)
                v = prediction(rng);
            const auto [low, high] = intervals.interval(p.data(), level);
            const auto [wantLow, wantHigh] = cvPlusByDefinition(errors, p, level);
            QCOMPARE(low, float(wantLow));
            QCOMPARE(high, float(wantHigh));
            QVERIFY(low <= high);
        }
    }

    // Split-conformal's promise: errors drawn from one distribution, new cells' from the same, and the
    // interval holds its level of them.
    void coversItsLevelOnExchangeableData()
    {
        std::mt19937 rng(3);
        std::normal_distribution<float> noise(0.0F, 0.01F);
        std::vector<float> errors;
        for (int i = 0; i < 4000; ++i)
            errors.push_back(std::abs(noise(rng)));
        const PredictionIntervals intervals({errors}, "test");
        for (const double level : {0.5, 0.9}) {
            int inside = 0;
            const int cells = 20000;
            for (int i = 0; i < cells; ++i) {
                const float truth = 0.9F;
                const float p = truth + noise(rng);
                const auto [low, high] = intervals.interval(&p, level);
                inside += low <= truth && truth <= high;
            }
            const double coverage = double(inside) / cells;
            QVERIFY2(std::abs(coverage - level) < 0.02, qPrintable(QStringLiteral("%1 at %2").arg(coverage).arg(level)));
        }
    }

    void roundTripsThroughAModelArchive()
    {
        const PredictionIntervals intervals({{0.03F, 0.01F}, {0.02F}}, "the validation split");
        ModelArchive archive;
        intervals.writeTo(archive);
        const ModelArchive back = ModelArchive::fromBytes(archive.bytes(), "memory");
        const PredictionIntervals read = PredictionIntervals::readFrom(back, 2, "memory");
        QCOMPARE(read.calibrationErrors(), std::size_t(3));
        QCOMPARE(read.source(), std::string("the validation split"));
        const float p[] = {0.9F, 0.92F};
        QCOMPARE(read.interval(p, 0.5), intervals.interval(p, 0.5));
        QVERIFY(PredictionIntervals::readFrom(ModelArchive{}, 2, "memory").empty());
    }

    void refusesACalibrationThatDoesNotFit_data()
    {
        QTest::addColumn<QString>("counts");
        QTest::addColumn<int>("errors");
        QTest::addColumn<QString>("message");
        QTest::newRow("counts short of the errors") << "1,1" << 3 << "add up to 2";
        QTest::newRow("counts beyond the errors") << "2,2" << 3 << "does not fit";
        QTest::newRow("a negative count") << "-1,4" << 3 << "does not fit";
        QTest::newRow("three counts for two members") << "1,1,1" << 3 << "one per member";
    }

    void refusesACalibrationThatDoesNotFit()
    {
        QFETCH(QString, counts);
        QFETCH(int, errors);
        QFETCH(QString, message);
        std::vector<std::int64_t> c;
        for (const QString& v : counts.split(QLatin1Char(',')))
            c.push_back(v.toLongLong());
        ModelArchive archive;
        archive.write("calibration.errors", torch::full({errors}, 0.01F));
        archive.write("calibration.counts", torch::tensor(c, torch::kInt64));
        try {
            PredictionIntervals::readFrom(archive, 2, "model.safetensors");
            QFAIL("a calibration that does not fit the model was read");
        } catch (const DataError& e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QStringLiteral("model.safetensors: ")) && what.contains(message), e.what());
        }
    }

    void refusesANegativeError()
    {
        ModelArchive archive;
        archive.write("calibration.errors", torch::tensor(std::vector<float>{0.01F, -0.02F}));
        archive.write("calibration.counts", torch::tensor(std::vector<std::int64_t>{1, 1}));
        QVERIFY_THROWS_EXCEPTION(DataError, PredictionIntervals::readFrom(archive, 2, "model.safetensors"));
    }

    void refusesALevelOutsideZeroAndOne_data()
    {
        QTest::addColumn<double>("level");
        QTest::newRow("0") << 0.0;
        QTest::newRow("1") << 1.0;
        QTest::newRow("90 (a percentage)") << 90.0;
        QTest::newRow("NaN") << std::nan("");
    }

    void refusesALevelOutsideZeroAndOne()
    {
        QFETCH(double, level);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, checkedIntervalLevel(level));
    }
};

QTEST_GUILESS_MAIN(IntervalsTest)
#include "tst_intervals.moc"
