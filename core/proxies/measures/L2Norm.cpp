// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

namespace archscope {

// NASLib's l2_norm: the sum over the measured layers of the Euclidean norm of their initial weights.
double l2NormScore(const ProxyContext& c)
{
    double sum = 0;
    for (const torch::Tensor& w : c.measuredWeights(c.weights()))
        sum += w.detach().to(torch::kFloat64).norm().item<double>();
    return sum;
}

} // namespace archscope
