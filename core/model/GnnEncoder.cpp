// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/GnnEncoder.h"

#include <cmath>

namespace archscope {

torch::Tensor inDegrees(const GraphTensors& g) { return g.adj.sum(1).unsqueeze(2); }
torch::Tensor outDegrees(const GraphTensors& g) { return g.adj.sum(2).unsqueeze(2); }

GnnLayerImpl::GnnLayerImpl(int d)
    : dim(d),
      msg(register_module("msg", torch::nn::Linear(2 * d, 2 * d))),
      msgRev(register_module("msg_rev", torch::nn::Linear(2 * d, 2 * d)))
{
    // PyTorch's GRUCell initialisation: U(-1/sqrt(d), 1/sqrt(d)) for every weight and bias.
    const double k = 1.0 / std::sqrt(static_cast<double>(d));
    weightIh = register_parameter("gru_weight_ih", torch::empty({3 * d, 2 * d}).uniform_(-k, k));
    weightHh = register_parameter("gru_weight_hh", torch::empty({3 * d, d}).uniform_(-k, k));
    biasIh = register_parameter("gru_bias_ih", torch::empty({3 * d}).uniform_(-k, k));
    biasHh = register_parameter("gru_bias_hh", torch::empty({3 * d}).uniform_(-k, k));
}

torch::Tensor GnnLayerImpl::stackedWeights() const
{
    const auto fwd = msg->weight.split(dim, 1);
    const auto rev = msgRev->weight.split(dim, 1);
    return torch::cat({fwd[0], fwd[1], rev[0], rev[1], weightHh}, 0);
}

torch::Tensor GnnLayerImpl::aggregate(const std::vector<torch::Tensor>& parts, const torch::Tensor& fwdBias,
                                      const torch::Tensor& revBias, const GraphTensors& g, const torch::Tensor& inDeg,
                                      const torch::Tensor& outDeg)
{
    return g.adj.transpose(1, 2).bmm(parts[0]) + inDeg * (parts[1] + fwdBias) + g.adj.bmm(parts[2])
           + outDeg * (parts[3] + revBias);
}

torch::Tensor GnnLayerImpl::gruUpdate(const torch::Tensor& gi, const torch::Tensor& gh, const torch::Tensor& h) const
{
    const auto i = gi.chunk(3, -1);
    const auto hh = gh.chunk(3, -1);
    const torch::Tensor r = torch::sigmoid(i[0] + hh[0]);
    const torch::Tensor z = torch::sigmoid(i[1] + hh[1]);
    const torch::Tensor n = torch::tanh(i[2] + r * hh[2]);
    return n + z * (h - n); // (1 - z) n + z h
}

torch::Tensor GnnLayerImpl::forward(const torch::Tensor& h, const GraphTensors& g, const torch::Tensor& inDeg,
                                    const torch::Tensor& outDeg)
{
    const torch::Tensor projected = torch::matmul(h, stackedWeights().t());
    const auto parts = projected.split({2 * dim, 2 * dim, 2 * dim, 2 * dim, 3 * dim}, -1);
    const torch::Tensor received = aggregate({parts[0], parts[1], parts[2], parts[3]}, msg->bias, msgRev->bias, g,
                                             inDeg, outDeg);
    const torch::Tensor gi = torch::matmul(received, weightIh.t()) + biasIh;
    return gruUpdate(gi, parts[4] + biasHh, h);
}

GnnLayerImpl::Projection GnnLayerImpl::project(const torch::Tensor& table, std::int64_t targets)
{
    // Everything linear in the vertex states is computed on the T table rows.
    Projection p;
    p.table = table;
    const torch::Tensor projected = torch::matmul(table, stackedWeights().t());
    const auto parts = projected.split({2 * dim, 2 * dim, 2 * dim, 2 * dim, 3 * dim}, -1);
    p.throughInput = 4 * table.size(0) <= targets;
    const torch::Tensor wih = weightIh.t();
    const auto input = [&](const torch::Tensor& x) { return p.throughInput ? torch::matmul(x, wih) : x; };
    for (std::size_t i = 0; i < 4; ++i)
        p.messages.push_back(input(parts[i]));
    p.fwdBias = input(msg->bias);
    p.revBias = input(msgRev->bias);
    p.hidden = parts[4];
    return p;
}

torch::Tensor GnnLayerImpl::forwardOnClasses(const Projection& p, const VertexClasses::Round& round, std::int64_t begin,
                                             std::int64_t end)
{
    if (begin == end)
        return torch::empty({0, dim}, p.table.options());
    // The neighbours' sums as embedding bags over the previous round's projected classes.
    const auto sumOver = [&](const torch::Tensor& rows, const torch::Tensor& neighbours, const torch::Tensor& offsets) {
        const std::int64_t first = offsets[begin].item<std::int64_t>();
        const std::int64_t last = end < round.count ? offsets[end].item<std::int64_t>() : neighbours.size(0);
        return std::get<0>(torch::embedding_bag(rows, neighbours.slice(0, first, last), offsets.slice(0, begin, end) - first,
                                                false, /* sum */ 0));
    };
    const torch::Tensor self = round.self.slice(0, begin, end);
    const torch::Tensor received = sumOver(p.messages[0], round.in, round.inOffsets)
                                   + round.inDegree.slice(0, begin, end) * (p.messages[1].index_select(0, self) + p.fwdBias)
                                   + sumOver(p.messages[2], round.out, round.outOffsets)
                                   + round.outDegree.slice(0, begin, end) * (p.messages[3].index_select(0, self) + p.revBias);
    const torch::Tensor gi = (p.throughInput ? received : torch::matmul(received, weightIh.t())) + biasIh;
    return gruUpdate(gi, p.hidden.index_select(0, self) + biasHh, p.table.index_select(0, self));
}

NodeEncoderImpl::NodeEncoderImpl(int d, int numLayers, double dropoutProbability)
    : dim(d), dropout(dropoutProbability),
      embedding(register_module("embedding", torch::nn::Embedding(kNumOpTypes, d))),
      layers(register_module("layers", torch::nn::ModuleList()))
{
    for (int i = 0; i < numLayers; ++i)
        layers->push_back(GnnLayer(d));
}

torch::Tensor NodeEncoderImpl::forward(const GraphTensors& g)
{
    const bool deterministic = !(is_training() && dropout > 0);
    // The layers run once per vertex class, whose states are gathered. With gradients too: the vertices
    // of a class share one row of the autograd graph, and index_select's backward sums their gradients
    // into it, which is the gradient the per-vertex computation gives.
    if (deterministic) {
        const VertexClasses classes = VertexClasses::refine(g, static_cast<int>(layers->size())).to(embedding->weight.device());
        const torch::Tensor states = classStates(classes, layers->size());
        return torch::cat({states, torch::zeros({1, dim}, states.options())}).index_select(0, classes.classOf.reshape({-1}))
            .view({g.size(), g.ops.size(1), dim});
    }
    // Dropout gives every vertex its own state.
    const torch::Tensor inDeg = inDegrees(g);
    const torch::Tensor outDeg = outDegrees(g);
    torch::Tensor h = embedding->forward(g.ops);
    for (const auto& layer : *layers)
        h = layer->as<GnnLayer>()->forward(torch::dropout(h, dropout, true), g, inDeg, outDeg);
    return h;
}

torch::Tensor NodeEncoderImpl::classStates(const VertexClasses& classes, std::size_t layersRun)
{
    torch::Tensor states = embedding->weight;
    for (std::size_t l = 0; l < layersRun; ++l) {
        GnnLayerImpl* layer = layers[l]->as<GnnLayer>();
        const VertexClasses::Round& round = classes.rounds.at(l);
        states = layer->forwardOnClasses(layer->project(states, round.count), round, 0, round.count);
    }
    return states;
}

GatedSumReadoutImpl::GatedSumReadoutImpl(int nodeDim, int graphDim)
    : f(register_module("f", torch::nn::Linear(nodeDim, graphDim))),
      gate(register_module("gate", torch::nn::Linear(nodeDim, 1)))
{
}

torch::Tensor GatedSumReadoutImpl::perVertex(const torch::Tensor& h)
{
    return f->forward(h) * torch::sigmoid(gate->forward(h));
}

torch::Tensor GatedSumReadoutImpl::forward(const torch::Tensor& h, const torch::Tensor& mask)
{
    return (perVertex(h) * mask.unsqueeze(2)).sum(1);
}

} // namespace archscope
