// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "model/GraphTensors.h"
#include "model/TargetScaling.h"

#include <torch/torch.h>

#include <vector>

namespace archscope {

// The GNN predictor's training targets: the target budget's accuracy and, as auxiliary outputs, the
// shorter budgets' accuracies, on a quantile-normal scale (TargetScaling.h).

// Budgets used as outputs: the shorter ones that every training cell has, then the target.
std::vector<int> outputBudgets(const Dataset& data, const std::vector<std::size_t>& train, int target);

struct GnnTargets {
    GraphTensors graphs;
    torch::Tensor targets;    // [n, outputs] in accuracy units, NaN where a budget is unknown
    std::vector<float> truth; // the target budget's accuracy, for metrics
};
GnnTargets gnnTargets(const Dataset& data, const std::vector<std::size_t>& rows, const std::vector<int>& budgets);

// The quantile-normal map of each output: a knot at every distinct training accuracy, scored by the
// standard-normal quantile of its mid-rank. Throws std::invalid_argument for fewer than two distinct
// accuracies in an output.
TargetScaling fitTargetScaling(const torch::Tensor& targets);
torch::Tensor scaledTargets(const torch::Tensor& targets, const TargetScaling& scaling);

// Masked MSE over the outputs (auxiliary ones down-weighted) plus `rankingWeight` times a RankNet-style
// logistic loss on every pair of the batch ordered by the target output.
torch::Tensor gnnLoss(const torch::Tensor& out, const torch::Tensor& target, double rankingWeight);

} // namespace archscope
