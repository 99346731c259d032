// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/GnnEncoder.h"

#include <cmath>

namespace archscope {

namespace {

torch::Tensor gatherRows(const torch::Tensor& table, const torch::Tensor& types)
{
    return table.index_select(0, types.reshape({-1})).view({types.size(0), types.size(1), table.size(1)});
}

} // namespace

// The eleven small counts (each < 8) packed into one integer per vertex.
torch::Tensor firstLayerKeys(const GraphTensors& g)
{
    const torch::Tensor oneHot = torch::one_hot(g.ops, kNumOpTypes).to(torch::kFloat64);
    const torch::Tensor radix = torch::pow(8.0, torch::arange(kNumOpTypes, torch::kFloat64));
    const torch::Tensor adj = g.adj.to(torch::kFloat64);
    const torch::Tensor in = adj.transpose(1, 2).bmm(oneHot).matmul(radix);
    const torch::Tensor out = adj.bmm(oneHot).matmul(radix);
    const double span = std::pow(8.0, kNumOpTypes);
    return (g.ops.to(torch::kFloat64) + kNumOpTypes * (in + span * out)).to(torch::kInt64);
}

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

torch::Tensor GnnLayerImpl::forwardFromTable(const torch::Tensor& table, const torch::Tensor& types,
                                             const GraphTensors& g, const torch::Tensor& inDeg,
                                             const torch::Tensor& outDeg)
{
    // Everything linear in the vertex states is computed on the T table rows; W_ih is applied to
    // each message part before gathering, as it distributes over the sum of messages.
    const torch::Tensor projected = torch::matmul(table, stackedWeights().t());
    const auto parts = projected.split({2 * dim, 2 * dim, 2 * dim, 2 * dim, 3 * dim}, -1);
    const torch::Tensor wih = weightIh.t();
    std::vector<torch::Tensor> gathered;
    for (int p = 0; p < 4; ++p)
        gathered.push_back(gatherRows(torch::matmul(parts[static_cast<std::size_t>(p)], wih), types));
    const torch::Tensor gi = aggregate(gathered, torch::matmul(msg->bias, wih), torch::matmul(msgRev->bias, wih), g,
                                       inDeg, outDeg)
                             + biasIh;
    const torch::Tensor gh = gatherRows(parts[4], types) + biasHh;
    return gruUpdate(gi, gh, gatherRows(table, types));
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
    const torch::Tensor inDeg = inDegrees(g);
    const torch::Tensor outDeg = outDegrees(g);
    torch::Tensor h;
    std::size_t first = 0;
    const bool deterministic = !(is_training() && dropout > 0);
    if (deterministic && !layers->is_empty()) {
        // The first layer sees only the five op embeddings: compute it on those five rows.
        h = layers[0]->as<GnnLayer>()->forwardFromTable(embedding->weight, g.ops, g, inDeg, outDeg);
        first = 1;
        if (layers->size() > 1 && !torch::GradMode::is_enabled()) {
            // Inference: the 136,806 vertices of the 20,001 sample cells have only 1,392 distinct
            // first-layer states, so the second layer's projections (most of the work) run once per
            // distinct state of the batch and are gathered. Not with gradients: duplicates would share one.
            const auto unique = torch::_unique(firstLayerKeys(g).reshape({-1}), false, true);
            const torch::Tensor& inverse = std::get<1>(unique);
            const torch::Tensor table = torch::zeros({std::get<0>(unique).size(0), dim}, h.options())
                                            .index_copy_(0, inverse, h.reshape({-1, dim}));
            h = layers[1]->as<GnnLayer>()->forwardFromTable(table, inverse.view_as(g.ops), g, inDeg, outDeg);
            first = 2;
        }
    } else {
        h = embedding->forward(g.ops);
    }
    for (std::size_t i = first; i < layers->size(); ++i) {
        if (dropout > 0)
            h = torch::dropout(h, dropout, is_training());
        h = layers[i]->as<GnnLayer>()->forward(h, g, inDeg, outDeg);
    }
    return h;
}

GatedSumReadoutImpl::GatedSumReadoutImpl(int nodeDim, int graphDim)
    : f(register_module("f", torch::nn::Linear(nodeDim, graphDim))),
      gate(register_module("gate", torch::nn::Linear(nodeDim, 1)))
{
}

torch::Tensor GatedSumReadoutImpl::forward(const torch::Tensor& h, const torch::Tensor& mask)
{
    return (f->forward(h) * torch::sigmoid(gate->forward(h)) * mask.unsqueeze(2)).sum(1);
}

} // namespace archscope
