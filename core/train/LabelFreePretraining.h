// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "model/GnnRegressor.h"

#include <torch/torch.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace archscope {

// Pre-training the GNN predictor's encoder without labels: before it sees an accuracy, the GNN learns
// to predict what can be computed from a cell alone, on many cells. BRP-NAS (Dudziak et al., NeurIPS
// 2020) trained its predictor on FLOPs first; here the targets are a few such properties at once.
// Every member of the ensemble then starts from the pre-trained encoder and readout, with a fresh MLP.

// The label-free properties, one column each, in this order.
enum LabelFreeTarget {
    kLogMultiplyAccumulates, // of the NAS-Bench-101 network around the cell (networkMultiplyAccumulates)
    kLogParameters,          // its trainable parameters (NAS-Bench-101's trainable_parameters)
    kDepth,                  // edges on the longest input -> output path
    kConv3x3Count,
    kConv1x1Count,
    kMaxPoolCount,
    kEdgeCount,
    kVertexCount,
    kLabelFreeTargetCount
};

// [cells, kLabelFreeTargetCount] float, in the units above. `cells` must be pruned and valid.
torch::Tensor labelFreeTargets(const std::vector<Cell>& cells);

struct PretrainingOptions {
    int epochs = 5;
    std::int64_t batchSize = 128;
    double learningRate = 1e-3;
    std::uint64_t seed = 0;
    torch::Device device{torch::kCPU};
    const std::atomic<bool>* cancel = nullptr;                // checked every step; a cancelled run returns early
    std::function<void(const std::string&)> log;              // a line per epoch
};

// A GNN of `config`'s sizes (its outputs replaced by the targets) trained for `options.epochs` on the
// standardised label-free targets of `cells`, by mean squared error.
GnnRegressor pretrainOnLabelFreeTargets(const GnnConfig& config, const std::vector<Cell>& cells,
                                        const PretrainingOptions& options);

// Copies the pre-trained encoder and readout into `member`; its MLP keeps its own initialisation.
void startFromPretrained(GnnRegressor& member, const GnnRegressor& pretrained);

} // namespace archscope
