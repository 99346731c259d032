// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "train/GnnTargets.h"

#include <cmath>

namespace archscope {

namespace {

// Weight of the auxiliary outputs (4/12/36-epoch accuracy) relative to the target; see
// docs/BENCHMARKS.md for what it bought.
constexpr double kAuxiliaryWeight = 0.5;

} // namespace

std::vector<int> outputBudgets(const Dataset& data, const std::vector<std::size_t>& train, int target)
{
    std::vector<int> budgets;
    for (int b = 0; b < kNumBudgets; ++b) {
        if (b == target)
            continue;
        bool all = !train.empty();
        for (std::size_t i : train)
            all = all && data[i].hasBudget(b);
        if (all && b < target)
            budgets.push_back(b);
    }
    budgets.push_back(target);
    return budgets;
}

GnnTargets gnnTargets(const Dataset& data, const std::vector<std::size_t>& rows, const std::vector<int>& budgets)
{
    std::vector<Cell> cells;
    cells.reserve(rows.size());
    GnnTargets p;
    p.targets = torch::empty({static_cast<std::int64_t>(rows.size()), static_cast<std::int64_t>(budgets.size())});
    auto t = p.targets.accessor<float, 2>();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Record& r = data[rows[i]];
        cells.push_back(r.cell);
        for (std::size_t k = 0; k < budgets.size(); ++k)
            t[static_cast<std::int64_t>(i)][static_cast<std::int64_t>(k)] = r.validationAccuracy(budgets[k]);
        p.truth.push_back(r.validationAccuracy(budgets.back()));
    }
    p.graphs = encodeCells(cells);
    return p;
}

TargetScaling fitTargetScaling(const torch::Tensor& targets)
{
    TargetScaling s;
    for (std::int64_t k = 0; k < targets.size(1); ++k) {
        const torch::Tensor col = targets.select(1, k).to(torch::kFloat64);
        const torch::Tensor known = std::get<0>(col.masked_select(~torch::isnan(col)).sort());
        const std::vector<double> sorted(known.data_ptr<double>(), known.data_ptr<double>() + known.numel());
        const auto n = static_cast<double>(sorted.size());
        std::vector<double> values, midRanks;
        for (std::size_t i = 0; i < sorted.size();) {
            std::size_t j = i;
            while (j < sorted.size() && sorted[j] == sorted[i])
                ++j;
            values.push_back(sorted[i]);
            midRanks.push_back(0.5 * static_cast<double>(i + j - 1));
            i = j;
        }
        if (values.size() < 2)
            throw std::invalid_argument("the training cells need at least two distinct accuracies per budget, got "
                                        + std::to_string(values.size()));
        const torch::Tensor u = (torch::tensor(midRanks, torch::kFloat64) + 0.5) / n;
        const torch::Tensor z = (std::sqrt(2.0) * torch::erfinv(2 * u - 1)).contiguous();
        s.outputs.emplace_back(std::move(values), std::vector<double>(z.data_ptr<double>(), z.data_ptr<double>() + z.numel()));
    }
    return s;
}

torch::Tensor scaledTargets(const torch::Tensor& targets, const TargetScaling& s)
{
    torch::Tensor out = targets.to(torch::kFloat32).clone().contiguous();
    auto t = out.accessor<float, 2>();
    for (std::int64_t i = 0; i < out.size(0); ++i)
        for (std::int64_t k = 0; k < out.size(1); ++k)
            t[i][k] = static_cast<float>(s.outputs[static_cast<std::size_t>(k)].toScore(t[i][k]));
    return out;
}

torch::Tensor gnnLoss(const torch::Tensor& out, const torch::Tensor& target, double rankingWeight)
{
    const std::int64_t outputs = out.size(1);
    const torch::Tensor known = ~torch::isnan(target);
    const torch::Tensor diff = torch::where(known, out - target, torch::zeros_like(out));
    torch::Tensor weights = torch::full({outputs}, kAuxiliaryWeight / static_cast<double>(std::max<std::int64_t>(1, outputs - 1)), out.options());
    weights[outputs - 1] = 1.0;
    const torch::Tensor perOutput = (diff * diff).sum(0) / known.sum(0).clamp_min(1).to(out.dtype());
    torch::Tensor loss = (perOutput * weights).sum();
    const torch::Tensor p = out.select(1, outputs - 1);
    const torch::Tensor y = target.select(1, outputs - 1);
    const torch::Tensor order = (y.unsqueeze(1) - y.unsqueeze(0)).sign();
    const torch::Tensor pairs = order.abs().sum();
    if (rankingWeight > 0 && pairs.item<double>() > 0) {
        const torch::Tensor margin = (p.unsqueeze(1) - p.unsqueeze(0)) * order;
        loss = loss + rankingWeight * (torch::softplus(-margin) * order.abs()).sum() / pairs;
    }
    return loss;
}

} // namespace archscope
