// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

namespace archscope {

// Synaptic flow (Tanaka et al. 2020, as Abdelfattah et al. 2021 use it): the network without batch
// norm, every weight replaced by its magnitude, in double precision (the product over depth overflows
// single precision), fed one all-ones image; the score is the sum of |θ ⊙ ∂R/∂θ| with R the sum of the
// outputs. No data and no labels.
double synflowScore(const ProxyContext& c)
{
    PlanWeights w = c.weights();
    for (auto& layer : w.tensors)
        for (torch::Tensor& t : layer) {
            const bool grad = t.requires_grad();
            t = t.detach().abs().to(torch::kFloat64).requires_grad_(grad);
        }
    const NetworkConfig& n = c.plan().config;
    const torch::Tensor ones = torch::ones({1, n.inputChannels, n.inputHeight, n.inputWidth}, torch::kFloat64);
    PlanObserver noNorm;
    noNorm.normalise = false;
    const torch::Tensor r = runNetworkPlan(c.plan(), w, ones, true, kBatchNormMomentum, &noNorm).sum();
    const std::vector<torch::Tensor> weights = c.measuredWeights(w);
    const std::vector<torch::Tensor> grads = torch::autograd::grad({r}, weights);
    double sum = 0;
    for (std::size_t k = 0; k < weights.size(); ++k)
        sum += (weights[k] * grads[k]).abs().sum().item<double>();
    return sum;
}

} // namespace archscope
