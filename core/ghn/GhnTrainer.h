// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "train/TrainingTypes.h"

namespace archscope {

// The defaults of the Graph HyperNetwork's training (kind "ghn"), sized to finish within 45 minutes
// on a 2-core machine (docs/BENCHMARKS.md).
TrainingConfig ghnTrainingDefaults();

// Trains a Graph HyperNetwork as Zhang et al. (2019), from `config` as resolvedConfig (registry/Trainer.h)
// returns it, every field set: each step draws a random cell of the space (randomSpaceCell), generates
// its network's weights, classifies a batch of the task's training images with them and
// back-propagates into the GHN (Adam, cosine decay). It uses no accuracy labels:
// after each epoch it scores `config.valSize` probe cells of `data` (drawn by the seed) and reports
// the mean loss of their generated networks (the selection criterion) and, for the monitor only, the
// correlation of their scores with their 108-epoch validation accuracies.
TrainingResult trainGhnPredictor(const TrainingConfig& config, const Dataset& data, const TrainingCallbacks& callbacks);

} // namespace archscope
