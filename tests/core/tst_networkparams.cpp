// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"

#include "cell/NetworkParams.h"

#include <QtTest>

using namespace archscope;

class TestNetworkParams : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The `params` field of all 20,001 records is NAS-Bench-101's trainable_parameters.
    void everySampleParameterCountMatches()
    {
        int mismatches = 0;
        for (const Record& r : test::sample().records()) {
            const std::int64_t p = networkParameterCount(r.cell);
            if (p != r.params && ++mismatches <= 5)
                qWarning() << r.hash.hex().c_str() << "expected" << r.params << "got" << p;
        }
        QCOMPARE(mismatches, 0);
    }

    void channelSplitGivesTheRemainderToTheFirstVertices()
    {
        // Three vertices feed the output: 128 = 43 + 43 + 42.
        const Cell cell = test::cellOf({Op::Input, Op::Conv3x3, Op::Conv1x1, Op::MaxPool3x3, Op::Output},
                                       {{0, 1, 1, 1, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}});
        const std::vector<int> expected{128, 43, 43, 42, 128};
        QCOMPARE(vertexChannels(cell, 128, 128), expected);
    }

    void smallestNetwork()
    {
        // input -> output alone: every cell is a 1x1 projection; the record of this cell says 882,570.
        const Cell cell = test::cellOf({Op::Input, Op::Output}, {{0, 1}, {0, 0}});
        QCOMPARE(networkParameterCount(cell), std::int64_t(882570));
    }
};

QTEST_APPLESS_MAIN(TestNetworkParams)
#include "tst_networkparams.moc"
