// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/GnnEncoder.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace archscope {

// Sizes of the GNN accuracy predictor; the defaults are the paper's (Lukasik et al. 2020).
struct GnnConfig {
    int nodeDim = 250;
    int graphDim = 56;
    int layers = 2;
    int mlpLayers = 4;   // graphDim -> graphDim/2 -> ... -> outputs
    double dropout = 0.0;
    int outputs = 1;     // one per target budget; the prediction is the last output
    // "gnn": the encoder is trained with the regressor (Lukasik et al.). "vsgae": the encoder and
    // readout are a trained VS-GAE's encoder and mean readout, frozen, so the MLP reads that VS-GAE's
    // latent code (Friede et al.'s VS-GAE predictor) and can be followed through its latent space.
    std::string encoder = "gnn";
    bool readsLatentCode() const { return encoder == "vsgae"; }

    nlohmann::json toJson() const;
    static GnnConfig fromJson(const nlohmann::json& j); // throws std::invalid_argument on bad values
    // The limits a model file is read with, so training checks them before it starts and never
    // writes a model its own loader refuses. Throws std::invalid_argument naming the values.
    void check() const;
};

// Node embedding + message passing + gated-sum readout + MLP regressor.
struct GnnRegressorImpl : torch::nn::Module {
    explicit GnnRegressorImpl(const GnnConfig& config);
    torch::Tensor forward(const GraphTensors& g) { return head(embed(g)); } // [B, outputs]
    torch::Tensor embed(const GraphTensors& g);      // the graph embedding, [B, graphDim]
    torch::Tensor head(const torch::Tensor& x);      // the MLP on an embedding, [B, outputs]
    // Redraws (from LibTorch's generator) every hidden MLP layer whose ReLUs are all inactive for
    // every row of `embeddings` [B, graphDim], layer by layer from the first; returns the number of
    // redraws. Such a layer passes no gradient to anything below it, so the model could only learn
    // its output bias: a constant. The halving MLP makes this likely for narrow graph embeddings
    // (4 units in the last hidden layer at graphDim 32). A layer with a live unit is left as it is.
    // Throws std::runtime_error when a layer is still dead after many redraws.
    int reviveDeadLayers(const torch::Tensor& embeddings);

    GnnConfig config;
    NodeEncoder encoder{nullptr};
    GatedSumReadout readout{nullptr};
    torch::nn::ModuleList mlp;
    // "vsgae" only: the code's per-dimension mean and deviation over the VS-GAE's training cells
    // (its prior); the MLP reads the standardised code, since the raw codes are small (norm ~0.4).
    torch::Tensor codeMean, codeStd;
};
TORCH_MODULE(GnnRegressor);

} // namespace archscope
