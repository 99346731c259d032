// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

namespace archscope {

// SNIP (Lee et al. 2019): the connection sensitivity |θ ⊙ ∂L/∂θ| summed over the measured weights,
// which is the gradient with respect to a multiplicative mask of ones.
double snipScore(const ProxyContext& c)
{
    const ProxyContext::Gradients g = c.lossGradients();
    double sum = 0;
    for (std::size_t k = 0; k < g.weight.size(); ++k)
        sum += (g.weight[k].detach() * g.grad[k]).abs().to(torch::kFloat64).sum().item<double>();
    return sum;
}

} // namespace archscope
