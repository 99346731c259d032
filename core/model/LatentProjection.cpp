// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/LatentProjection.h"

#include <torch/torch.h>

#include <algorithm>

namespace archscope {

LatentProjection LatentProjection::fit(const std::vector<LatentCode>& codes)
{
    LatentProjection p;
    if (codes.size() < 2 || codes.front().empty())
        return p;
    const auto n = static_cast<std::int64_t>(codes.size());
    const auto d = static_cast<std::int64_t>(codes.front().size());
    torch::Tensor x = torch::empty({n, d}, torch::kFloat64);
    auto rows = x.accessor<double, 2>();
    for (std::int64_t i = 0; i < n; ++i) {
        const LatentCode& c = codes[static_cast<std::size_t>(i)];
        if (static_cast<std::int64_t>(c.size()) != d)
            throw std::invalid_argument("latent codes of different sizes: " + std::to_string(c.size()) + " and "
                                        + std::to_string(d));
        for (std::int64_t j = 0; j < d; ++j)
            rows[i][j] = c[static_cast<std::size_t>(j)];
    }
    const torch::Tensor mean = x.mean(0);
    const torch::Tensor centred = x - mean;
    const torch::Tensor covariance = centred.t().mm(centred) / static_cast<double>(n - 1);
    // Ascending eigenvalues: the last two columns are the leading components.
    const auto [values, vectors] = torch::linalg_eigh(covariance, "L");
    const double total = values.clamp_min(0).sum().item<double>();
    p.mean_.assign(mean.data_ptr<double>(), mean.data_ptr<double>() + d);
    for (std::size_t k = 0; k < 2; ++k) {
        const std::int64_t column = d - 1 - static_cast<std::int64_t>(k);
        if (column < 0) {
            p.components_[k].assign(static_cast<std::size_t>(d), 0.0);
            continue;
        }
        const torch::Tensor v = vectors.select(1, column).contiguous();
        p.components_[k].assign(v.data_ptr<double>(), v.data_ptr<double>() + d);
        p.variance_[k] = std::max(0.0, values[column].item<double>());
    }
    p.explained_ = total > 0 ? (p.variance_[0] + p.variance_[1]) / total : 0;
    return p;
}

std::array<double, 2> LatentProjection::project(const LatentCode& code) const
{
    std::array<double, 2> out{};
    for (std::size_t k = 0; k < 2; ++k)
        for (std::size_t i = 0; i < mean_.size(); ++i)
            out[k] += (code[i] - mean_[i]) * components_[k][i];
    return out;
}

LatentCode LatentProjection::inverse(double x, double y) const
{
    LatentCode code(mean_.size());
    for (std::size_t i = 0; i < mean_.size(); ++i)
        code[i] = static_cast<float>(mean_[i] + x * components_[0][i] + y * components_[1][i]);
    return code;
}

} // namespace archscope
