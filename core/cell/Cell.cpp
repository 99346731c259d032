// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "cell/Cell.h"

#include "cell/Reachability.h"

#include <algorithm>
#include <bitset>
#include <stdexcept>
#include <string>

namespace archscope {

namespace {

int popcount(std::uint32_t x) { return static_cast<int>(std::bitset<32>(x).count()); }

std::string edgeText(int from, int to) { return std::to_string(from) + " -> " + std::to_string(to); }

} // namespace

Cell::Cell(std::vector<Op> ops, const std::vector<std::vector<int>>& adjacency)
{
    const std::size_t n = ops.size();
    if (n > static_cast<std::size_t>(kCellCapacity))
        throw std::invalid_argument("cell has " + std::to_string(n) + " vertices; at most "
                                    + std::to_string(kCellCapacity) + " can be represented");
    if (adjacency.size() != n)
        throw std::invalid_argument("adjacency has " + std::to_string(adjacency.size()) + " rows for "
                                    + std::to_string(n) + " ops");
    count_ = static_cast<int>(n);
    std::copy(ops.begin(), ops.end(), ops_.begin());
    for (std::size_t i = 0; i < n; ++i) {
        if (adjacency[i].size() != n)
            throw std::invalid_argument("adjacency row " + std::to_string(i) + " has "
                                        + std::to_string(adjacency[i].size()) + " entries, expected "
                                        + std::to_string(n));
        for (std::size_t j = 0; j < n; ++j) {
            const int e = adjacency[i][j];
            if (e != 0 && e != 1)
                throw std::invalid_argument("adjacency[" + std::to_string(i) + "][" + std::to_string(j)
                                            + "] is " + std::to_string(e) + ", expected 0 or 1");
            if (e)
                rows_[i] |= 1u << j;
        }
    }
}

Cell::Cell(const std::vector<Op>& ops, const std::vector<std::uint32_t>& rows)
{
    if (ops.size() > static_cast<std::size_t>(kCellCapacity) || rows.size() != ops.size())
        throw std::invalid_argument("cell rows do not match its " + std::to_string(ops.size()) + " ops");
    count_ = static_cast<int>(ops.size());
    std::copy(ops.begin(), ops.end(), ops_.begin());
    std::copy(rows.begin(), rows.end(), rows_.begin());
    checkRows();
}

Cell::Cell(const Op* ops, const std::uint32_t* rows, int count)
{
    if (count < 0 || count > kCellCapacity)
        throw std::invalid_argument("cell has " + std::to_string(count) + " vertices; at most "
                                    + std::to_string(kCellCapacity) + " can be represented");
    count_ = count;
    std::copy(ops, ops + count, ops_.begin());
    std::copy(rows, rows + count, rows_.begin());
    checkRows();
}

void Cell::checkRows() const
{
    const std::uint32_t valid = count_ == 32 ? ~0u : ((1u << count_) - 1u);
    for (int i = 0; i < count_; ++i)
        if (rows_[static_cast<std::size_t>(i)] & ~valid)
            throw std::invalid_argument("cell row names a vertex beyond its " + std::to_string(count_)
                                        + " vertices");
}

int Cell::numEdges() const
{
    int e = 0;
    for (int i = 0; i < count_; ++i)
        e += popcount(rows_[static_cast<std::size_t>(i)]);
    return e;
}

std::uint32_t Cell::inMask(int v) const
{
    std::uint32_t m = 0;
    for (int u = 0; u < numVertices(); ++u)
        if (hasEdge(u, v))
            m |= 1u << u;
    return m;
}

int Cell::inDegree(int v) const { return popcount(inMask(v)); }
int Cell::outDegree(int v) const { return popcount(outMask(v)); }

std::vector<std::vector<int>> Cell::adjacency() const
{
    const int n = numVertices();
    std::vector<std::vector<int>> m(static_cast<std::size_t>(n), std::vector<int>(static_cast<std::size_t>(n), 0));
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            m[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = hasEdge(i, j) ? 1 : 0;
    return m;
}

Cell Cell::withEdge(int from, int to, bool present) const
{
    if (from < 0 || from >= numVertices())
        throw std::out_of_range("edge source " + std::to_string(from) + " is not a vertex");
    if (to < 0 || to >= numVertices())
        throw std::out_of_range("edge target " + std::to_string(to) + " is not a vertex");
    Cell c = *this;
    auto& row = c.rows_[static_cast<std::size_t>(from)];
    row = present ? (row | (1u << to)) : (row & ~(1u << to));
    return c;
}

Cell Cell::withOp(int v, Op op) const
{
    if (v < 0 || v >= numVertices())
        throw std::out_of_range("vertex " + std::to_string(v) + " does not exist");
    Cell c = *this;
    c.ops_[static_cast<std::size_t>(v)] = op;
    return c;
}

Cell Cell::withVertexInserted(int index, Op op) const
{
    if (index < 0 || index > numVertices())
        throw std::out_of_range("cannot insert a vertex at " + std::to_string(index));
    if (numVertices() >= kCellCapacity)
        throw std::out_of_range("a cell holds at most " + std::to_string(kCellCapacity) + " vertices");
    // Every row shifts the bits at and above `index` up by one; rows at and after it move down a slot.
    Cell c;
    c.count_ = count_ + 1;
    const std::uint32_t low = (1u << index) - 1u;
    for (int i = 0, to = 0; i < count_; ++i, ++to) {
        if (i == index)
            ++to;
        const std::uint32_t r = rows_[static_cast<std::size_t>(i)];
        c.ops_[static_cast<std::size_t>(to)] = ops_[static_cast<std::size_t>(i)];
        c.rows_[static_cast<std::size_t>(to)] = (r & low) | ((r & ~low) << 1);
    }
    c.ops_[static_cast<std::size_t>(index)] = op;
    return c;
}

Cell Cell::withVertexRemoved(int v) const
{
    if (v < 0 || v >= numVertices())
        throw std::out_of_range("vertex " + std::to_string(v) + " does not exist");
    Cell c;
    const std::uint32_t low = (1u << v) - 1u;
    for (int i = 0; i < numVertices(); ++i) {
        if (i == v)
            continue;
        const std::uint32_t r = rows_[static_cast<std::size_t>(i)];
        c.ops_[static_cast<std::size_t>(c.count_)] = ops_[static_cast<std::size_t>(i)];
        c.rows_[static_cast<std::size_t>(c.count_)] = (r & low) | ((r >> 1) & ~low);
        ++c.count_;
    }
    return c;
}

std::optional<Cell> pruneCell(const Cell& cell)
{
    const int n = cell.numVertices();
    const std::uint32_t keep = liveVertices(cell);
    if (keep == 0)
        return std::nullopt;
    if (popcount(keep) == n)
        return cell;
    Cell pruned = cell;
    for (int v = n - 1; v >= 0; --v)
        if (!(keep & (1u << v)))
            pruned = pruned.withVertexRemoved(v);
    return pruned;
}

CellValidation validateCell(const Cell& cell, const std::vector<std::string>& unknownOps)
{
    CellValidation r;
    auto fail = [&r](CellRule rule, std::string message) {
        r.rule = rule;
        r.message = std::move(message);
        return r;
    };
    const int n = cell.numVertices();
    if (n < 2) {
        r.count = n;
        return fail(CellRule::TooFewVertices, "a cell needs at least an input and an output vertex, it has "
                                                  + std::to_string(n));
    }
    for (int i = 0; i < n; ++i)
        for (int j = 0; j <= i; ++j)
            if (cell.hasEdge(i, j)) {
                r.edgeFrom = i;
                r.edgeTo = j;
                return fail(CellRule::NotUpperTriangular,
                            "edge " + edgeText(i, j) + (i == j ? " is a self-loop" : " goes backwards")
                                + ": the adjacency must be upper triangular (no cycles)");
            }
    // NAS-Bench-101 (ModelSpec, then NASBench._check_spec) prunes before it looks at the limits or
    // at any op: a vertex off every input -> output path may carry anything.
    const std::uint32_t keep = liveVertices(cell);
    if (keep == 0) {
        r.vertex = n - 1;
        return fail(CellRule::OutputUnreachable, "the output (vertex " + std::to_string(n - 1)
                                                     + ") cannot be reached from the input");
    }
    const Cell pruned = *pruneCell(cell);
    if (pruned.numVertices() > kMaxVertices) {
        r.count = pruned.numVertices();
        return fail(CellRule::TooManyVertices, std::to_string(pruned.numVertices())
                                                   + " vertices after pruning, at most "
                                                   + std::to_string(kMaxVertices) + " are allowed");
    }
    if (pruned.numEdges() > kMaxEdges) {
        r.count = pruned.numEdges();
        return fail(CellRule::TooManyEdges, std::to_string(pruned.numEdges()) + " edges after pruning, at most "
                                                + std::to_string(kMaxEdges) + " are allowed");
    }
    const auto unknown = [&](int v) {
        return static_cast<std::size_t>(v) < unknownOps.size() && !unknownOps[static_cast<std::size_t>(v)].empty();
    };
    const auto name = [&](int v) {
        return unknown(v) ? unknownOps[static_cast<std::size_t>(v)] : std::string(opName(cell.op(v)));
    };
    if (unknown(0) || cell.op(0) != Op::Input) {
        r.vertex = 0;
        r.op = name(0);
        return fail(CellRule::FirstNotInput, "vertex 0 is \"" + name(0) + "\", the first vertex must be \"input\"");
    }
    if (unknown(n - 1) || cell.op(n - 1) != Op::Output) {
        r.vertex = n - 1;
        r.op = name(n - 1);
        return fail(CellRule::LastNotOutput, "vertex " + std::to_string(n - 1) + " is \"" + name(n - 1)
                                                 + "\", the last vertex must be \"output\"");
    }
    for (int v = 1; v < n - 1; ++v)
        if ((keep >> v & 1u) && (unknown(v) || !isInteriorOp(cell.op(v)))) {
            r.vertex = v;
            r.op = name(v);
            return fail(CellRule::MisplacedOp, "vertex " + std::to_string(v) + " is \"" + name(v)
                                                   + "\", interior vertices must be conv3x3-bn-relu, "
                                                     "conv1x1-bn-relu or maxpool3x3");
        }
    return r;
}

Cell canonicalCell(const Cell& cell)
{
    const CellValidation v = validateCell(cell);
    if (!v.ok())
        throw std::invalid_argument("invalid cell: " + v.message);
    return *pruneCell(cell);
}

} // namespace archscope
