#pragma once

#include "model/GnnEncoder.h"

#include <nlohmann/json_fwd.hpp>

namespace archscope {

// Sizes of the GNN accuracy predictor; the defaults are the paper's (Lukasik et al. 2020).
struct GnnConfig {
    int nodeDim = 250;
    int graphDim = 56;
    int layers = 2;
    int mlpLayers = 4;   // graphDim -> graphDim/2 -> ... -> outputs
    double dropout = 0.0;
    int outputs = 1;     // one per target budget; the prediction is the last output

    nlohmann::json toJson() const;
    static GnnConfig fromJson(const nlohmann::json& j); // throws std::invalid_argument on bad values
};

// Node embedding + message passing + gated-sum readout + MLP regressor.
struct GnnRegressorImpl : torch::nn::Module {
    explicit GnnRegressorImpl(const GnnConfig& config);
    torch::Tensor forward(const GraphTensors& g); // [B, outputs]

    GnnConfig config;
    NodeEncoder encoder{nullptr};
    GatedSumReadout readout{nullptr};
    torch::nn::ModuleList mlp;
};
TORCH_MODULE(GnnRegressor);

} // namespace archscope
