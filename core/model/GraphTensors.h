// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"

#include <torch/torch.h>

#include <vector>

namespace archscope {

// Cells as dense, padded tensors: every cell has at most kMaxVertices vertices, so a batch is a few
// small dense arrays and message passing is a batched matrix product instead of an edge-list scatter.
struct GraphTensors {
    torch::Tensor ops;  // [B, N] int64: the Op enum value of each vertex (0 on padding)
    torch::Tensor adj;  // [B, N, N] float: adj[b][u][v] = 1 for an edge u -> v
    torch::Tensor mask; // [B, N] float: 1 on real vertices, 0 on padding

    std::int64_t size() const { return ops.size(0); }
    GraphTensors index(const torch::Tensor& rows) const;
    GraphTensors to(const torch::Device& device) const;
};

inline constexpr int kNumOpTypes = 5;

// Encodes pruned cells (at most kMaxVertices vertices each).
GraphTensors encodeCells(const std::vector<Cell>& cells);

} // namespace archscope
