// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "cell/EdgeBudget.h"

#include "cell/Reachability.h"

#include <algorithm>
#include <bitset>
#include <stdexcept>
#include <string>

namespace archscope {

namespace {

int liveEdges(const Cell& cell, std::uint32_t live)
{
    int count = 0;
    for (int v = 0; v < cell.numVertices(); ++v)
        if (live & (1u << v))
            count += static_cast<int>(std::bitset<32>(cell.outMask(v) & live).count());
    return count;
}

struct Edge {
    int from, to;
    float score;
};

} // namespace

Cell withinEdgeBudget(const Cell& cell, const std::vector<float>& score, int maxEdges)
{
    const int n = cell.numVertices();
    if (score.size() != static_cast<std::size_t>(n) * static_cast<std::size_t>(n))
        throw std::invalid_argument("withinEdgeBudget: " + std::to_string(score.size()) + " edge scores for a cell of "
                                    + std::to_string(n) + " vertices, expected " + std::to_string(n * n));
    if (n < 2)
        return cell;
    Cell current = cell;
    std::uint32_t live = liveVertices(current);
    while (live != 0 && liveEdges(current, live) > maxEdges) {
        std::vector<Edge> candidates;
        for (int v = 0; v < n; ++v)
            for (int w = 0; w < n; ++w)
                if ((live & (1u << v)) && (live & (1u << w)) && current.hasEdge(v, w))
                    candidates.push_back({v, w, score[static_cast<std::size_t>(v * n + w)]});
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Edge& a, const Edge& b) { return a.score < b.score; });
        bool removed = false;
        for (const Edge& e : candidates) {
            const Cell trial = current.withEdge(e.from, e.to, false);
            const std::uint32_t trialLive = liveVertices(trial);
            if (trialLive != 0) {
                current = trial;
                live = trialLive;
                removed = true;
                break;
            }
        }
        if (!removed)
            break; // every live edge lies on the only input-output path: possible only when maxEdges < n - 1
    }
    return current;
}

} // namespace archscope
