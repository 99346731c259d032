// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QPointF>
#include <QRectF>
#include <QVector>

#include <optional>
#include <vector>

namespace archscope {

class Cell;

// Where Graphviz's "dot" puts a cell's vertices and edges, in scene coordinates (y down, points).
struct VertexPlacement {
    QPointF center;
    QSizeF size;
};

struct EdgePlacement {
    int from = -1;
    int to = -1;
    QVector<QPointF> bezier; // cubic spline: p0, then (c1, c2, p) triples
    QPointF arrowTip;        // where the arrow head points, at the target's border
};

struct CellLayout {
    QRectF bounds;
    std::vector<VertexPlacement> vertices;
    std::vector<EdgePlacement> edges;
};

// Lays a cell out top to bottom (input first) with Graphviz's dot. Where `pinned` has a position for a
// vertex (scene coordinates, one entry per vertex), the vertex stays exactly there: dot places only
// the others (moved aside from the pinned ones if they would overlap), and Graphviz routes the edges
// between the fixed positions (its "nop" engine). So an edit moves nothing the user has already seen.
// Graphviz is not thread-safe: call from the GUI thread only.
CellLayout layoutCell(const Cell& cell, const std::vector<std::optional<QPointF>>& pinned = {});

} // namespace archscope
