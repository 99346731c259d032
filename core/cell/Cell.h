// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Op.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace archscope {

inline constexpr int kMaxVertices = 7;
inline constexpr int kMaxEdges = 9;
// A cell being edited may exceed the NAS-Bench-101 limits (the validator then says which); this is
// the hard limit of the representation.
inline constexpr int kCellCapacity = 32;

// The ops of a cell, as a read-only range over the cell's own storage.
class OpRange {
public:
    OpRange(const Op* first, std::size_t count) : first_(first), count_(count) {}
    const Op* begin() const { return first_; }
    const Op* end() const { return first_ + count_; }
    const Op* data() const { return first_; }
    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    Op operator[](std::size_t i) const { return first_[i]; }

private:
    const Op* first_;
    std::size_t count_;
};

// One NAS-Bench-101 cell: an op per vertex and a directed adjacency matrix, stored as one bit row per
// vertex (bit j of row i = edge i -> j). A value type: cheap to copy, compare and hash. The storage is
// inline (no heap), because a dataset holds hundreds of thousands of cells and reopening one must not
// cost a million allocations.
//
// A Cell may be invalid (cycles, unreachable output, too many vertices); validateCell() says why,
// and pruneCell() gives the form NAS-Bench-101 evaluates.
class Cell {
public:
    Cell() = default;
    // Throws std::invalid_argument when the matrix is not n x n for the n ops, or larger than
    // kCellCapacity.
    Cell(std::vector<Op> ops, const std::vector<std::vector<int>>& adjacency);
    Cell(const std::vector<Op>& ops, const std::vector<std::uint32_t>& rows);
    // `count` ops and rows from the two arrays; throws like the other constructors.
    Cell(const Op* ops, const std::uint32_t* rows, int count);

    int numVertices() const { return count_; }
    int numEdges() const;
    Op op(int v) const { return ops_[static_cast<std::size_t>(v)]; }
    OpRange ops() const { return OpRange(ops_.data(), static_cast<std::size_t>(count_)); }
    bool hasEdge(int from, int to) const { return (rows_[static_cast<std::size_t>(from)] >> to) & 1u; }
    std::uint32_t outMask(int v) const { return rows_[static_cast<std::size_t>(v)]; }
    std::uint32_t inMask(int v) const;
    int inDegree(int v) const;
    int outDegree(int v) const;
    std::vector<std::vector<int>> adjacency() const;

    // Edits return a new cell; vertex indices after the removed one shift down.
    Cell withEdge(int from, int to, bool present) const;
    Cell withOp(int v, Op op) const;
    // Inserts a vertex before the output vertex (or at the end of an empty cell).
    Cell withVertexInserted(int index, Op op) const;
    Cell withVertexRemoved(int v) const;

    // Storage beyond numVertices() is kept zero, so whole arrays compare.
    friend bool operator==(const Cell& a, const Cell& b)
    {
        return a.count_ == b.count_ && a.ops_ == b.ops_ && a.rows_ == b.rows_;
    }
    friend bool operator!=(const Cell& a, const Cell& b) { return !(a == b); }

private:
    void checkRows() const;

    std::array<Op, kCellCapacity> ops_{};
    std::array<std::uint32_t, kCellCapacity> rows_{};
    int count_ = 0;
};

// The rule a cell breaks, for messages and for the editor to highlight what is wrong.
enum class CellRule {
    Valid,
    TooFewVertices,     // fewer than 2 vertices
    NotUpperTriangular, // an edge i -> j with j <= i (a self-loop, a backward edge or a cycle)
    FirstNotInput,      // vertex 0 is not "input"
    LastNotOutput,      // the last vertex is not "output"
    MisplacedOp,        // a kept interior vertex that is "input", "output" or an unknown op
    OutputUnreachable,  // no path from input to output
    TooManyVertices,    // more than 7 vertices after pruning
    TooManyEdges,       // more than 9 edges after pruning
};

struct CellValidation {
    CellRule rule = CellRule::Valid;
    int vertex = -1;         // the offending vertex, when the rule names one
    int edgeFrom = -1;       // the offending edge, when the rule names one
    int edgeTo = -1;
    int count = -1;          // vertices (TooFewVertices, TooManyVertices) or edges (TooManyEdges) counted
    std::string op;          // the op name at `vertex` for FirstNotInput, LastNotOutput and MisplacedOp
    // In English, e.g. "edge 3 -> 1 goes backwards: the adjacency must be upper triangular"; a GUI words
    // its own message from the fields above, in the user's language.
    std::string message;
    bool ok() const { return rule == CellRule::Valid; }
};

// Checks a cell in NAS-Bench-101's order (ModelSpec, then NASBench.is_valid): upper triangular, then
// pruned, then the vertex and edge limits and the ops of the pruned cell only. `unknownOps`, when given,
// holds per vertex the name a file gave that is none of the five ops (else ""); the cell holds a
// placeholder op there, which counts only when the vertex survives pruning.
CellValidation validateCell(const Cell& cell, const std::vector<std::string>& unknownOps = {});

// Drops every vertex that is not on a path from input to output, exactly as ModelSpec._prune.
// Returns nullopt when the output is unreachable from the input (the cell is then invalid).
// Precondition: the matrix is upper triangular.
std::optional<Cell> pruneCell(const Cell& cell);

// Convenience: the pruned cell of a valid cell; throws std::invalid_argument with the validation
// message otherwise.
Cell canonicalCell(const Cell& cell);

} // namespace archscope
