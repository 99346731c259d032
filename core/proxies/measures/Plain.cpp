// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

namespace archscope {

// NASLib's plain: θ ⊙ ∂L/∂θ summed with its sign over the measured weights (SNIP without the
// absolute value).
double plainScore(const ProxyContext& c)
{
    const ProxyContext::Gradients g = c.lossGradients();
    double sum = 0;
    for (std::size_t k = 0; k < g.weight.size(); ++k)
        sum += (g.weight[k].detach() * g.grad[k]).to(torch::kFloat64).sum().item<double>();
    return sum;
}

} // namespace archscope
