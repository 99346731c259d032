// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/Predictor.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace archscope {

// Everything that defines a predictor training run. A field left at 0 (or negative, where 0 is a valid
// value) takes its kind's default (PredictorKind::defaults), which the CLI, the GUI and the help texts
// all read; their measured effect is in docs/BENCHMARKS.md.
struct TrainingConfig {
    std::string model = "gnn";     // a predictor kind's id (registry/PredictorRegistry.h)
    std::string latentModelPath;   // kinds that take a latent code: the trained VS-GAE whose code they read
    // Data
    int budgetEpochs = 108;        // target: validation accuracy at this budget
    std::size_t trainSize = 1000;
    std::size_t valSize = 1000;
    std::string sampler = "random"; // "random", "even" or "edit"
    int maxTrainVertices = 0;      // > 0: zero-shot, train/val on cells with at most this many vertices
    // Also learn the training cells' accuracies at the shorter budgets, as extra outputs. The field's
    // published protocol (100 to 4,236 cells) uses the target budget's accuracy alone.
    bool auxiliaryBudgets = true;
    // Epochs of the GNN encoder's label-free pre-training on the data's cells before the labelled
    // training (train/LabelFreePretraining.h); 0: none, < 0: the model's default.
    int pretrainingEpochs = -1;
    // Optimisation
    int epochs = 0;                // 0: the model's default
    int batchSize = 0;             // 0: the model's default
    double learningRate = 0;       // 0: the model's default
    double weightDecay = -1;       // < 0: the model's default
    double rankingWeight = -1;     // the pairwise ranking term's weight beside the MSE (< 0: the model's default)
    int ensemble = 0;              // members trained one after another and averaged (0: the default)
    int patience = 0;              // early stopping after this many epochs without a better val loss (0: off)
    std::uint64_t seed = 0;
    std::string device = "auto";   // "auto" (CUDA when available), "cpu" or "cuda"
    int threads = 0;               // CPU threads for LibTorch (0: all cores)
    // Model size (0: the model's default; the paper's GNN has ndim 250, gdim 56)
    int nodeDim = 0;
    int graphDim = 0;
    // Kinds that train on images (the Graph HyperNetwork): the task (network/ImageData.h) and the
    // first N of its training images (0: all).
    std::string imageTask = "fashion-mnist";
    std::string imageTaskDir;      // "" for Debian's Fashion-MNIST
    std::int64_t trainImages = 0;
    // Checkpointing: written atomically after each improving epoch; "" for none.
    std::string checkpointPath;
    bool resume = false;           // continue from checkpointPath if it exists
};

// One optimisation step.
struct StepEvent {
    int epoch = 0;                 // 1-based
    int step = 0;                  // 1-based within the epoch
    int stepsPerEpoch = 0;
    double loss = 0;
    double examplesPerSecond = 0;  // training examples (cells, images, …) per second in this step
};

// The start of a run, once its data is ready: where it runs and on how much.
struct RunStartEvent {
    std::string device;            // "cpu" or "cuda"
    int threads = 0;               // CPU threads of the tensor maths
    std::size_t trainingExamples = 0;
    std::size_t validationExamples = 0;
};

// One finished epoch, with the metrics on the validation split.
struct EpochEvent {
    int epoch = 0;                 // 1-based
    int epochs = 0;
    double trainLoss = 0;
    double valLoss = 0;
    double kendallTau = 0;
    double pearson = 0;
    double rmse = 0;               // in accuracy units
    double learningRate = 0;
    double seconds = 0;            // since the run started
    double etaSeconds = 0;
    double examplesPerSecond = 0;
    std::string device;            // "cpu" or "cuda"
    bool improved = false;         // the best model so far by the model's own criterion (checkpoint written)
    // Why this epoch's model is unusable (e.g. constant predictions); such an epoch is never kept.
    std::string problem;
    // Auto-encoder runs (VS-GAE) report these instead of the regression metrics, which stay 0:
    // fraction of validation cells decoded back to themselves, and of prior samples decoded to valid cells.
    double reconstruction = 0;
    double validity = 0;
    // Image classifiers (a cell's own network, train-net) report their accuracies, in [0, 1].
    double accuracy = 0;           // on the validation images
    double testAccuracy = 0;
    std::vector<float> valPredicted;  // predictions on the validation split, for the scatter plot
    std::vector<float> valTrue;
};

struct TrainingCallbacks {
    std::function<void(const RunStartEvent&)> onStart; // called on the training thread
    std::function<void(const StepEvent&)> onStep;   // called on the training thread
    std::function<void(const EpochEvent&)> onEpoch; // called on the training thread
    std::function<void(const std::string&)> onLog;  // human-readable lines (device, data sizes, …)
    const std::atomic<bool>* cancel = nullptr;      // checked every step
};

// How a run went, whatever it trained.
struct RunSummary {
    std::vector<EpochEvent> history;      // without the per-cell prediction vectors
    std::string device;                   // "cpu" or "cuda"
    std::string stopReason;               // "completed", "early stop", "cancelled", "diverged: …", "failed: …"
};

struct TrainingResult : RunSummary {
    std::shared_ptr<Predictor> predictor; // the best model by validation loss
    bool ok() const { return predictor != nullptr; }
};

} // namespace archscope
