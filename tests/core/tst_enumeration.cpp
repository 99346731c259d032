#include "../support/TestData.h"

#include "cell/SpaceEnumeration.h"
#include "util/Errors.h"

#include <QtTest>


using namespace archscope;

class TestEnumeration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { cells_ = enumerateSpace(); }

    void countsNasBench101Space() { QCOMPARE(cells_.size(), std::size_t(423624)); }

    void everyCellIsAValidPrunedCellWithItsHash()
    {
        for (std::size_t i = 0; i < cells_.size(); i += 97) {
            const Cell& c = cells_[i].cell;
            QVERIFY(validateCell(c).ok());
            QCOMPARE(*pruneCell(c), c);
            QCOMPARE(moduleHash(c), cells_[i].hash);
        }
    }

    // The sample's graphs were recovered as the first cell of NAS-Bench-101's enumeration order for
    // each hash: our enumeration must produce exactly that cell for each of the 20,001 hashes.
    void firstCellPerHashMatchesTheSample()
    {
        std::unordered_map<std::string, const Cell*> byHash;
        for (const auto& c : cells_)
            byHash.emplace(c.hash.hex(), &c.cell);
        QCOMPARE(byHash.size(), cells_.size());
        int missing = 0, different = 0;
        for (const Record& r : test::sample().records()) {
            auto it = byHash.find(r.hash.hex());
            if (it == byHash.end())
                ++missing;
            else if (*it->second != r.cell)
                ++different;
        }
        QCOMPARE(missing, 0);
        QCOMPARE(different, 0);
    }

    void cancelStopsTheWork()
    {
        std::atomic<bool> cancel{true};
        EnumerationOptions options;
        options.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(Cancelled, enumerateSpace(options));
    }

private:
    std::vector<EnumeratedCell> cells_;
};

QTEST_APPLESS_MAIN(TestEnumeration)
#include "tst_enumeration.moc"
