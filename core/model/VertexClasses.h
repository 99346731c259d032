// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/GraphTensors.h"

#include <torch/torch.h>

#include <vector>

namespace archscope {

// Vertices whose state after some message-passing layers is the same, found without running them.
// A layer's new state of v is a function of v's state and of the multisets of its in- and its
// out-neighbours' states (NodeEncoder, without dropout), so the classes are those of Weisfeiler-Lehman
// colour refinement, started from the ops and kept apart by direction, one round per layer. The 2.9
// million vertices of the space's 423,624 cells fall into 1,863 classes after one round and 903,330
// after two, so the layers run once per class rather than once per vertex.
struct VertexClasses {
    // The classes after one more round: each class's vertex and neighbours as classes of the round
    // before (round 0: the ops). The neighbours are lists in embedding_bag's form (indices, offsets).
    struct Round {
        std::int64_t count = 0;
        torch::Tensor self;                 // [K] int64
        torch::Tensor in, inOffsets;        // in-neighbours
        torch::Tensor out, outOffsets;      // out-neighbours
        torch::Tensor inDegree, outDegree;  // [K, 1] float
    };
    std::vector<Round> rounds;
    torch::Tensor classOf; // [B, N] int64: each vertex's class after the last round; padding has class K

    // The number of classes after the last round (kNumOpTypes after none).
    std::int64_t count() const;
    // Rounds of refinement of `g`'s vertices (on the CPU); classes are numbered in order of first occurrence.
    static VertexClasses refine(const GraphTensors& g, int rounds);
    VertexClasses to(const torch::Device& device) const;
};

} // namespace archscope
