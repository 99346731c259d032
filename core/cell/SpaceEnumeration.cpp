// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "cell/SpaceEnumeration.h"

#include "cell/ModuleHashBatch.h"

#include "util/Errors.h"
#include "util/HugePages.h"
#include "util/Parallel.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace archscope {

namespace {

struct Matrix {
    int n;
    std::uint32_t rows[kMaxVertices];
};

// NAS-Bench-101's gen_is_edge_fn: bit (y*(y-1)/2 + x) of the pattern is the edge x -> y.
Matrix matrixFromBits(int n, std::uint32_t bits)
{
    Matrix m{n, {}};
    for (int y = 1; y < n; ++y)
        for (int x = 0; x < y; ++x)
            if ((bits >> (y * (y - 1) / 2 + x)) & 1u)
                m.rows[x] |= 1u << y;
    return m;
}

// graph_util.is_full_dag: every vertex but the output has an out-edge, every vertex but the input
// an in-edge (which, for an upper-triangular matrix, puts every vertex on an input -> output path).
bool isFullDag(const Matrix& m)
{
    std::uint32_t hasIn = 0;
    for (int v = 0; v < m.n; ++v) {
        if (v < m.n - 1 && m.rows[v] == 0)
            return false;
        hasIn |= m.rows[v];
    }
    const std::uint32_t need = ((1u << m.n) - 1u) & ~1u;
    return (hasIn & need) == need;
}

int edgeCount(const Matrix& m)
{
    int e = 0;
    for (int v = 0; v < m.n; ++v)
        e += __builtin_popcount(m.rows[v]);
    return e;
}

int power3(int k)
{
    int p = 1;
    for (int i = 0; i < k; ++i)
        p *= 3;
    return p;
}

// itertools.product over the interior ops: the last vertex varies fastest.
void labeling(int n, int index, Op* ops)
{
    ops[0] = Op::Input;
    ops[n - 1] = Op::Output;
    for (int v = n - 2; v >= 1; --v) {
        ops[v] = kInteriorOps[index % 3];
        index /= 3;
    }
}

constexpr std::uint64_t kLabelingsPerMatrix = 243; // 3^5, the most for 7 vertices
// Cells hashed together (moduleHashes): enough for full MD5 lanes, few enough to stay in cache.
constexpr std::size_t kHashBatch = 256;

// The adjacency matrices NAS-Bench-101 enumerates, in its order (vertex count, then edge bit pattern).
std::vector<Matrix> candidateMatrices()
{
    std::vector<Matrix> matrices;
    for (int n = 2; n <= kMaxVertices; ++n) {
        const std::uint32_t patterns = 1u << (n * (n - 1) / 2);
        for (std::uint32_t bits = 0; bits < patterns; ++bits) {
            const Matrix m = matrixFromBits(n, bits);
            if (isFullDag(m) && edgeCount(m) <= kMaxEdges)
                matrices.push_back(m);
        }
    }
    return matrices;
}

// MD5 output is uniform: its first eight bytes are as good a hash as any.
struct ModuleHashHasher {
    std::size_t operator()(const ModuleHash& h) const
    {
        std::uint64_t x;
        std::memcpy(&x, h.bytes.data(), sizeof x);
        return static_cast<std::size_t>(x);
    }
};

// NAS-Bench-101's generate_graphs as it is: the module hash of every candidate, one after another.
std::vector<EnumeratedCell> hashEveryCandidate(const std::vector<Matrix>& matrices, const std::atomic<bool>* cancel)
{
    std::unordered_map<ModuleHash, std::size_t, ModuleHashHasher> index;
    std::vector<EnumeratedCell> cells;
    Op ops[kMaxVertices];
    for (const Matrix& m : matrices) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw Cancelled();
        for (int l = 0; l < power3(m.n - 2); ++l) {
            labeling(m.n, l, ops);
            Cell cell(ops, m.rows, m.n);
            const ModuleHash hash = moduleHash(cell);
            if (index.emplace(hash, cells.size()).second)
                cells.push_back({cell, hash});
        }
    }
    return cells;
}

} // namespace

std::vector<EnumeratedCell> enumerateSpace(const EnumerationOptions& options)
{
    const std::vector<Matrix> matrices = candidateMatrices();
    if (options.hashEveryCandidate)
        return hashEveryCandidate(matrices, options.cancel);

    const auto checkCancel = [&] {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed))
            throw Cancelled();
    };
    // (fingerprint, enumeration position = matrix index * 243 + labeling index) of every candidate,
    // one list per chunk of matrices; sorted together, the first of each fingerprint is its first cell.
    // Sorting 1.4 million pairs costs less than as many hash-map insertions.
    constexpr std::size_t kGrain = 64;
    std::vector<std::vector<std::pair<std::uint64_t, std::uint64_t>>> found((matrices.size() + kGrain - 1) / kGrain);
    parallelFor(matrices.size(), kGrain, options.threads, [&](std::size_t begin, std::size_t end) {
        auto& pairs = found[begin / kGrain];
        Op ops[kMaxVertices];
        for (std::size_t i = begin; i < end; ++i) {
            checkCancel();
            const Matrix& m = matrices[i];
            const int labelings = power3(m.n - 2);
            for (int l = 0; l < labelings; ++l) {
                labeling(m.n, l, ops);
                pairs.emplace_back(moduleFingerprint(m.n, m.rows, ops), i * kLabelingsPerMatrix + static_cast<std::uint64_t>(l));
            }
        }
    });
    std::vector<std::pair<std::uint64_t, std::uint64_t>> all;
    std::size_t total = 0;
    for (const auto& pairs : found)
        total += pairs.size();
    all.reserve(total);
    for (auto& pairs : found) {
        all.insert(all.end(), pairs.begin(), pairs.end());
        std::vector<std::pair<std::uint64_t, std::uint64_t>>().swap(pairs);
    }
    std::sort(all.begin(), all.end());
    std::vector<std::uint64_t> positions;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (i == 0 || all[i].first != all[i - 1].first)
            positions.push_back(all[i].second);
    std::sort(positions.begin(), positions.end());

    std::vector<EnumeratedCell> cells;
    cells.reserve(positions.size());
    adviseHugePages(cells.data(), positions.size() * sizeof(EnumeratedCell));
    cells.resize(positions.size());
    parallelFor(positions.size(), kHashBatch, options.threads, [&](std::size_t begin, std::size_t end) {
        checkCancel();
        Op ops[kMaxVertices];
        std::vector<Cell> batch;
        batch.reserve(end - begin);
        for (std::size_t i = begin; i < end; ++i) {
            const Matrix& m = matrices[positions[i] / kLabelingsPerMatrix];
            labeling(m.n, static_cast<int>(positions[i] % kLabelingsPerMatrix), ops);
            cells[i].cell = Cell(ops, m.rows, m.n);
            batch.push_back(cells[i].cell);
        }
        if (options.computeHashes) {
            const std::vector<ModuleHash> hashes = moduleHashes(batch.data(), batch.size());
            for (std::size_t i = begin; i < end; ++i)
                cells[i].hash = hashes[i - begin];
        }
    });
    return cells;
}

} // namespace archscope
