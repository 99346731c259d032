// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/GnnEncoder.h"

#include <nlohmann/json_fwd.hpp>

#include <torch/torch.h>

namespace archscope {

// Sizes of the variational-sequential graph auto-encoder of Friede et al. (2019); the defaults are
// the paper's (jovitalukasik/vs_gae, model_configs/gnn_config.json).
struct VsGaeConfig {
    int nodeDim = 250;
    int graphDim = 56;  // the latent code
    int layers = 2;     // message-passing layers of the encoder and of each decoder propagation
    double beta = 0.005;

    nlohmann::json toJson() const;
    static VsGaeConfig fromJson(const nlohmann::json& j); // throws std::invalid_argument on bad values
    // The limits a model file is read with, so training checks them before it starts and never
    // writes a model its own loader refuses. Throws std::invalid_argument naming the values.
    void check() const;
};

// GNN encoder: the predictor's node encoder with two gated-sum readouts, the mean and the log-variance
// of the latent code.
struct VsGaeEncoderImpl : torch::nn::Module {
    explicit VsGaeEncoderImpl(const VsGaeConfig& config);
    std::pair<torch::Tensor, torch::Tensor> forward(const GraphTensors& g); // [B, gdim] each

    NodeEncoder nodes{nullptr};
    GatedSumReadout mean{nullptr}, logVar{nullptr};
};
TORCH_MODULE(VsGaeEncoder);

// Cells as the decoder emits them, dense: vertex types, adjacency and vertex counts (0 for a cell
// that had not emitted the output vertex after kMaxVertices vertices).
struct DecodedTensors {
    torch::Tensor ops;    // [B, 7] int64
    torch::Tensor adj;    // [B, 7, 7] float
    torch::Tensor edgeLogits; // [B, 7, 7] float: the decoder's logit of each vertex pair (+inf for input -> 1)
    torch::Tensor counts; // [B] int64
};

// Sequential decoder: from the input vertex, each step propagates over the partial graph, picks the
// next vertex type from the graph state and the code (the output type ends the cell), initialises the
// new vertex and decides an edge from each earlier vertex to it. All cells of a batch go through
// the (at most kMaxVertices - 1) steps together, as dense [B, t, d] states.
struct VsGaeDecoderImpl : torch::nn::Module {
    explicit VsGaeDecoderImpl(const VsGaeConfig& config);

    // Teacher-forced reconstruction loss of each cell, [B]: per generated vertex the type
    // cross-entropy plus the mean edge binary cross-entropy over its possible sources (the reference's
    // 2((1 - a) node + a edge) with a = 0.5), summed over the cell's vertices.
    torch::Tensor loss(const torch::Tensor& z, const GraphTensors& target);
    // Greedy (most likely type, edge when p > 0.5) or sampled decoding; `generator` only when sampling.
    // With `vertexLimit` a cell still open at the last vertex the space allows gets the output type there.
    DecodedTensors decode(const torch::Tensor& z, bool sample, bool vertexLimit = true,
                          c10::optional<at::Generator> generator = c10::nullopt);

    VsGaeConfig config;
    torch::nn::ModuleList propagation;
    GatedSumReadout graphReadout{nullptr}, initReadout{nullptr};
    torch::nn::Embedding typeEmbedding{nullptr};
    torch::nn::Linear addHidden{nullptr}, addOut{nullptr};     // [h_G, z] -> type logits
    torch::nn::Linear startHidden{nullptr}, startOut{nullptr}; // [e_input, z] -> h_0
    torch::nn::Linear initHidden{nullptr}, initOut{nullptr};   // [e_type, h_G_init, z] -> h_v
    torch::nn::Linear edgeHidden{nullptr}, edgeOut{nullptr};   // [h_u, h_v, h_G, z] -> edge logit

private:
    struct CodeTerms;
    struct StepState;
    CodeTerms codeTerms(const torch::Tensor& z);
    torch::Tensor startState(const CodeTerms& c);                                   // [B, 1, d]
    StepState step(torch::Tensor h, const torch::Tensor& adj, int t, const CodeTerms& c);  // graph state at step t
    torch::Tensor newVertex(const torch::Tensor& types, const StepState& s, const CodeTerms& c); // [B, d]
    torch::Tensor edgeLogits(const torch::Tensor& hv, const StepState& s, const CodeTerms& c); // [B, t + 1]
};
TORCH_MODULE(VsGaeDecoder);

struct VsGaeLoss {
    torch::Tensor total;          // mean reconstruction + beta * KL summed over the batch (as the reference)
    torch::Tensor reconstruction; // [B]
    torch::Tensor kl;             // [B]
};

struct VsGaeImpl : torch::nn::Module {
    explicit VsGaeImpl(const VsGaeConfig& config);
    // In training mode the code is the mean plus Gaussian noise of 0.01 standard deviations (the
    // reference's eps_scale); in eval mode it is the mean.
    VsGaeLoss forward(const GraphTensors& g);

    VsGaeConfig config;
    VsGaeEncoder encoder{nullptr};
    VsGaeDecoder decoder{nullptr};
};
TORCH_MODULE(VsGae);

} // namespace archscope
