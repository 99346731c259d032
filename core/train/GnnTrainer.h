// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "train/TrainingTypes.h"

namespace archscope {

// The defaults of the GNN predictor's training (kind "gnn"), chosen by the measurements in
// docs/BENCHMARKS.md; the registry hands them to the CLI, the Train dialog and the help texts.
TrainingConfig gnnTrainingDefaults();

// Fits the run to few labelled cells, where left at 0: each member takes at least kGnnMinMemberSteps
// optimisation steps (more epochs than the default 50 when an epoch is a few batches), and the ensemble
// has more members (up to 9) below 300 cells. A 1,000-cell run keeps 50 epochs and 3 members; a
// 100-cell run gets 200 epochs and 9 members. docs/BENCHMARKS.md has what each bought.
void fitGnnRunToSize(TrainingConfig& config);
constexpr int kGnnMinMemberSteps = 400;

// Both trainers take `config` as resolvedConfig (registry/Trainer.h) returns it, every field set.

// Trains the GNN accuracy predictor of Lukasik et al. (2020) on `data`: seeded split, standardised
// targets with the 4/12/36-epoch accuracies of the training cells as auxiliary outputs, Adam with
// cosine decay, MSE plus a pairwise ranking term, an ensemble of members, each member's model of the
// best validation loss kept. An epoch whose validation predictions are constant or not finite is
// never kept; a run with no kept epoch fails ("failed: …") and returns no predictor.
// Throws std::invalid_argument for a bad configuration and DataError for an unusable checkpoint.
TrainingResult trainGnnPredictor(const TrainingConfig& config, const Dataset& data, const TrainingCallbacks& callbacks);

// The VS-GAE predictor of Friede et al. (2019), kind "vsgae-latent": the same training on the
// MLP alone, which reads the frozen, standardised latent code of config.latentModelPath.
TrainingResult trainVsGaeLatentPredictor(const TrainingConfig& config, const Dataset& data,
                                         const TrainingCallbacks& callbacks);

} // namespace archscope
