// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/GraphTensors.h"

#include <stdexcept>
#include <string>

namespace archscope {

GraphTensors GraphTensors::index(const torch::Tensor& rows) const
{
    return {ops.index_select(0, rows), adj.index_select(0, rows), mask.index_select(0, rows)};
}

GraphTensors GraphTensors::to(const torch::Device& device) const
{
    return {ops.to(device), adj.to(device), mask.to(device)};
}

GraphTensors encodeCells(const std::vector<Cell>& cells)
{
    const auto b = static_cast<std::int64_t>(cells.size());
    constexpr std::int64_t n = kMaxVertices;
    GraphTensors t{torch::zeros({b, n}, torch::kInt64), torch::zeros({b, n, n}, torch::kFloat32),
                   torch::zeros({b, n}, torch::kFloat32)};
    auto ops = t.ops.accessor<std::int64_t, 2>();
    auto adj = t.adj.accessor<float, 3>();
    auto mask = t.mask.accessor<float, 2>();
    for (std::int64_t i = 0; i < b; ++i) {
        const Cell& cell = cells[static_cast<std::size_t>(i)];
        if (cell.numVertices() > n)
            throw std::invalid_argument("encodeCells: cell " + std::to_string(i) + " has " + std::to_string(cell.numVertices())
                                        + " vertices, at most " + std::to_string(n) + " are supported");
        for (int v = 0; v < cell.numVertices(); ++v) {
            ops[i][v] = static_cast<std::int64_t>(cell.op(v));
            mask[i][v] = 1.0f;
            for (int w = v + 1; w < cell.numVertices(); ++w)
                adj[i][v][w] = cell.hasEdge(v, w) ? 1.0f : 0.0f;
        }
    }
    return t;
}

} // namespace archscope
