// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "model/Predictor.h"
#include "train/TrainingTypes.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace archscope {

class ModelArchive;

// One kind of accuracy predictor: everything the CLI, the GUI and the model files need to know of it.
// A new kind is its own files (model, trainer) plus one entry in PredictorRegistry.cpp.
struct PredictorKind {
    std::string id;          // in model files, `train --model`, settings; lowercase, e.g. "gnn"
    std::string displayName; // for menus and dialogs, e.g. "GNN (Lukasik et al. 2020)"
    std::string shortName;   // at the start of its models' names and in plot legends, e.g. "GNN"
    std::string description; // one line for help texts
    // Reads a VS-GAE's latent code: training needs TrainingConfig::latentModelPath, and its models
    // hand out a LatentCodeScorer, which the latent-space climb follows.
    bool takesLatentCode = false;
    // Fast enough to predict a whole dataset for the browser's column (thousands of cells per second);
    // a kind that runs a network per cell (the GHN, ~0.3 s) scores only the cell being edited.
    bool scoresDatasets = true;
    // Trained without accuracy labels (the GHN): its values rank cells on its own task and are not
    // NAS-Bench-101 accuracies at a budget.
    bool labelFree = false;
    // Every training field set: what a field left at 0 in a TrainingConfig becomes.
    TrainingConfig defaults;
    // The same with a shorter run for interactive use (the Train dialog's quick preset); it must
    // train a working predictor too (tests/core/tst_trainer checks both).
    TrainingConfig quick;
    // Sets, of the fields a configuration leaves at 0, those this kind fits to the size of its training
    // set (the batch size already set); `defaults` fills the rest. Null: `defaults` alone.
    std::function<void(TrainingConfig& config)> fitToSize;
    // Reads a model file (or checkpoint) of this kind that openArchive opened; throws DataError naming
    // `path` on anything missing or inconsistent.
    std::function<std::shared_ptr<Predictor>(const ModelArchive& archive, const std::string& path)> load;
    // Trains one (TrainingResult::predictor null when it failed or was cancelled before any kept epoch).
    // trainPredictor (registry/Trainer.h) calls it with the configuration resolvedConfig made: every
    // field set and checked.
    std::function<TrainingResult(const TrainingConfig& config, const Dataset& data, const TrainingCallbacks& callbacks)>
        train;
};

// Every kind, in the order menus list them.
const std::vector<PredictorKind>& predictorKinds();
// The kind with this id, or null.
const PredictorKind* findPredictorKind(const std::string& id);
// Whether predictors of this kind answer fast enough for whole datasets (unknown kinds: assumed so).
bool scoresDatasets(const Predictor& predictor);
// The kind with this id; throws std::invalid_argument naming the known ids otherwise.
const PredictorKind& predictorKind(const std::string& id);
// "gnn, vsgae-latent": for help texts and error messages.
std::string predictorKindIds();

// Reads a model written by Predictor::save or by a training run's checkpoint, with the loader of the
// kind the file names. Throws DataError naming the file and what is wrong (not a model file, corrupt,
// an incompatible version, an unknown kind) and loads nothing.
std::shared_ptr<Predictor> loadPredictor(const std::string& path);
// The same from a model file's opened archive; errors name `where`.
std::shared_ptr<Predictor> loadPredictor(const ModelArchive& archive, const std::string& where);

} // namespace archscope
