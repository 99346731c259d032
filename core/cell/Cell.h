#pragma once

#include "cell/Op.h"

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

// One NAS-Bench-101 cell: an op per vertex and a directed adjacency matrix, stored as one bit row per
// vertex (bit j of row i = edge i -> j). A value type: cheap to copy, compare and hash.
//
// A Cell may be invalid (cycles, unreachable output, too many vertices); validateCell() says why,
// and pruneCell() gives the form NAS-Bench-101 evaluates.
class Cell {
public:
    Cell() = default;
    // Throws std::invalid_argument when the matrix is not n x n for the n ops, or larger than
    // kCellCapacity.
    Cell(std::vector<Op> ops, const std::vector<std::vector<int>>& adjacency);
    Cell(std::vector<Op> ops, std::vector<std::uint32_t> rows);

    int numVertices() const { return static_cast<int>(ops_.size()); }
    int numEdges() const;
    Op op(int v) const { return ops_[static_cast<std::size_t>(v)]; }
    const std::vector<Op>& ops() const { return ops_; }
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

    friend bool operator==(const Cell& a, const Cell& b) { return a.ops_ == b.ops_ && a.rows_ == b.rows_; }
    friend bool operator!=(const Cell& a, const Cell& b) { return !(a == b); }

private:
    std::vector<Op> ops_;
    std::vector<std::uint32_t> rows_;
};

// The rule a cell breaks, for messages and for the editor to highlight what is wrong.
enum class CellRule {
    Valid,
    TooFewVertices,     // fewer than 2 vertices
    NotUpperTriangular, // an edge i -> j with j <= i (a self-loop, a backward edge or a cycle)
    FirstNotInput,      // vertex 0 is not "input"
    LastNotOutput,      // the last vertex is not "output"
    MisplacedOp,        // "input" or "output" in the interior
    OutputUnreachable,  // no path from input to output
    TooManyVertices,    // more than 7 vertices after pruning
    TooManyEdges,       // more than 9 edges after pruning
};

struct CellValidation {
    CellRule rule = CellRule::Valid;
    int vertex = -1;         // the offending vertex, when the rule names one
    int edgeFrom = -1;       // the offending edge, when the rule names one
    int edgeTo = -1;
    std::string message;     // e.g. "edge 3 -> 1 goes backwards: the adjacency must be upper triangular"
    bool ok() const { return rule == CellRule::Valid; }
};

// Checks a cell the way NAS-Bench-101's ModelSpec does: structure first, then prunes and checks the
// vertex and edge limits on the pruned cell.
CellValidation validateCell(const Cell& cell);

// Drops every vertex that is not on a path from input to output, exactly as ModelSpec._prune.
// Returns nullopt when the output is unreachable from the input (the cell is then invalid).
// Precondition: the matrix is upper triangular.
std::optional<Cell> pruneCell(const Cell& cell);

// Convenience: the pruned cell of a valid cell; throws std::invalid_argument with the validation
// message otherwise.
Cell canonicalCell(const Cell& cell);

} // namespace archscope
