// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/Md5Batch.h"

#include <QtTest>

#include <random>
#include <string>
#include <vector>

using namespace archscope;

Q_DECLARE_METATYPE(archscope::Md5Batch::Lanes)

namespace {

std::string hex(const Md5Digest& d)
{
    static const char digits[] = "0123456789abcdef";
    std::string s;
    for (const std::uint8_t b : d) {
        s += digits[b >> 4];
        s += digits[b & 15];
    }
    return s;
}

// RFC 1321's test suite (appendix A.5).
const std::vector<std::pair<std::string, std::string>> kRfc1321 = {
    {"", "d41d8cd98f00b204e9800998ecf8427e"},
    {"a", "0cc175b9c0f1b6a831c399e269772661"},
    {"abc", "900150983cd24fb0d6963f7d28e17f72"},
    {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
    {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
    {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"},
    {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
     "57edf4a22be3c955ac49da2e2107b67a"},
};

} // namespace

class TestMd5Batch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rfc1321_data();
    void rfc1321();
    void lanesAgreeWithOpenSsl_data();
    void lanesAgreeWithOpenSsl();
};

void TestMd5Batch::rfc1321_data()
{
    QTest::addColumn<Md5Batch::Lanes>("lanes");
    QTest::addColumn<int>("copies");
    for (const auto lanes : {Md5Batch::Lanes::OpenSsl, Md5Batch::Lanes::Avx2, Md5Batch::Lanes::Avx512})
        for (const int copies : {1, 5, 8, 17, 40}) // none, part of, one, and more than one register's lanes
            QTest::addRow("%s, %d each", Md5Batch::name(lanes), copies) << lanes << copies;
}

void TestMd5Batch::rfc1321()
{
    QFETCH(Md5Batch::Lanes, lanes);
    QFETCH(int, copies);
    if (lanes > Md5Batch::widest())
        QSKIP("this CPU lacks these lanes");
    Md5Batch batch;
    batch.limitLanes(lanes);
    std::vector<Md5Digest> digests(kRfc1321.size() * static_cast<std::size_t>(copies));
    for (std::size_t i = 0; i < digests.size(); ++i)
        batch.add(kRfc1321[i % kRfc1321.size()].first, &digests[i]);
    batch.run();
    QCOMPARE(batch.size(), std::size_t(0));
    for (std::size_t i = 0; i < digests.size(); ++i)
        QCOMPARE(hex(digests[i]), kRfc1321[i % kRfc1321.size()].second);
}

void TestMd5Batch::lanesAgreeWithOpenSsl_data()
{
    QTest::addColumn<Md5Batch::Lanes>("lanes");
    QTest::addColumn<int>("count");
    for (const auto lanes : {Md5Batch::Lanes::Avx2, Md5Batch::Lanes::Avx512})
        for (const int count : {3, 100, 2000})
            QTest::addRow("%s, %d messages", Md5Batch::name(lanes), count) << lanes << count;
}

// Random lengths across the padding's edges (55/56 bytes fit one block, 119/120 two), as bytes of
// every value, built with both the copying and the in-place add.
void TestMd5Batch::lanesAgreeWithOpenSsl()
{
    QFETCH(Md5Batch::Lanes, lanes);
    QFETCH(int, count);
    if (lanes > Md5Batch::widest())
        QSKIP("this CPU lacks these lanes");
    std::mt19937 random(static_cast<unsigned>(count));
    std::vector<std::string> messages;
    for (int i = 0; i < count; ++i) {
        std::string m(random() % 300, '\0');
        for (char& c : m)
            c = static_cast<char>(random() & 0xff);
        messages.push_back(m);
    }
    Md5Batch reference, lanesBatch;
    reference.limitLanes(Md5Batch::Lanes::OpenSsl);
    lanesBatch.limitLanes(lanes);
    std::vector<Md5Digest> expected(messages.size()), actual(messages.size());
    for (std::size_t i = 0; i < messages.size(); ++i) {
        reference.add(messages[i], &expected[i]);
        if (i % 2)
            lanesBatch.add(messages[i], &actual[i]);
        else
            std::copy(messages[i].begin(), messages[i].end(), lanesBatch.add(messages[i].size(), &actual[i]));
    }
    reference.run();
    lanesBatch.run();
    for (std::size_t i = 0; i < messages.size(); ++i)
        QVERIFY2(expected[i] == actual[i], qPrintable(QStringLiteral("message %1 (%2 bytes)").arg(i).arg(messages[i].size())));
}

QTEST_APPLESS_MAIN(TestMd5Batch)
#include "tst_md5batch.moc"
