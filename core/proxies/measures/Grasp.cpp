// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

namespace archscope {

// GraSP (Wang et al. 2020), as NASLib computes it: g = ∂L/∂θ on the batch, then the Hessian-gradient
// product Hg as the gradient of gᵀ∂L/∂θ (a second backward pass through the first), and the score
// Σ −θ ⊙ Hg over the measured weights.
double graspScore(const ProxyContext& c)
{
    const ProxyContext::Gradients first = c.lossGradients();
    const PlanWeights w = c.weights();
    const std::vector<torch::Tensor> weights = c.measuredWeights(w);
    const std::vector<torch::Tensor> grads = torch::autograd::grad({c.loss(w, c.images().images, c.images().labels)},
                                                                    weights, {}, true, true);
    torch::Tensor z = torch::zeros({}, torch::kFloat32);
    for (std::size_t k = 0; k < grads.size(); ++k)
        z = z + (first.grad[k].detach() * grads[k]).sum();
    const std::vector<torch::Tensor> hg = torch::autograd::grad({z}, weights);
    double sum = 0;
    for (std::size_t k = 0; k < weights.size(); ++k)
        sum -= (weights[k].detach() * hg[k]).to(torch::kFloat64).sum().item<double>();
    return sum;
}

} // namespace archscope
