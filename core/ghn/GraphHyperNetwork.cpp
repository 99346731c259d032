// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ghn/GraphHyperNetwork.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace archscope {

namespace {

// Kernels are slices of one of the widest layer's shape: the head emits maxChannels^2 * 9 values per
// 3x3 node, so its width is bounded.
constexpr int kMaxGeneratedChannels = 128;

void checkRange(const char* field, int value, int lo, int hi)
{
    if (value < lo || value > hi)
        throw std::invalid_argument(std::string("GHN ") + field + " must be in [" + std::to_string(lo) + ", "
                                    + std::to_string(hi) + "], not " + std::to_string(value));
}

torch::Tensor indexTensor(const std::vector<std::int64_t>& v) { return torch::tensor(v, torch::kInt64); }

} // namespace

NetworkConfig GhnConfig::defaultNetwork()
{
    NetworkConfig n;
    n.stemChannels = 16;
    n.numStacks = 3;
    n.cellsPerStack = 1;
    n.inputChannels = 1;
    n.inputHeight = n.inputWidth = 28;
    n.numClasses = 10;
    return n;
}

void GhnConfig::check() const
{
    checkRange("hidden size", hidden, 2, 1024);
    checkRange("passes", passes, 1, 16);
    network.check();
    if (maxChannels() > kMaxGeneratedChannels)
        throw std::invalid_argument("GHN: networks of stem " + std::to_string(network.stemChannels) + " over "
                                    + std::to_string(network.numStacks) + " stacks reach " + std::to_string(maxChannels())
                                    + " channels; the GHN generates kernels of at most "
                                    + std::to_string(kMaxGeneratedChannels));
}

nlohmann::json GhnConfig::toJson() const
{
    return {{"hidden", hidden},
            {"passes", passes},
            {"stem", network.stemChannels},
            {"stacks", network.numStacks},
            {"modules", network.cellsPerStack},
            {"input_channels", network.inputChannels},
            {"height", network.inputHeight},
            {"width", network.inputWidth},
            {"classes", network.numClasses}};
}

GhnConfig GhnConfig::fromJson(const nlohmann::json& j)
{
    GhnConfig c;
    c.hidden = j.at("hidden");
    c.passes = j.at("passes");
    c.network.stemChannels = j.at("stem");
    c.network.numStacks = j.at("stacks");
    c.network.cellsPerStack = j.at("modules");
    c.network.inputChannels = j.at("input_channels");
    c.network.inputHeight = j.at("height");
    c.network.inputWidth = j.at("width");
    c.network.numClasses = j.at("classes");
    c.check();
    return c;
}

GhnNodeType ghnNodeType(const Layer& layer)
{
    switch (layer.kind) {
    case LayerKind::Input: return GhnNodeType::Input;
    case LayerKind::ConvBnRelu:
        if (layer.role == LayerRole::Network)
            return GhnNodeType::Stem;
        if (layer.role == LayerRole::Projection)
            return GhnNodeType::Projection;
        return layer.kernel == 3 ? GhnNodeType::Conv3x3 : GhnNodeType::Conv1x1;
    case LayerKind::MaxPool3x3: return GhnNodeType::MaxPool3x3;
    case LayerKind::DownSample: return GhnNodeType::DownSample;
    case LayerKind::Truncate: return GhnNodeType::Truncate;
    case LayerKind::Sum: return GhnNodeType::Sum;
    case LayerKind::Concat: return GhnNodeType::Concat;
    case LayerKind::GlobalAvgPool: return GhnNodeType::GlobalAvgPool;
    case LayerKind::Dense: return GhnNodeType::Dense;
    }
    throw std::logic_error("ghnNodeType: unknown layer kind");
}

GhnGraph ghnGraph(const NetworkPlan& plan)
{
    const std::size_t n = plan.layers.size();
    GhnGraph g;
    g.depth.assign(n, 0);
    std::vector<std::int64_t> types(n);
    std::vector<std::vector<int>> successors(n);
    int maxDepth = 0;
    for (std::size_t i = 0; i < n; ++i) {
        types[i] = static_cast<std::int64_t>(ghnNodeType(plan.layers[i]));
        for (int in : plan.layers[i].inputs) {
            g.depth[i] = std::max(g.depth[i], g.depth[static_cast<std::size_t>(in)] + 1);
            successors[static_cast<std::size_t>(in)].push_back(static_cast<int>(i));
        }
        maxDepth = std::max(maxDepth, g.depth[i]);
    }
    g.types = indexTensor(types);
    std::vector<std::vector<std::int64_t>> levels(static_cast<std::size_t>(maxDepth + 1));
    for (std::size_t i = 0; i < n; ++i)
        levels[static_cast<std::size_t>(g.depth[i])].push_back(static_cast<std::int64_t>(i));
    for (const auto& level : levels) {
        std::vector<std::int64_t> inSrc, inDst, outDst, outSrc;
        for (std::size_t p = 0; p < level.size(); ++p) {
            const auto v = static_cast<std::size_t>(level[p]);
            for (int u : plan.layers[v].inputs) {
                inSrc.push_back(u);
                inDst.push_back(static_cast<std::int64_t>(p));
            }
            for (int w : successors[v]) {
                outDst.push_back(w);
                outSrc.push_back(static_cast<std::int64_t>(p));
            }
        }
        g.levels.push_back(indexTensor(level));
        g.inSrc.push_back(indexTensor(inSrc));
        g.inDst.push_back(indexTensor(inDst));
        g.outDst.push_back(indexTensor(outDst));
        g.outSrc.push_back(indexTensor(outSrc));
    }
    return g;
}

GraphHyperNetworkImpl::GraphHyperNetworkImpl(const GhnConfig& config) : config_(config)
{
    config_.check();
    const int d = config_.hidden;
    const std::int64_t c = config_.maxChannels();
    embed_ = register_module("embed", torch::nn::Embedding(kGhnNodeTypes, d));
    messageForward_ = register_module("message_forward", torch::nn::Linear(d, d));
    messageBackward_ = register_module("message_backward", torch::nn::Linear(d, d));
    updateForward_ = register_module("update_forward", torch::nn::GRUCell(d, d));
    updateBackward_ = register_module("update_backward", torch::nn::GRUCell(d, d));
    hidden_ = register_module("hyper_hidden", torch::nn::Linear(d, 2 * d));
    kernel3x3_ = register_module("hyper_conv3x3", torch::nn::Linear(2 * d, c * c * 9));
    kernel1x1_ = register_module("hyper_conv1x1", torch::nn::Linear(2 * d, c * c));
    dense_ = register_module("hyper_dense", torch::nn::Linear(2 * d, config_.network.numClasses * (c + 1)));
}

torch::Tensor GraphHyperNetworkImpl::propagate(const GhnGraph& g)
{
    const torch::Device device = embed_->weight.device();
    torch::Tensor h = embed_->forward(g.types.to(device));
    const auto step = [&](std::size_t l, const torch::Tensor& from, const torch::Tensor& to,
                          torch::nn::Linear& message, torch::nn::GRUCell& update) {
        const torch::Tensor nodes = g.levels[l].to(device);
        const torch::Tensor state = h.index_select(0, nodes);
        torch::Tensor m = torch::zeros_like(state);
        if (from.numel() > 0)
            m = m.index_add(0, to.to(device), torch::relu(message->forward(h.index_select(0, from.to(device)))));
        h = h.index_copy(0, nodes, update->forward(m, state));
    };
    for (int pass = 0; pass < config_.passes; ++pass) {
        for (std::size_t l = 0; l < g.levels.size(); ++l)
            step(l, g.inSrc[l], g.inDst[l], messageForward_, updateForward_);
        for (std::size_t l = g.levels.size(); l-- > 0;)
            step(l, g.outDst[l], g.outSrc[l], messageBackward_, updateBackward_);
    }
    return h;
}

PlanWeights GraphHyperNetworkImpl::generate(const NetworkPlan& plan, const GhnGraph& graph)
{
    const std::size_t n = plan.layers.size();
    const std::int64_t c = config_.maxChannels();
    const torch::Device device = embed_->weight.device();
    const torch::Tensor z = torch::relu(hidden_->forward(propagate(graph)));
    std::vector<std::int64_t> nodes3, nodes1, nodesDense;
    for (std::size_t i = 0; i < n; ++i) {
        const Layer& l = plan.layers[i];
        if (l.kind == LayerKind::Dense)
            nodesDense.push_back(static_cast<std::int64_t>(i));
        else if (l.kind == LayerKind::ConvBnRelu)
            (l.kernel == 3 ? nodes3 : nodes1).push_back(static_cast<std::int64_t>(i));
    }
    PlanWeights w;
    w.tensors.resize(n);
    w.runningMean.resize(n);
    w.runningVar.resize(n);
    // Each head emits the widest kernel of its shape; a node takes the slice of its channel counts,
    // scaled by 1/sqrt(fan-in) so that generated networks start with activations of unit scale.
    const auto kernels = [&](const std::vector<std::int64_t>& nodes, torch::nn::Linear& head, std::int64_t k) {
        if (nodes.empty())
            return;
        const torch::Tensor all = head->forward(z.index_select(0, indexTensor(nodes).to(device))).view({-1, c, c, k, k});
        for (std::size_t j = 0; j < nodes.size(); ++j) {
            const Layer& l = plan.layers[static_cast<std::size_t>(nodes[j])];
            const double scale = 1.0 / std::sqrt(static_cast<double>(l.inChannels * k * k));
            w.tensors[static_cast<std::size_t>(nodes[j])]
                = {all[static_cast<std::int64_t>(j)].narrow(0, 0, l.outChannels).narrow(1, 0, l.inChannels) * scale};
        }
    };
    kernels(nodes3, kernel3x3_, 3);
    kernels(nodes1, kernel1x1_, 1);
    const std::int64_t classes = config_.network.numClasses;
    for (std::int64_t i : nodesDense) {
        const Layer& l = plan.layers[static_cast<std::size_t>(i)];
        const torch::Tensor out = dense_->forward(z[i]);
        const torch::Tensor weight = out.narrow(0, 0, classes * c).view({classes, c}).narrow(1, 0, l.inChannels);
        w.tensors[static_cast<std::size_t>(i)] = {weight / std::sqrt(static_cast<double>(l.inChannels)),
                                                  out.narrow(0, classes * c, classes)};
    }
    return w;
}

} // namespace archscope
