// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/GraphTensors.h"
#include "model/VertexClasses.h"

#include <torch/torch.h>

namespace archscope {

// One message-passing layer of Lukasik et al. (2020) / Friede et al. (2019): for each edge u -> v a
// forward message msg([h_u, h_v]) into v and a reverse message msg_rev([h_v, h_u]) into u (each a
// Linear 2d -> 2d), summed per vertex, then a GRU cell (input 2d, hidden d).
//
// Dense form: a Linear on a concatenation splits into a source half and a target half, so
//   sum_u adj[u,v] msg([h_u, h_v]) = adj^T (h W_src) + indeg(v) (h_v W_dst + b),
// and every projection is per vertex (7 per cell) rather than per edge.
struct GnnLayerImpl : torch::nn::Module {
    explicit GnnLayerImpl(int dim);

    // h: [B, N, d] -> [B, N, d]
    torch::Tensor forward(const torch::Tensor& h, const GraphTensors& g, const torch::Tensor& inDeg,
                          const torch::Tensor& outDeg);
    // What forwardOnClasses computes on the previous round's class states before it gathers them.
    struct Projection {
        torch::Tensor table;                  // [T, d]
        // The four message parts, [T, 2d] each, or already times W_ih ([T, 3d]) where `throughInput`.
        std::vector<torch::Tensor> messages;
        torch::Tensor fwdBias, revBias;       // msg's and msg_rev's biases, times W_ih where `throughInput`
        torch::Tensor hidden;                 // [T, 3d]: the table times W_hh (its bias is added after gathering)
        bool throughInput = true;
    };
    // W_ih distributes over the sum of messages, so it can be applied to the T table rows' four parts
    // (48 d^2 FLOPs a row) instead of to each of the `targets` sums (12 d^2 a target): `project` takes the
    // cheaper. Over the whole space T is 1,863 against 903,330 targets; in a training batch of 64 cells
    // about 220 against 430.
    Projection project(const torch::Tensor& table, std::int64_t targets);
    // The layer once per vertex class: the states of classes [begin, end) of `round` ([end - begin, d]),
    // from the previous round's class states, projected in `p`.
    torch::Tensor forwardOnClasses(const Projection& p, const VertexClasses::Round& round, std::int64_t begin,
                                   std::int64_t end);

    int dim;
    torch::nn::Linear msg{nullptr}, msgRev{nullptr};
    // GRU cell parameters in PyTorch's GRUCell layout (gates r, z, n).
    torch::Tensor weightIh, weightHh, biasIh, biasHh;

private:
    // The four message projections of each vertex [src_fwd | dst_fwd | src_rev | dst_rev] (2d each)
    // summed into what each vertex receives: adj^T src_fwd + indeg (dst_fwd + b) + adj src_rev + outdeg (dst_rev + b').
    static torch::Tensor aggregate(const std::vector<torch::Tensor>& parts, const torch::Tensor& fwdBias,
                                   const torch::Tensor& revBias, const GraphTensors& g, const torch::Tensor& inDeg,
                                   const torch::Tensor& outDeg);
    torch::Tensor gruUpdate(const torch::Tensor& gi, const torch::Tensor& gh, const torch::Tensor& h) const;
    // [4 * 2d + 3d, d]: the source and target halves of msg and msg_rev, then W_hh, so one matrix
    // product gives every per-vertex projection of a layer.
    torch::Tensor stackedWeights() const;
};
TORCH_MODULE(GnnLayer);

// Node embedding of the op types followed by `layers` message-passing layers, with dropout before each.
struct NodeEncoderImpl : torch::nn::Module {
    NodeEncoderImpl(int dim, int layers, double dropout);
    torch::Tensor forward(const GraphTensors& g); // [B, N, d]

    // The states after the first `layersRun` layers of each class of `classes` (refined at least that
    // many rounds; 0: the op embeddings), [K, d].
    torch::Tensor classStates(const VertexClasses& classes, std::size_t layersRun);

    int dim;
    double dropout;
    torch::nn::Embedding embedding{nullptr};
    torch::nn::ModuleList layers;
};
TORCH_MODULE(NodeEncoder);

// Gated sum over vertices: sum_v f(h_v) * sigmoid(g(h_v)), padding masked out.
struct GatedSumReadoutImpl : torch::nn::Module {
    GatedSumReadoutImpl(int nodeDim, int graphDim);
    torch::Tensor forward(const torch::Tensor& h, const torch::Tensor& mask); // [B, gdim]
    // Each vertex's term of the sum, f(h_v) * sigmoid(g(h_v)): [..., gdim], padding not masked.
    torch::Tensor perVertex(const torch::Tensor& h);

    torch::nn::Linear f{nullptr}, gate{nullptr};
};
TORCH_MODULE(GatedSumReadout);

// In- and out-degree of each vertex, [B, N, 1].
torch::Tensor inDegrees(const GraphTensors& g);
torch::Tensor outDegrees(const GraphTensors& g);

} // namespace archscope
