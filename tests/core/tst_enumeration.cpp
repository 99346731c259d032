// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The enumerated space against what does not come from the enumerator: NAS-Bench-101's published
// count of unique cells, the counts per vertex count worked out below without module hashes, and the
// hashes of the bundled sample, which are NAS-Bench-101's own. (Most of the sample's graphs were
// recovered with this enumerator, so comparing graphs with the sample's would test it against itself.)
#include "../support/TestData.h"

#include "cell/SpaceEnumeration.h"
#include "util/Errors.h"

#include <QtTest>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <unordered_set>

using namespace archscope;

namespace {

// The unique cells with `n` vertices, counted as isomorphism classes rather than by module hash:
// every upper-triangular matrix of at most 9 edges in which each vertex but the output has an outgoing
// edge and each but the input an incoming one (generate_graphs.py's is_full_dag), with every labeling
// of the interior vertices by the 3 ops, kept as its smallest encoding over all permutations of the
// interior vertices (input and output are labeled apart, so an isomorphism fixes them); the matrix bits
// rank above the labels, so only the permutations that give the smallest matrix need the labels.
// NAS-Bench-101's generate_graphs.py (google-research/nasbench, nasbench/scripts) says its hash is
// equal for isomorphic graphs by construction and, verified exhaustively for this space (its
// --verify_isomorphism), never equal for two that are not: these classes are what it counts. By hand: 2 vertices, input -> output only: 1. 3 vertices: input -> x -> output with
// or without input -> output, x one of 3 ops: 6. 4 vertices: x -> y in series (input -> x, x -> y,
// y -> output, and any of input -> y, x -> output, input -> output: 8 shapes, 9 ordered labelings) 72,
// or x, y in parallel (with or without input -> output, 6 unordered labelings) 12: 84.
std::size_t isomorphismClasses(int n)
{
    std::vector<int> interior(static_cast<std::size_t>(n - 2));
    std::iota(interior.begin(), interior.end(), 1);
    std::vector<std::vector<int>> perms; // perms[p][v]: where permutation p takes vertex v
    do {
        std::vector<int> to(static_cast<std::size_t>(n));
        to.front() = 0;
        to.back() = n - 1;
        std::copy(interior.begin(), interior.end(), to.begin() + 1);
        perms.push_back(to);
    } while (std::next_permutation(interior.begin(), interior.end()));

    int labelings = 1;
    for (int v = 1; v < n - 1; ++v)
        labelings *= 3;
    const int labelBits = 2 * (n - 2);
    std::unordered_set<std::uint64_t> classes;
    const int pairs = n * (n - 1) / 2;
    std::vector<std::uint64_t> matrixCodes(perms.size());
    std::vector<std::size_t> best;
    for (std::uint32_t bits = 0; bits < (1u << pairs); ++bits) {
        std::vector<std::pair<int, int>> edges;
        std::vector<int> out(static_cast<std::size_t>(n)), in(static_cast<std::size_t>(n));
        int bit = 0;
        for (int i = 0; i < n; ++i) {
            for (int j = i + 1; j < n; ++j, ++bit) {
                if ((bits >> bit) & 1u) {
                    edges.emplace_back(i, j);
                    ++out[static_cast<std::size_t>(i)];
                    ++in[static_cast<std::size_t>(j)];
                }
            }
        }
        bool full = edges.size() <= 9;
        for (int v = 0; v < n; ++v)
            full = full && (v == n - 1 || out[static_cast<std::size_t>(v)] > 0) && (v == 0 || in[static_cast<std::size_t>(v)] > 0);
        if (!full)
            continue;
        std::uint64_t smallestMatrix = std::numeric_limits<std::uint64_t>::max();
        for (std::size_t p = 0; p < perms.size(); ++p) {
            std::uint64_t code = 0;
            for (const auto& [i, j] : edges)
                code |= std::uint64_t{1} << (perms[p][static_cast<std::size_t>(i)] * n + perms[p][static_cast<std::size_t>(j)]);
            matrixCodes[p] = code;
            smallestMatrix = std::min(smallestMatrix, code);
        }
        best.clear();
        for (std::size_t p = 0; p < perms.size(); ++p)
            if (matrixCodes[p] == smallestMatrix)
                best.push_back(p);
        for (int labeling = 0; labeling < labelings; ++labeling) {
            std::uint64_t smallest = std::numeric_limits<std::uint64_t>::max();
            for (std::size_t p : best) {
                std::uint64_t code = 0;
                int rest = labeling;
                for (int v = 1; v < n - 1; ++v, rest /= 3)
                    code |= static_cast<std::uint64_t>(rest % 3) << (2 * (perms[p][static_cast<std::size_t>(v)] - 1));
                smallest = std::min(smallest, code);
            }
            classes.insert(smallestMatrix << labelBits | smallest);
        }
    }
    return classes.size();
}

} // namespace

class TestEnumeration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { cells_ = enumerateSpace(); }

    // 423,624 unique cells: NAS-Bench-101's generate_graphs.py docstring and its repository's README
    // (google-research/nasbench: "423,624 unique neural networks").
    void countsNasBench101Space() { QCOMPARE(cells_.size(), std::size_t(423624)); }

    // Per vertex count, the isomorphism classes above: 1, 6, 84, 2,441, 62,010 and 359,082 for 2 to 7
    // vertices (no published table of these was found), which add up to the published 423,624.
    void countsPerVertexCount()
    {
        std::vector<std::size_t> perVertices(8, 0);
        for (const EnumeratedCell& c : cells_)
            ++perVertices[static_cast<std::size_t>(c.cell.numVertices())];
        QCOMPARE(perVertices[0] + perVertices[1], std::size_t(0));
        std::size_t classes = 0;
        for (int n = 2; n <= 7; ++n) {
            const std::size_t expected = isomorphismClasses(n);
            QVERIFY2(perVertices[static_cast<std::size_t>(n)] == expected,
                     qPrintable(QStringLiteral("%1 vertices: %2 cells enumerated, %3 isomorphism classes")
                                    .arg(n).arg(perVertices[static_cast<std::size_t>(n)]).arg(expected)));
            classes += expected;
        }
        QCOMPARE(classes, std::size_t(423624));
    }

    // Each cell is valid and pruned; no hash comes twice; and the hash a cell came with is moduleHash
    // of its graph (the enumerator hashes through a fingerprint and batched MD5; tst_modulehash checks
    // moduleHash against NAS-Bench-101's hashes): all cells up to 5 vertices and every 29th of the rest,
    // since hashing all 423,624 again takes 10 s here and about a minute under the sanitizers.
    void everyCellIsAValidPrunedCellWithItsHash()
    {
        std::vector<ModuleHash> hashes;
        hashes.reserve(cells_.size());
        for (std::size_t i = 0; i < cells_.size(); ++i) {
            const EnumeratedCell& c = cells_[i];
            QVERIFY(validateCell(c.cell).ok());
            QCOMPARE(*pruneCell(c.cell), c.cell);
            if ((c.cell.numVertices() <= 5 || i % 29 == 0) && moduleHash(c.cell) != c.hash)
                QFAIL(qPrintable(QStringLiteral("cell with %1 vertices: enumerated hash %2, moduleHash %3")
                                     .arg(c.cell.numVertices())
                                     .arg(QString::fromStdString(c.hash.hex()), QString::fromStdString(moduleHash(c.cell).hex()))));
            hashes.push_back(c.hash);
        }
        std::sort(hashes.begin(), hashes.end());
        QVERIFY(std::adjacent_find(hashes.begin(), hashes.end()) == hashes.end());
    }

    // The sample's 20,001 hashes are NAS-Bench-101's (its tfrecord's module hashes): each is a cell of
    // the enumerated space.
    void everySampleHashIsEnumerated()
    {
        std::vector<ModuleHash> hashes;
        hashes.reserve(cells_.size());
        for (const EnumeratedCell& c : cells_)
            hashes.push_back(c.hash);
        std::sort(hashes.begin(), hashes.end());
        QCOMPARE(test::sample().records().size(), std::size_t(20001));
        QStringList missing;
        for (const Record& r : test::sample().records()) {
            if (!std::binary_search(hashes.begin(), hashes.end(), r.hash))
                missing << QString::fromStdString(r.hash.hex());
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 sample hashes not enumerated, e.g. %2")
                                                   .arg(missing.size()).arg(missing.value(0))));
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
