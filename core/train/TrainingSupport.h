// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Splits.h"
#include "model/ModelArchive.h"

#include <torch/torch.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace archscope {

// Pieces of the training loop (TrainingLoop) that trainers and tests also use on their own.

// Fisher-Yates with an explicit unbiased draw, so a seed gives the same order on every platform
// (std::shuffle's algorithm is implementation-defined).
void seededShuffle(std::vector<std::int64_t>& v, std::mt19937_64& rng);

// Half-cosine decay from `base` at epoch 0 to 0 at `epochs`.
double cosineLearningRate(double base, int epoch, int epochs);
void setLearningRate(torch::optim::Optimizer& optimizer, double lr);

// "auto" (CUDA when this LibTorch has a usable device), "cpu" or "cuda"; throws std::invalid_argument
// for anything else or for "cuda" without a device.
torch::Device resolveDevice(const std::string& name);

// A run's data split in a checkpoint, as three index tensors ("split_train", "split_validation",
// "split_test"). readSplit throws DataError naming `path` when one is missing or names a record
// beyond `datasetSize`.
void writeSplit(ModelArchive& archive, const Split& split);
Split readSplit(const ModelArchive& archive, std::size_t datasetSize, const std::string& path);
// The split of the checkpoint being resumed (`checkpoint`, read from `path`), or a new one made as
// `options` say. Throws std::invalid_argument when it has no training cell, or no validation cell
// unless the task validates on cells of its training set (`validationFromTraining`).
Split runSplit(const Dataset& data, const SplitOptions& options, const ModelArchive* checkpoint,
               const std::string& path, bool validationFromTraining = false);

} // namespace archscope
