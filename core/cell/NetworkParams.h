// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstdint>
#include <vector>

namespace archscope {

class Cell;

// The NAS-Bench-101 CIFAR-10 network around a cell: a 3x3 conv-bn-relu stem to 128 channels, then 3
// stacks of 3 cells with a 2x2 max-pool and doubled channels before stacks 2 and 3, global average
// pooling and a dense layer to 10 classes.
struct NetworkConfig {
    int stemChannels = 128;
    int numStacks = 3;
    int cellsPerStack = 3;
    int numClasses = 10;
    int inputChannels = 3;
    int inputHeight = 32; // the image size changes no parameter count, only the built network's activations
    int inputWidth = 32;

    // Throws std::invalid_argument naming the first field out of its range.
    void check() const;
};

// Output channels of each vertex when the cell maps `inChannels` to `outChannels`, by NAS-Bench-101's
// rule (model_builder.compute_vertex_channels): the output's channels are split evenly among the
// vertices that feed it (the remainder going one each to the first ones), every other vertex takes
// the largest of its successors. `cell` must be pruned and valid.
std::vector<int> vertexChannels(const Cell& cell, int inChannels, int outChannels);

// Trainable parameters of one cell (conv kernels without bias, batch-norm scale and shift, the 1x1
// projections of the input); `cell` must be pruned and valid.
std::int64_t cellParameterCount(const Cell& cell, int inChannels, int outChannels);

// Trainable parameters of the whole network, equal to NAS-Bench-101's trainable_parameters.
std::int64_t networkParameterCount(const Cell& cell, const NetworkConfig& config = {});

// Multiply-accumulates of one image through the whole network, by formula: the convolutions (k·k·C
// per output value over C inputs) and the dense layer. The built network's figure is
// planMultiplyAccumulates (network/NetworkPlan.h), which the flops proxy reports; this one serves
// the layers below the network's, as networkParameterCount does. `cell` must be pruned and valid.
double networkMultiplyAccumulates(const Cell& cell, const NetworkConfig& config = {});

} // namespace archscope
