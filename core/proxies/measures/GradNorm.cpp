// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

namespace archscope {

// NASLib's grad_norm: the sum over the measured layers of the Euclidean norm of the cross-entropy's
// gradient on the batch.
double gradNormScore(const ProxyContext& c)
{
    double sum = 0;
    for (const torch::Tensor& g : c.lossGradients().grad)
        sum += g.to(torch::kFloat64).norm().item<double>();
    return sum;
}

} // namespace archscope
