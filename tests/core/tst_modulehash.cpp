// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"

#include "cell/ModuleHash.h"

#include <QtTest>

#include <unordered_set>

using namespace archscope;

class TestModuleHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every record of the NAS-Bench-101 sample is a test vector for graph_util.hash_module.
    void everySampleHashMatches()
    {
        const Dataset& data = test::sample();
        QCOMPARE(data.size(), std::size_t(20001));
        int mismatches = 0;
        for (const Record& r : data.records())
            if (moduleHash(r.cell) != r.hash && ++mismatches <= 5)
                qWarning() << "mismatch for" << r.hash.hex().c_str();
        QCOMPARE(mismatches, 0);
    }

    void isomorphicCellsShareTheHash()
    {
        // The same cell with its two branches listed in the other order.
        const Cell a = test::cellOf({Op::Input, Op::Conv3x3, Op::MaxPool3x3, Op::Output},
                                    {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}});
        const Cell b = test::cellOf({Op::Input, Op::MaxPool3x3, Op::Conv3x3, Op::Output},
                                    {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}});
        QCOMPARE(moduleHash(a), moduleHash(b));
        QCOMPARE(moduleFingerprint(a), moduleFingerprint(b));
        const Cell c = a.withOp(2, Op::Conv1x1);
        QVERIFY(moduleHash(a) != moduleHash(c));
        QVERIFY(moduleFingerprint(a) != moduleFingerprint(c));
    }

    void fingerprintSeparatesWhatTheHashSeparates()
    {
        const Dataset& data = test::sample();
        std::unordered_set<std::uint64_t> seen;
        for (const Record& r : data.records())
            seen.insert(moduleFingerprint(r.cell));
        QCOMPARE(seen.size(), data.size());
    }

    void hexRoundTrip_data()
    {
        QTest::addColumn<QString>("hex");
        QTest::addColumn<bool>("valid");
        QTest::newRow("lower") << "043721b9c7fe8c5fad811d47d83132ec" << true;
        QTest::newRow("short") << "043721b9c7fe8c5fad811d47d83132e" << false;
        QTest::newRow("not hex") << "043721b9c7fe8c5fad811d47d83132eg" << false;
    }

    void hexRoundTrip()
    {
        QFETCH(QString, hex);
        QFETCH(bool, valid);
        const auto h = ModuleHash::fromHex(hex.toStdString());
        QCOMPARE(h.has_value(), valid);
        if (valid)
            QCOMPARE(QString::fromStdString(h->hex()), hex);
    }
};

QTEST_APPLESS_MAIN(TestModuleHash)
#include "tst_modulehash.moc"
