// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/LatentModel.h"

#include <array>
#include <vector>

namespace archscope {

// A 2-D principal component projection of latent codes, with an inverse for "decode here".
//
// The inverse maps a 2-D point to mean + x * pc1 + y * pc2: the discarded components sit at their
// mean (zero offset). That is the point of the latent space nearest to the mean among all codes that
// project onto (x, y), so a point decodes to the "most typical" cell of its place on the map, not to
// any one encoded cell. Codes a map point came from decode back exactly only in the kept components.
class LatentProjection {
public:
    LatentProjection() = default;
    // Fits the mean and the two leading eigenvectors of the codes' covariance (LibTorch's symmetric
    // eigensolver, in double precision); an empty projection when there are fewer than two codes.
    static LatentProjection fit(const std::vector<LatentCode>& codes);

    bool isValid() const { return !mean_.empty(); }
    int dim() const { return static_cast<int>(mean_.size()); }
    std::array<double, 2> project(const LatentCode& code) const;
    LatentCode inverse(double x, double y) const;
    // Variance along each kept component and the fraction of the total variance they explain.
    const std::array<double, 2>& variance() const { return variance_; }
    double explained() const { return explained_; }
    const std::vector<double>& component(int k) const { return components_[static_cast<std::size_t>(k)]; }

private:
    std::vector<double> mean_;
    std::array<std::vector<double>, 2> components_;
    std::array<double, 2> variance_{};
    double explained_ = 0;
};

} // namespace archscope
