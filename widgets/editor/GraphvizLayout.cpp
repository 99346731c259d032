// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "editor/GraphvizLayout.h"

#include "cell/Cell.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace archscope {
namespace {

constexpr double kPointsPerInch = 72.0;

GVC_t* context()
{
    // Loading the plugins costs milliseconds; one context serves every layout of the process.
    static GVC_t* gvc = gvContext();
    return gvc;
}

// cgraph's API takes char* for names and values it only reads.
char* s(const char* text) { return const_cast<char*>(text); }

} // namespace

namespace {

// The scene's y points down, Graphviz's up: the scene's is its negation, whatever the bounding box, so
// that a vertex kept in place keeps its scene position when the drawing grows.
QPointF toScene(pointf p) { return QPointF(p.x, -p.y); }

Agraph_t* cellGraph(const Cell& cell, std::vector<Agnode_t*>& nodes, std::vector<std::pair<Agedge_t*, std::pair<int, int>>>& edges)
{
    const int n = cell.numVertices();
    Agraph_t* g = agopen(s("cell"), Agdirected, nullptr);
    agattr(g, AGRAPH, s("rankdir"), s("TB"));
    agattr(g, AGRAPH, s("nodesep"), s("0.35"));
    agattr(g, AGRAPH, s("ranksep"), s("0.4"));
    // Keeps the drawing stable as the user edits: siblings stay in index order.
    agattr(g, AGRAPH, s("ordering"), s("out"));
    agattr(g, AGNODE, s("shape"), s("box"));
    agattr(g, AGNODE, s("fixedsize"), s("true"));
    agattr(g, AGNODE, s("width"), s("1.0"));
    agattr(g, AGNODE, s("height"), s("0.45"));
    agattr(g, AGNODE, s("label"), s(""));
    nodes.assign(static_cast<std::size_t>(n), nullptr);
    for (int v = 0; v < n; ++v) {
        const std::string name = "v" + std::to_string(v);
        nodes[static_cast<std::size_t>(v)] = agnode(g, s(name.c_str()), 1);
    }
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (cell.hasEdge(i, j))
                edges.push_back({agedge(g, nodes[static_cast<std::size_t>(i)], nodes[static_cast<std::size_t>(j)],
                                        nullptr, 1),
                                 {i, j}});
    return g;
}

CellLayout readLayout(Agraph_t* g, const std::vector<Agnode_t*>& nodes,
                      const std::vector<std::pair<Agedge_t*, std::pair<int, int>>>& edges)
{
    CellLayout out;
    const boxf bb = GD_bb(g);
    out.bounds = QRectF(QPointF(bb.LL.x, -bb.UR.y), QPointF(bb.UR.x, -bb.LL.y));
    for (Agnode_t* node : nodes)
        out.vertices.push_back(
            {toScene(ND_coord(node)), QSizeF(ND_width(node) * kPointsPerInch, ND_height(node) * kPointsPerInch)});
    for (const auto& [edge, ends] : edges) {
        EdgePlacement e;
        e.from = ends.first;
        e.to = ends.second;
        if (const splines* spl = ED_spl(edge); spl && spl->size > 0) {
            const bezier& bz = spl->list[0];
            for (int k = 0; k < bz.size; ++k)
                e.bezier.push_back(toScene(bz.list[k]));
            e.arrowTip = bz.eflag ? toScene(bz.ep) : e.bezier.isEmpty() ? QPointF() : e.bezier.back();
        }
        out.edges.push_back(std::move(e));
    }
    return out;
}

CellLayout runLayout(const Cell& cell, const std::vector<QPointF>* fixed)
{
    std::vector<Agnode_t*> nodes;
    std::vector<std::pair<Agedge_t*, std::pair<int, int>>> edges;
    Agraph_t* g = cellGraph(cell, nodes, edges);
    if (fixed) {
        // "x,y!" in points: every vertex where it is; the spline router draws the edges around them.
        agattr(g, AGRAPH, s("splines"), s("true"));
        agattr(g, AGRAPH, s("overlap"), s("true"));
        agattr(g, AGNODE, s("pos"), s(""));
        for (std::size_t v = 0; v < nodes.size(); ++v) {
            const std::string pos = std::to_string((*fixed)[v].x()) + "," + std::to_string(-(*fixed)[v].y()) + "!";
            agset(nodes[v], s("pos"), s(pos.c_str()));
        }
    }
    GVC_t* gvc = context();
    gvLayout(gvc, g, fixed ? "nop" : "dot");
    CellLayout out = readLayout(g, nodes, edges);
    gvFreeLayout(gvc, g);
    agclose(g);
    return out;
}

} // namespace

CellLayout layoutCell(const Cell& cell, const std::vector<std::optional<QPointF>>& pinned)
{
    const int n = cell.numVertices();
    if (n == 0)
        return {};
    CellLayout fresh = runLayout(cell, nullptr);
    const bool anyPinned = int(pinned.size()) == n && std::any_of(pinned.begin(), pinned.end(), [](const auto& p) { return p.has_value(); });
    if (!anyPinned)
        return fresh;
    // The pinned vertices where they were; a new one where dot puts it, moved right while it would
    // overlap a vertex already placed.
    std::vector<QPointF> at(static_cast<std::size_t>(n));
    std::vector<bool> placed(static_cast<std::size_t>(n), false);
    for (std::size_t v = 0; v < at.size(); ++v)
        if (pinned[v]) {
            at[v] = *pinned[v];
            placed[v] = true;
        }
    const QSizeF size = fresh.vertices.front().size;
    for (std::size_t v = 0; v < at.size(); ++v) {
        if (placed[v])
            continue;
        QPointF p = fresh.vertices[v].center;
        const auto overlaps = [&](const QPointF& q) {
            for (std::size_t u = 0; u < at.size(); ++u)
                if (placed[u] && std::abs(at[u].x() - q.x()) < size.width() * 1.3 && std::abs(at[u].y() - q.y()) < size.height() * 1.3)
                    return true;
            return false;
        };
        while (overlaps(p))
            p.rx() += size.width() * 1.4;
        at[v] = p;
        placed[v] = true;
    }
    return runLayout(cell, &at);
}

} // namespace archscope
