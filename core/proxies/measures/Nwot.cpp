// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

#include <memory>

namespace archscope {

// NASWOT (Mellor et al. 2021): each image's binary code, which units of every ReLU it switches on;
// K counts for each pair of images the units on which their codes agree (c cᵀ + (1 − c)(1 − c)ᵀ summed
// over the ReLUs), and the score is log |det K|. Networks that tell the batch's images apart score higher.
double nwotScore(const ProxyContext& c)
{
    const PlanWeights w = c.weights();
    const std::int64_t b = c.images().images.size(0);
    auto kernel = std::make_shared<torch::Tensor>(torch::zeros({b, b}, torch::kFloat64));
    PlanObserver observer;
    observer.onRelu = [kernel, b](std::size_t, const torch::Tensor& activation) {
        const torch::Tensor code = (activation.detach().reshape({b, -1}) > 0).to(torch::kFloat64);
        const torch::Tensor off = 1.0 - code;
        *kernel += code.matmul(code.t()) + off.matmul(off.t());
    };
    torch::NoGradGuard noGrad;
    runNetworkPlan(c.plan(), w, c.images().images, true, kBatchNormMomentum, &observer);
    return std::get<1>(torch::linalg_slogdet(*kernel)).item<double>();
}

} // namespace archscope
