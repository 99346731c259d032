// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

#include <cmath>
#include <map>

namespace archscope {

// EPE-NAS (Lopes et al. 2021): the input gradients' correlations within each class of the batch,
// s_c = Σ log(|corr| + k) with k = 1e-5, and the score Σ_c Σ_c' |s_c − s_c'| / (number of classes in
// the batch): a network whose gradients tell the classes apart scores higher. A class with one image
// in the batch has the 1×1 correlation matrix [1], as numpy's corrcoef gives.
double epeNasScore(const ProxyContext& c)
{
    const torch::Tensor jacobian = c.inputJacobian();
    const torch::Tensor labels = c.images().labels;
    std::map<std::int64_t, double> perClass;
    for (const std::int64_t label : std::vector<std::int64_t>(labels.data_ptr<std::int64_t>(),
                                                               labels.data_ptr<std::int64_t>() + labels.numel())) {
        if (perClass.count(label))
            continue;
        const torch::Tensor rows = jacobian.index_select(0, torch::nonzero(labels == label).flatten());
        const torch::Tensor corr = rows.size(0) == 1 ? torch::ones({1, 1}, torch::kFloat64) : torch::corrcoef(rows);
        perClass[label] = (corr.abs() + 1e-5).log().sum().item<double>();
    }
    double score = 0;
    for (const auto& [a, sa] : perClass)
        for (const auto& [b, sb] : perClass)
            score += std::abs(sa - sb);
    return score / static_cast<double>(perClass.size());
}

} // namespace archscope
