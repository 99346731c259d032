// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "cell/NetworkParams.h"

#include <cstdint>
#include <vector>

namespace archscope {

// The layers of a NAS-Bench-101 network, as model_builder.py builds them (build_model_fn,
// build_module, base_ops): a plain computation graph in topological order. The same plan runs with the
// network's own parameters (CellNetwork) and with weights a Graph HyperNetwork generates, and it is
// the graph that hypernetwork propagates over.
enum class LayerKind : std::uint8_t {
    Input,         // the image batch
    ConvBnRelu,    // conv (no bias, "same" padding) -> batch norm -> ReLU; a vertex op or a 1x1 projection
    MaxPool3x3,    // 3x3 max pool, stride 1, "same" padding: the maxpool3x3 vertex op
    DownSample,    // 2x2 max pool, stride 2, "same" padding: before every stack but the first
    Truncate,      // the first outChannels channels of the input (a vertex with one channel fewer)
    Sum,           // element-wise sum of the inputs (a vertex's inputs)
    Concat,        // channel concatenation (the module output's inputs)
    GlobalAvgPool, // mean over height and width
    Dense,         // fully connected layer with bias, to the classes
};

// What a layer is in the cell it came from; the Graph HyperNetwork embeds it.
enum class LayerRole : std::uint8_t {
    Network,    // stem, down-sampling, pooling, classifier
    Vertex,     // the op of an interior cell vertex (and the sum of its inputs)
    Projection, // a 1x1 projection of the module input
    ModuleIO,   // truncation, the output concatenation and the final sum with the projected input
};

struct Layer {
    LayerKind kind = LayerKind::Input;
    LayerRole role = LayerRole::Network;
    std::vector<int> inputs;  // indices of earlier layers
    int kernel = 0;           // ConvBnRelu: 1 or 3
    int inChannels = 0;
    int outChannels = 0;
    int height = 0;           // of this layer's output
    int width = 0;
    int module = -1;          // the module (stack * modules per stack + index) it belongs to, -1 outside
    int vertex = -1;          // the cell vertex it computes, -1 for none

    bool hasWeights() const { return kind == LayerKind::ConvBnRelu || kind == LayerKind::Dense; }
};

struct NetworkPlan {
    NetworkConfig config;
    std::vector<Layer> layers; // layers[0] is the input; the last is the Dense classifier
};

// The network of `cell` (validated and pruned here; std::invalid_argument when invalid) at `config`.
// Vertex channels follow compute_vertex_channels, so the stored vertex order of the cell matters.
NetworkPlan buildNetworkPlan(const Cell& cell, const NetworkConfig& config = {});

// The trainable tensors of a layer and their shapes, in this order: ConvBnRelu {kernel [out, in, k, k],
// batch-norm scale [out], shift [out]}; Dense {weight [classes, in], bias [classes]}; others none.
std::vector<std::vector<std::int64_t>> layerWeightShapes(const Layer& layer);

// The number of trainable values of the plan (the sum over layerWeightShapes).
std::int64_t planParameterCount(const NetworkPlan& plan);

// Multiply-accumulates of one image through the plan: every output value of a k×k convolution over C
// inputs costs k·k·C, the dense layer inputs × classes. Pooling, sums and batch norm are not counted.
double planMultiplyAccumulates(const NetworkPlan& plan);

// Builds the LibTorch module of the cell (CellNetwork, uninitialised) and counts its trainable values:
// the real network's figure, where networkParameterCount is a formula.
std::int64_t builtNetworkParameterCount(const Cell& cell, const NetworkConfig& config = {});

} // namespace archscope
