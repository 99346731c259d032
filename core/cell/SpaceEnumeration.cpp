#include "cell/SpaceEnumeration.h"

#include "util/Errors.h"
#include "util/HugePages.h"
#include "util/Parallel.h"

#include <algorithm>
#include <mutex>
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

} // namespace

std::vector<EnumeratedCell> enumerateSpace(const EnumerationOptions& options)
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

    // fingerprint -> enumeration position (matrix index * 243 + labeling index) of its first cell.
    std::unordered_map<std::uint64_t, std::uint64_t> first;
    first.reserve(600000);
    std::mutex firstMutex;
    const auto checkCancel = [&] {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed))
            throw Cancelled();
    };
    parallelFor(matrices.size(), 64, options.threads, [&](std::size_t begin, std::size_t end) {
        std::unordered_map<std::uint64_t, std::uint64_t> local;
        local.reserve(8192);
        Op ops[kMaxVertices];
        for (std::size_t i = begin; i < end; ++i) {
            checkCancel();
            const Matrix& m = matrices[i];
            const int labelings = power3(m.n - 2);
            for (int l = 0; l < labelings; ++l) {
                labeling(m.n, l, ops);
                const std::uint64_t position = i * kLabelingsPerMatrix + static_cast<std::uint64_t>(l);
                local.emplace(moduleFingerprint(m.n, m.rows, ops), position); // first wins within a chunk
            }
        }
        std::lock_guard<std::mutex> lock(firstMutex);
        for (const auto& [fingerprint, position] : local) {
            auto [it, inserted] = first.emplace(fingerprint, position);
            if (!inserted && position < it->second)
                it->second = position;
        }
    });

    std::vector<std::uint64_t> positions;
    positions.reserve(first.size());
    for (const auto& entry : first)
        positions.push_back(entry.second);
    std::sort(positions.begin(), positions.end());

    std::vector<EnumeratedCell> cells;
    cells.reserve(positions.size());
    adviseHugePages(cells.data(), positions.size() * sizeof(EnumeratedCell));
    cells.resize(positions.size());
    parallelFor(positions.size(), 1024, options.threads, [&](std::size_t begin, std::size_t end) {
        Op ops[kMaxVertices];
        for (std::size_t i = begin; i < end; ++i) {
            if ((i & 1023) == 0)
                checkCancel();
            const Matrix& m = matrices[positions[i] / kLabelingsPerMatrix];
            labeling(m.n, static_cast<int>(positions[i] % kLabelingsPerMatrix), ops);
            cells[i].cell = Cell(ops, m.rows, m.n);
            if (options.computeHashes)
                cells[i].hash = moduleHash(cells[i].cell);
        }
    });
    return cells;
}

} // namespace archscope
