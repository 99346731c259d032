// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/GnnRegressor.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace archscope {

nlohmann::json GnnConfig::toJson() const
{
    return {{"node_dim", nodeDim}, {"graph_dim", graphDim}, {"layers", layers},
            {"mlp_layers", mlpLayers}, {"dropout", dropout}, {"outputs", outputs}, {"encoder", encoder}};
}

GnnConfig GnnConfig::fromJson(const nlohmann::json& j)
{
    GnnConfig c;
    c.nodeDim = j.at("node_dim").get<int>();
    c.graphDim = j.at("graph_dim").get<int>();
    c.layers = j.at("layers").get<int>();
    c.mlpLayers = j.at("mlp_layers").get<int>();
    c.dropout = j.at("dropout").get<double>();
    c.outputs = j.at("outputs").get<int>();
    c.encoder = j.value("encoder", std::string("gnn")); // absent from files written before VS-GAE predictors
    c.check();
    return c;
}

void GnnConfig::check() const
{
    // mlpLayers is bounded before it is used as a shift count.
    if (nodeDim < 1 || nodeDim > 4096 || graphDim < 1 || graphDim > 4096 || layers < 0 || layers > 16 || mlpLayers < 1
        || mlpLayers > 16 || outputs < 1 || !(dropout >= 0) || dropout >= 1 || (graphDim >> (mlpLayers - 1)) < 1
        || (encoder != "gnn" && encoder != "vsgae"))
        throw std::invalid_argument("GNN sizes out of range (node and graph dimension 1-4096, a graph dimension of at "
                                    "least 2^(MLP layers - 1)): " + toJson().dump());
}

GnnRegressorImpl::GnnRegressorImpl(const GnnConfig& c)
    : config(c),
      encoder(register_module("encoder", NodeEncoder(c.nodeDim, c.layers, c.dropout))),
      readout(register_module("readout", GatedSumReadout(c.nodeDim, c.graphDim))),
      mlp(register_module("mlp", torch::nn::ModuleList()))
{
    int width = c.graphDim;
    for (int i = 0; i + 1 < c.mlpLayers; ++i) {
        mlp->push_back(torch::nn::Linear(width, width / 2));
        width /= 2;
    }
    mlp->push_back(torch::nn::Linear(width, c.outputs));
    if (c.readsLatentCode()) {
        codeMean = register_buffer("code_mean", torch::zeros({c.graphDim}));
        codeStd = register_buffer("code_std", torch::ones({c.graphDim}));
    }
}

torch::Tensor GnnRegressorImpl::embed(const GraphTensors& g)
{
    return readout->forward(encoder->forward(g), g.mask);
}

int GnnRegressorImpl::reviveDeadLayers(const torch::Tensor& embeddings)
{
    constexpr int kMaxRedraws = 100;
    torch::NoGradGuard noGrad;
    torch::Tensor x = codeMean.defined() ? (embeddings - codeMean) / codeStd : embeddings;
    int redraws = 0;
    for (std::size_t i = 0; i + 1 < mlp->size(); ++i) {
        auto layer = mlp[i]->as<torch::nn::Linear>();
        torch::Tensor out = torch::relu(layer->forward(x));
        for (int tries = 0; !(out > 0).any().item<bool>(); ++tries) {
            if (tries == kMaxRedraws)
                throw std::runtime_error("GNN regressor: MLP layer " + std::to_string(i + 1) + " stays inactive for every "
                                         "training cell after " + std::to_string(kMaxRedraws) + " initialisations");
            layer->reset_parameters();
            out = torch::relu(layer->forward(x));
            ++redraws;
        }
        x = out;
    }
    return redraws;
}

torch::Tensor GnnRegressorImpl::head(const torch::Tensor& embedding)
{
    torch::Tensor x = codeMean.defined() ? (embedding - codeMean) / codeStd : embedding;
    const std::size_t last = mlp->size() - 1;
    for (std::size_t i = 0; i < last; ++i) {
        if (config.dropout > 0)
            x = torch::dropout(x, config.dropout, is_training());
        x = torch::relu(mlp[i]->as<torch::nn::Linear>()->forward(x));
    }
    x = mlp[last]->as<torch::nn::Linear>()->forward(x);
    return x;
}

} // namespace archscope
