// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "editor/GraphvizLayout.h"

#include "cell/Cell.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

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

CellLayout layoutCell(const Cell& cell)
{
    CellLayout out;
    const int n = cell.numVertices();
    if (n == 0)
        return out;

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

    std::vector<Agnode_t*> nodes(static_cast<std::size_t>(n));
    for (int v = 0; v < n; ++v) {
        const std::string name = "v" + std::to_string(v);
        nodes[static_cast<std::size_t>(v)] = agnode(g, s(name.c_str()), 1);
    }
    std::vector<std::pair<Agedge_t*, std::pair<int, int>>> edges;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (cell.hasEdge(i, j))
                edges.push_back({agedge(g, nodes[static_cast<std::size_t>(i)], nodes[static_cast<std::size_t>(j)],
                                        nullptr, 1),
                                 {i, j}});

    GVC_t* gvc = context();
    gvLayout(gvc, g, "dot");

    // Graphviz has y pointing up; the scene has it pointing down.
    const boxf bb = GD_bb(g);
    const auto flip = [&bb](pointf p) { return QPointF(p.x, bb.UR.y - p.y); };
    out.bounds = QRectF(QPointF(bb.LL.x, 0), QPointF(bb.UR.x, bb.UR.y - bb.LL.y));
    for (Agnode_t* node : nodes)
        out.vertices.push_back(
            {flip(ND_coord(node)), QSizeF(ND_width(node) * kPointsPerInch, ND_height(node) * kPointsPerInch)});
    for (const auto& [edge, ends] : edges) {
        EdgePlacement e;
        e.from = ends.first;
        e.to = ends.second;
        if (const splines* spl = ED_spl(edge); spl && spl->size > 0) {
            const bezier& bz = spl->list[0];
            for (int k = 0; k < bz.size; ++k)
                e.bezier.push_back(flip(bz.list[k]));
            e.arrowTip = bz.eflag ? flip(bz.ep) : e.bezier.isEmpty() ? QPointF() : e.bezier.back();
        }
        out.edges.push_back(std::move(e));
    }
    gvFreeLayout(gvc, g);
    agclose(g);
    return out;
}

} // namespace archscope
