// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

namespace archscope {

// Fisher (Theis et al. 2018, as Turner et al. 2020 and NASLib use it): for each output channel of the
// convolutions and the dense layer, ½·mean over the batch of (Σ over the positions of activation ×
// its gradient)², summed over channels and layers. The activation is the layer's output before batch
// norm, as NASLib's hooks see it.
double fisherScore(const ProxyContext& c)
{
    const PlanWeights w = c.weights();
    auto total = std::make_shared<torch::Tensor>(torch::zeros({}, torch::kFloat64));
    PlanObserver observer;
    observer.onWeightedOutput = [total](std::size_t, const torch::Tensor& out) {
        const torch::Tensor act = out.detach();
        if (!out.requires_grad())
            return;
        out.register_hook([total, act](const torch::Tensor& grad) {
            torch::Tensor g = act * grad;
            if (g.dim() > 2)
                g = g.sum({2, 3});
            *total = *total + g.to(torch::kFloat64).pow(2).mean(0).mul(0.5).sum();
        });
    };
    c.loss(w, c.images().images, c.images().labels, &observer).backward();
    return total->item<double>();
}

} // namespace archscope
