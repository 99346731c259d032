// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

namespace archscope {

// Jacobian covariance (Mellor et al. 2020, the first NASWOT; NASLib's jacov): the correlation matrix
// of the images' input gradients, scored −Σ (log(λ + k) + 1/(λ + k)) over its eigenvalues λ, k = 1e-5.
// Images whose gradients are more alike give eigenvalues near 0 and a lower score.
double jacovScore(const ProxyContext& c)
{
    const torch::Tensor corr = torch::corrcoef(c.inputJacobian());
    const torch::Tensor v = torch::linalg_eigvalsh(corr) + 1e-5;
    return -(v.log() + v.reciprocal()).sum().item<double>();
}

} // namespace archscope
