// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"
#include "runtime/Runtime.h"

#include <memory>

namespace archscope {

// Zen-score (Lin et al. 2021): every weight drawn from N(0, 1), batch norm on, a batch of Gaussian
// images x and x + 0.01·ε; Δ = mean over the images of Σ |f(x) − f(x + 0.01·ε)| over the feature map
// before global pooling, and the score log Δ + Σ over the batch norms of log √(mean over channels of
// the batch's variance). The variance is the batch's, as the paper defines σ; NASLib reads the running
// variance after its two forward passes instead (docs/ZERO-COST.md). No data and no labels.
double zenScore(const ProxyContext& c)
{
    PlanWeights w = c.weights();
    const auto seeded = seedTorchGenerator(c.seed());
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < w.tensors.size(); ++i)
        for (std::size_t k = 0; k < w.tensors[i].size(); ++k) {
            torch::Tensor& t = w.tensors[i][k];
            t = k == 0 ? torch::randn(t.sizes()) : (k == 1 && c.plan().layers[i].kind == LayerKind::ConvBnRelu ? torch::ones(t.sizes()) : torch::zeros(t.sizes()));
        }
    const NetworkConfig& n = c.plan().config;
    const std::int64_t b = c.batchSize();
    const torch::Tensor x = torch::randn({b, n.inputChannels, n.inputHeight, n.inputWidth});
    const torch::Tensor mixed = x + 0.01 * torch::randn_like(x);
    auto logScale = std::make_shared<double>(0.0);
    PlanObserver observer;
    observer.stopAtPooling = true;
    observer.onWeightedOutput = [logScale, &c](std::size_t layer, const torch::Tensor& out) {
        if (c.plan().layers[layer].kind == LayerKind::ConvBnRelu)
            *logScale += 0.5 * std::log(out.to(torch::kFloat64).var({0, 2, 3}, false).mean().item<double>());
    };
    const torch::Tensor fx = runNetworkPlan(c.plan(), w, x, true, kBatchNormMomentum, &observer);
    const double scale = *logScale;
    observer.onWeightedOutput = nullptr;
    const torch::Tensor fm = runNetworkPlan(c.plan(), w, mixed, true, kBatchNormMomentum, &observer);
    const double delta = (fx - fm).abs().to(torch::kFloat64).sum({1, 2, 3}).mean().item<double>();
    return std::log(delta) + scale;
}

} // namespace archscope
