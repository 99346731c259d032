// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

#include <cmath>

namespace archscope {

// ZiCo (Li et al. 2023): the gradients of the cross-entropy on each half of the batch; for every
// measured layer, Σ over its weights of mean |g| / std g across the halves (weights whose gradient does
// not vary left out), and the score Σ over layers of the log of that sum. Each half's gradient is its
// own, as the paper defines; ZiCo's code accumulates the first half's into the second's
// (docs/ZERO-COST.md).
double zicoScore(const ProxyContext& c)
{
    const torch::Tensor& images = c.images().images;
    const torch::Tensor& labels = c.images().labels;
    const std::int64_t half = images.size(0) / 2;
    std::vector<std::vector<torch::Tensor>> grads;
    for (std::int64_t part = 0; part < 2; ++part) {
        const PlanWeights w = c.weights();
        const std::int64_t from = part * half, size = part == 0 ? half : images.size(0) - half;
        grads.push_back(torch::autograd::grad({c.loss(w, images.narrow(0, from, size), labels.narrow(0, from, size))},
                                              c.measuredWeights(w)));
    }
    double score = 0;
    for (std::size_t k = 0; k < grads[0].size(); ++k) {
        const torch::Tensor g = torch::stack({grads[0][k].flatten(), grads[1][k].flatten()}).to(torch::kFloat64);
        const torch::Tensor sd = g.std(0, false);
        const torch::Tensor varies = sd != 0;
        const double sum = (g.abs().mean(0).masked_select(varies) / sd.masked_select(varies)).sum().item<double>();
        if (sum > 0)
            score += std::log(sum);
    }
    return score;
}

} // namespace archscope
