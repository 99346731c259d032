// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/VsGaeModel.h"

#include <cmath>

#include "cell/Cell.h"
#include "runtime/Runtime.h"

#include <nlohmann/json.hpp>

#include <limits>
#include <stdexcept>

namespace archscope {

namespace {

constexpr int kInputType = static_cast<int>(Op::Input);
constexpr int kOutputType = static_cast<int>(Op::Output);
// The reference draws the training code as mean + 0.01 * std * eps: the KL term regularises the
// means while reconstruction sees an almost deterministic code.
constexpr double kNoiseScale = 0.01;

// The column blocks of a Linear's weight for the parts of a concatenated input, so each part is
// projected once and where it changes, not re-concatenated at every step.
std::vector<torch::Tensor> inputBlocks(const torch::nn::Linear& linear, std::vector<std::int64_t> sizes)
{
    return linear->weight.split_with_sizes(sizes, 1);
}

torch::Tensor project(const torch::Tensor& x, const torch::Tensor& block) { return torch::matmul(x, block.t()); }

} // namespace

nlohmann::json VsGaeConfig::toJson() const
{
    return {{"node_dim", nodeDim}, {"graph_dim", graphDim}, {"layers", layers}, {"beta", beta}};
}

VsGaeConfig VsGaeConfig::fromJson(const nlohmann::json& j)
{
    VsGaeConfig c;
    c.nodeDim = j.at("node_dim").get<int>();
    c.graphDim = j.at("graph_dim").get<int>();
    c.layers = j.at("layers").get<int>();
    c.beta = j.at("beta").get<double>();
    c.check();
    return c;
}

void VsGaeConfig::check() const
{
    if (nodeDim < 1 || nodeDim > 4096 || graphDim < 1 || graphDim > 4096 || layers < 1 || layers > 16 || !(beta >= 0)
        || !std::isfinite(beta))
        throw std::invalid_argument("VS-GAE sizes out of range (node and graph dimension 1-4096, 1-16 layers, beta >= 0): "
                                    + toJson().dump());
}

VsGaeEncoderImpl::VsGaeEncoderImpl(const VsGaeConfig& c)
    : nodes(register_module("nodes", NodeEncoder(c.nodeDim, c.layers, 0.0))),
      mean(register_module("mean", GatedSumReadout(c.nodeDim, c.graphDim))),
      logVar(register_module("log_var", GatedSumReadout(c.nodeDim, c.graphDim)))
{
}

std::pair<torch::Tensor, torch::Tensor> VsGaeEncoderImpl::forward(const GraphTensors& g)
{
    const torch::Tensor h = nodes->forward(g);
    return {mean->forward(h, g.mask), logVar->forward(h, g.mask)};
}

// The code's share of each MLP's first layer (plus its bias): constant over the decoding steps.
struct VsGaeDecoderImpl::CodeTerms {
    torch::Tensor z, add, start, init, edge;
};

struct VsGaeDecoderImpl::StepState {
    torch::Tensor h;      // [B, t + 1, d] after propagation
    torch::Tensor graph;  // [B, gdim]
    torch::Tensor init;   // [B, gdim]
    torch::Tensor typeLogits; // [B, 5]
};

VsGaeDecoderImpl::VsGaeDecoderImpl(const VsGaeConfig& c)
    : config(c), propagation(register_module("propagation", torch::nn::ModuleList())),
      graphReadout(register_module("graph_readout", GatedSumReadout(c.nodeDim, c.graphDim))),
      initReadout(register_module("init_readout", GatedSumReadout(c.nodeDim, c.graphDim))),
      typeEmbedding(register_module("type_embedding", torch::nn::Embedding(kNumOpTypes, c.nodeDim))),
      addHidden(register_module("add_hidden", torch::nn::Linear(2 * c.graphDim, c.graphDim))),
      addOut(register_module("add_out", torch::nn::Linear(c.graphDim, kNumOpTypes))),
      startHidden(register_module("start_hidden", torch::nn::Linear(c.nodeDim + c.graphDim, c.nodeDim + c.graphDim))),
      startOut(register_module("start_out", torch::nn::Linear(c.nodeDim + c.graphDim, c.nodeDim))),
      initHidden(register_module("init_hidden", torch::nn::Linear(c.nodeDim + 2 * c.graphDim, c.nodeDim + c.graphDim))),
      initOut(register_module("init_out", torch::nn::Linear(c.nodeDim + c.graphDim, c.nodeDim))),
      edgeHidden(register_module("edge_hidden", torch::nn::Linear(2 * c.nodeDim + 2 * c.graphDim, c.nodeDim + c.graphDim))),
      edgeOut(register_module("edge_out", torch::nn::Linear(c.nodeDim + c.graphDim, 1)))
{
    for (int i = 0; i < c.layers; ++i)
        propagation->push_back(GnnLayer(c.nodeDim));
}

VsGaeDecoderImpl::CodeTerms VsGaeDecoderImpl::codeTerms(const torch::Tensor& z)
{
    const std::int64_t d = config.nodeDim, g = config.graphDim;
    CodeTerms c;
    c.z = z;
    c.add = project(z, inputBlocks(addHidden, {g, g})[1]) + addHidden->bias;
    c.start = project(z, inputBlocks(startHidden, {d, g})[1]) + startHidden->bias;
    c.init = project(z, inputBlocks(initHidden, {d, g, g})[2]) + initHidden->bias;
    c.edge = project(z, inputBlocks(edgeHidden, {d, d, g, g})[3]) + edgeHidden->bias;
    return c;
}

torch::Tensor VsGaeDecoderImpl::startState(const CodeTerms& c)
{
    const torch::Tensor inputRow = typeEmbedding->weight[kInputType];
    const torch::Tensor hidden = torch::relu(project(inputRow, inputBlocks(startHidden, {config.nodeDim, config.graphDim})[0]) + c.start);
    return startOut->forward(hidden).unsqueeze(1);
}

VsGaeDecoderImpl::StepState VsGaeDecoderImpl::step(torch::Tensor h, const torch::Tensor& adj, int t, const CodeTerms& c)
{
    // The reference skips propagation while the graph is the input vertex alone (there are no edges).
    if (t > 0) {
        GraphTensors partial;
        partial.adj = adj.slice(1, 0, t + 1).slice(2, 0, t + 1);
        const torch::Tensor inDeg = inDegrees(partial);
        const torch::Tensor outDeg = outDegrees(partial);
        for (const auto& layer : *propagation)
            h = layer->as<GnnLayer>()->forward(h, partial, inDeg, outDeg);
    }
    const torch::Tensor all = torch::ones({h.size(0), h.size(1)}, h.options());
    StepState s;
    s.h = h;
    s.graph = graphReadout->forward(h, all);
    s.init = initReadout->forward(h, all);
    const torch::Tensor graphBlock = inputBlocks(addHidden, {config.graphDim, config.graphDim})[0];
    s.typeLogits = addOut->forward(torch::relu(project(s.graph, graphBlock) + c.add));
    return s;
}

torch::Tensor VsGaeDecoderImpl::newVertex(const torch::Tensor& types, const StepState& s, const CodeTerms& c)
{
    const auto blocks = inputBlocks(initHidden, {config.nodeDim, config.graphDim, config.graphDim});
    // Five type rows projected once, then gathered per cell.
    const torch::Tensor typeTerms = project(typeEmbedding->weight, blocks[0]).index_select(0, types);
    return initOut->forward(torch::relu(typeTerms + project(s.init, blocks[1]) + c.init));
}

torch::Tensor VsGaeDecoderImpl::edgeLogits(const torch::Tensor& hv, const StepState& s, const CodeTerms& c)
{
    const std::int64_t d = config.nodeDim, g = config.graphDim;
    const auto blocks = inputBlocks(edgeHidden, {d, d, g, g});
    // First layer on [h_u, h_v, h_G, z] = per-source term + per-cell term.
    const torch::Tensor perCell = project(hv, blocks[1]) + project(s.graph, blocks[2]) + c.edge;
    const torch::Tensor hidden = torch::relu(project(s.h, blocks[0]) + perCell.unsqueeze(1));
    return edgeOut->forward(hidden).squeeze(2);
}

torch::Tensor VsGaeDecoderImpl::loss(const torch::Tensor& z, const GraphTensors& target)
{
    const CodeTerms c = codeTerms(z);
    torch::Tensor h = startState(c);
    torch::Tensor total = torch::zeros({z.size(0)}, z.options());
    for (int t = 0; t + 1 < kMaxVertices; ++t) {
        const StepState s = step(h, target.adj, t, c);
        const torch::Tensor types = target.ops.select(1, t + 1);
        torch::Tensor stepLoss = torch::nn::functional::cross_entropy(
            s.typeLogits, types, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
        const torch::Tensor hv = newVertex(types, s, c);
        // Vertex 1 can only be fed by the input: the reference scores no edge at the first step.
        if (t > 0) {
            const torch::Tensor edges = target.adj.select(2, t + 1).slice(1, 0, t + 1);
            stepLoss = stepLoss
                       + torch::nn::functional::binary_cross_entropy_with_logits(
                             edgeLogits(hv, s, c), edges,
                             torch::nn::functional::BinaryCrossEntropyWithLogitsFuncOptions().reduction(torch::kNone))
                             .mean(1);
        }
        total = total + stepLoss * target.mask.select(1, t + 1);
        h = torch::cat({s.h, hv.unsqueeze(1)}, 1);
    }
    return total;
}

DecodedTensors VsGaeDecoderImpl::decode(const torch::Tensor& z, bool sample, bool vertexLimit,
                                        c10::optional<at::Generator> generator)
{
    const std::int64_t b = z.size(0);
    const auto longOptions = torch::TensorOptions().dtype(torch::kInt64).device(z.device());
    DecodedTensors out{torch::full({b, kMaxVertices}, kInputType, longOptions),
                       torch::zeros({b, kMaxVertices, kMaxVertices}, z.options()),
                       torch::full({b, kMaxVertices, kMaxVertices}, -std::numeric_limits<float>::infinity(), z.options()),
                       torch::zeros({b}, longOptions)};
    if (b == 0)
        return out;
    torch::Tensor finished = torch::zeros({b}, longOptions.dtype(torch::kBool));
    const CodeTerms c = codeTerms(z);
    torch::Tensor h = startState(c);
    for (int t = 0; t + 1 < kMaxVertices; ++t) {
        const StepState s = step(h, out.adj, t, c);
        torch::Tensor types = sample ? torch::multinomial(torch::softmax(s.typeLogits, 1), 1, false, generator).squeeze(1)
                                     : s.typeLogits.argmax(1);
        if (vertexLimit && t + 2 == kMaxVertices)
            types = torch::full_like(types, kOutputType);
        const torch::Tensor hv = newVertex(types, s, c);
        torch::Tensor edges, logits;
        if (t == 0) {
            edges = torch::ones({b, 1}, z.options());
            logits = torch::full({b, 1}, std::numeric_limits<float>::infinity(), z.options());
        } else {
            logits = edgeLogits(hv, s, c);
            edges = sample ? torch::bernoulli(torch::sigmoid(logits), generator) : (logits > 0).to(z.scalar_type());
        }
        // Cells that already emitted their output vertex keep what they have.
        const torch::Tensor open = ~finished;
        out.ops.select(1, t + 1).copy_(torch::where(open, types, out.ops.select(1, t + 1)));
        out.adj.select(2, t + 1).slice(1, 0, t + 1).copy_(edges * open.unsqueeze(1).to(z.scalar_type()));
        out.edgeLogits.select(2, t + 1).slice(1, 0, t + 1).copy_(logits);
        const torch::Tensor ends = open & (types == kOutputType);
        out.counts.masked_fill_(ends, t + 2);
        finished = finished | ends;
        h = torch::cat({s.h, hv.unsqueeze(1)}, 1);
        if (finished.all().item<bool>())
            break;
    }
    return out;
}

VsGaeImpl::VsGaeImpl(const VsGaeConfig& c)
    : config(c), encoder(register_module("encoder", VsGaeEncoder(c))), decoder(register_module("decoder", VsGaeDecoder(c)))
{
}

VsGaeLoss VsGaeImpl::forward(const GraphTensors& g)
{
    auto [mean, logVar] = encoder->forward(g);
    torch::Tensor z = mean;
    if (is_training()) {
        torch::Tensor noise;
        {
            const auto drawing = lockTorchGenerator();
            noise = torch::randn_like(mean);
        }
        z = mean + noise * kNoiseScale * torch::exp(0.5 * logVar);
    }
    VsGaeLoss loss;
    loss.kl = -0.5 * (1 + logVar - mean * mean - torch::exp(logVar)).sum(1);
    loss.reconstruction = decoder->loss(z, g);
    loss.total = loss.reconstruction.mean() + config.beta * loss.kl.sum();
    return loss;
}

} // namespace archscope
