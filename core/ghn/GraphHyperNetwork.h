// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "network/CellNetwork.h"
#include "network/NetworkPlan.h"

#include <nlohmann/json_fwd.hpp>
#include <torch/torch.h>

#include <string>
#include <vector>

namespace archscope {

// The Graph HyperNetwork of Zhang, Ren & Urtasun (ICLR 2019): a GNN over the computation graph of a
// whole network (every layer of its NetworkPlan is a node) that generates all of the network's
// weights, so a cell is scored by running its network once.
struct GhnConfig {
    int hidden = 32;       // node state size
    int passes = 1;        // T: forward-backward passes
    // The networks it generates weights for (the image task fixes input channels, size and classes).
    NetworkConfig network = defaultNetwork();

    static NetworkConfig defaultNetwork(); // stem 16, 3 stacks of 1 module, 1x28x28, 10 classes
    // The widest layer's channels: every generated kernel is a slice of one of this width.
    int maxChannels() const { return network.stemChannels << (network.numStacks - 1); }
    // Loader limits, also checked before training; std::invalid_argument naming the field.
    void check() const;
    nlohmann::json toJson() const;
    static GhnConfig fromJson(const nlohmann::json& j); // throws nlohmann::json::exception or invalid_argument
};

// The node types the GHN embeds: a layer's kind and role in its cell (NetworkPlan.h).
enum class GhnNodeType : std::uint8_t {
    Input, Stem, Conv3x3, Conv1x1, Projection, MaxPool3x3, DownSample, Truncate, Sum, Concat, GlobalAvgPool, Dense,
};
inline constexpr int kGhnNodeTypes = 12;
GhnNodeType ghnNodeType(const Layer& layer);

// A plan as the GHN propagates over it: node types, and the nodes grouped by depth (longest path from
// the input) with their incoming and outgoing edges. Updating a whole depth at once is the paper's
// sequential topological order exactly, since a node's predecessors all lie at smaller depths.
struct GhnGraph {
    torch::Tensor types;                 // [N] int64
    std::vector<torch::Tensor> levels;   // node indices of each depth, in increasing depth
    std::vector<torch::Tensor> inSrc;    // per level: the source of each edge into the level
    std::vector<torch::Tensor> inDst;    // per level: its destination, as a position within the level
    std::vector<torch::Tensor> outDst;   // per level: the destination of each edge out of the level
    std::vector<torch::Tensor> outSrc;   // per level: its source, as a position within the level
    std::vector<int> depth;              // per node
};
GhnGraph ghnGraph(const NetworkPlan& plan);

class GraphHyperNetworkImpl : public torch::nn::Module {
public:
    explicit GraphHyperNetworkImpl(const GhnConfig& config);

    // Node states after T forward-backward passes: [N, hidden].
    torch::Tensor propagate(const GhnGraph& graph);
    // The weights of every layer of `plan` with weights: convolution kernels and the dense layer
    // (batch norm runs on batch statistics without scale and shift, see CellNetwork.h).
    PlanWeights generate(const NetworkPlan& plan, const GhnGraph& graph);
    const GhnConfig& config() const { return config_; }

private:
    GhnConfig config_;
    torch::nn::Embedding embed_{nullptr};
    torch::nn::Linear messageForward_{nullptr}, messageBackward_{nullptr};
    torch::nn::GRUCell updateForward_{nullptr}, updateBackward_{nullptr};
    torch::nn::Linear hidden_{nullptr};                                 // the hypernetwork's shared first layer
    torch::nn::Linear kernel3x3_{nullptr}, kernel1x1_{nullptr}, dense_{nullptr}; // its output layer, per shape
};
TORCH_MODULE(GraphHyperNetwork);

} // namespace archscope
