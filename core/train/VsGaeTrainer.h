// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "data/Splits.h"
#include "model/LatentModel.h"
#include "train/TrainingTypes.h"

namespace archscope {

// Everything that defines a VS-GAE training run; 0 (or negative) fields take VsGaeTrainingDefaults.
struct VsGaeTrainingConfig {
    // Data: the training cells are this fraction of the records (the paper's auto-encoder experiment
    // uses 90%), or exactly trainSize cells when it is > 0; valSize of the others are the validation
    // split, the rest the test split.
    double trainFraction = 0.9;
    std::size_t trainSize = 0;
    std::size_t valSize = 1000;
    // Cells of the NAS-Bench-101 space outside the dataset added to the training cells (negative: the
    // default). The paper trains on 90% of the space's 423,624 cells; the bundled dataset holds 20,001,
    // and an auto-encoder needs no accuracies, so the enumerated space supplies the rest. Drawn by seed;
    // no dataset cell is among them, so the validation and test cells stay unseen.
    long long spaceCells = -1;
    // Optimisation
    int epochs = 0;
    int batchSize = 0;
    double learningRate = 0;
    std::uint64_t seed = 0;
    std::string device = "auto";   // "auto" (CUDA when available), "cpu" or "cuda"
    // CPU threads for LibTorch (0: all cores). One by default: the decoder is many small operations,
    // which a second thread slows down (7x and more on a busy 2-core machine, docs/VSGAE-NOTES.md).
    int threads = 1;
    // Model
    int nodeDim = 0;
    int graphDim = 0;
    int layers = 0;
    double beta = -1;
    std::size_t priorSamples = 1000; // decoded from the prior after each epoch for EpochEvent::validity
    // Checkpointing: written atomically after each improving epoch; "" for none.
    std::string checkpointPath;
    bool resume = false;
};

// The defaults of `archscope-cli train-vsgae`, chosen so a run on the bundled data fits in 45 minutes
// on 2 CPU cores (34 minutes with a build beside it); what they reach is in docs/BENCHMARKS.md.
// The paper's sizes are ndim 250, gdim 56, 2 layers, batch 128, lr 1e-4, 300 epochs.
struct VsGaeTrainingDefaults {
    int epochs = 20;
    int batchSize = 128;
    double learningRate = 2e-3;
    int nodeDim = 64;
    int graphDim = 56;
    int layers = 2;
    double beta = 0.005;
    long long spaceCells = 150000;
};

VsGaeTrainingConfig resolvedVsGaeConfig(const VsGaeTrainingConfig& config);

struct VsGaeTrainingResult : RunSummary {
    std::shared_ptr<LatentModel> model;   // the best by validation reconstruction, the later one on ties
    Split split;                          // into the dataset the run trained on
    bool ok() const { return model != nullptr; }
};

// Trains a VS-GAE on `data` as `config` says: seeded split, Adam with cosine learning-rate decay,
// teacher-forced reconstruction loss plus beta * KL. After each epoch: validation loss,
// reconstruction accuracy of the validation cells and validity of prior samples. EpochEvent::improved
// marks an epoch whose validation reconstruction is at least the best so far.
//
// Reports through `callbacks` on the calling thread and checks the cancel flag every step. Writes
// config.checkpointPath atomically after each improving epoch; a cancelled, diverged (non-finite
// loss) or failed run never overwrites the last good checkpoint. Throws std::invalid_argument for a
// bad configuration and DataError for an unusable checkpoint to resume from.
VsGaeTrainingResult trainVsGae(const VsGaeTrainingConfig& config, const Dataset& data, const TrainingCallbacks& callbacks);

} // namespace archscope
