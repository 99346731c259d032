// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "cell/ModuleHash.h"
#include "cell/NetworkParams.h"
#include "train/TrainingTypes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace archscope {

struct ImageTask; // network/ImageData.h (LibTorch): this header stays free of it for the GUI

// Training a cell's own network on an image task with NAS-Bench-101's recipe (config.py,
// model_builder.py): RMSProp (decay 0.9, momentum 0.9, epsilon 1), base learning rate 0.1 with cosine
// decay at every step, L2 weight decay 1e-4 on every trainable variable, batch 256, 108 epochs, the
// CIFAR preprocessing (pad 4, random crop, random flip). The fields scale it down for a CPU.
struct NetTrainingConfig {
    std::string task = "fashion-mnist"; // "fashion-mnist" or "cifar10" (ImageData.h)
    std::string taskDir;                // "" for Debian's Fashion-MNIST; required for cifar10
    NetworkConfig network;              // stem, stacks, modules per stack; the task sets input and classes
    int epochs = 108;
    int batchSize = 256;
    double learningRate = 0.1;
    double momentum = 0.9;
    double weightDecay = 1e-4;
    std::int64_t trainImages = 0;       // train on the first N training images (0: all)
    std::int64_t evalImages = 0;        // validation and test images scored after each epoch (0: all)
    bool augment = true;
    bool scoreTest = true;              // false: only the validation images are scored (test accuracy NaN)
    std::uint64_t seed = 0;
    std::string device = "auto";        // "auto", "cpu" or "cuda"
    int threads = 0;                    // CPU threads (0: all cores)
    std::string checkpointPath;         // written atomically after every epoch; "" for none
    bool resume = false;
    // Steps (counted over the whole run, ascending) after which the network is also scored on the
    // first `stepScoreImages` validation images: the early-training proxies of Zhang et al.'s Table 1
    // taken from the run itself. Not with `resume`, which would skip the steps before it.
    std::vector<std::int64_t> scoreAtSteps;
    std::int64_t stepScoreImages = 500;

    // Throws std::invalid_argument naming the first field out of its domain.
    void check() const;
};

// The network scored partway through its training (NetTrainingConfig::scoreAtSteps).
struct StepScore {
    std::int64_t step = 0;
    double accuracy = 0;                // on the first stepScoreImages validation images, in [0, 1]
    double loss = 0;
    double seconds = 0;                 // from the start of the cell's training (its network built
                                        // included) to this score, without the earlier step scores
};

struct NetTrainingResult : RunSummary {
    std::int64_t parameters = 0;        // trainable values of the built network
    double seconds = 0;
    int trainImages = 0;
    int validationImages = 0;           // scored after each epoch
    int testImages = 0;
    // The last completed epoch's figures (as NAS-Bench-101 reports the end of training), in [0, 1].
    double validationAccuracy = 0;
    double testAccuracy = 0;
    std::vector<StepScore> stepScores;
    bool ok() const { return !history.empty(); }
};

// The result as one line of JSON: the cell (pruned) and its module hash, the task and the
// configuration, the parameter count, device, seconds, stop reason, the last epoch's validation and
// test accuracy, per epoch the training loss, validation loss and both accuracies, and the step
// scores ("step_scores") when there are any. `--truth`
// files of eval-ghn are lines of this form.
std::string netTrainingResultJson(const Cell& cell, const NetTrainingConfig& config, const NetTrainingResult& result);

// One line of netTrainingResultJson read back: the one reader of train-net results (eval-ghn --truth,
// eval-sgd --truth, eval-steps, train-net --cells --resume, the GUI's measured networks). Only the
// cell and its validation accuracy are required, so hand-written truth files and results written
// before the parameter count, the test accuracy or the step scores were recorded still read.
struct NetTrainingRecord {
    Cell cell;                           // as written (train-net writes it pruned)
    ModuleHash hash;                     // as written, else the cell's
    double validationAccuracy = 0;
    std::optional<double> testAccuracy;
    std::optional<std::int64_t> params;  // the trained network's parameter count
    std::string task;                    // "" when not written
    int epochs = 0;                      // the configuration's epochs; 0 when not written
    std::vector<StepScore> stepScores;   // loss NaN where a score has none
    std::string line;                    // the line as read, written back unchanged on resume
};
// The first training option that the train-net result `line` was made with otherwise than `config`
// (e.g. "epochs 3 there, 5 here"), or "" when they agree: what --resume checks before it keeps a result.
std::string netTrainingOptionsDifference(const std::string& line, const NetTrainingConfig& config);
// Those options and the task as one line of JSON: what a sharded train-net records in its manifest.
std::string netTrainingOptionsText(const NetTrainingConfig& config);
// Throws DataError "`where`: not a train-net result: …" when `line` is not one.
NetTrainingRecord parseNetTrainingRecord(const std::string& line, const std::string& where);

// Trains `cell`'s network (validated and pruned first) and reports every epoch through `callbacks`
// (EpochEvent::accuracy and testAccuracy). Throws DataError for unreadable task files and
// std::invalid_argument for an invalid cell or configuration.
NetTrainingResult trainCellNetwork(const Cell& cell, const NetTrainingConfig& config, const TrainingCallbacks& callbacks);
// The same on images already loaded (config.task and taskDir are then not read): what trains many
// cells in a row, e.g. the SGD-k-steps proxy of eval-sgd, whose time per cell must not include
// reading the task's files.
NetTrainingResult trainCellNetwork(const Cell& cell, const NetTrainingConfig& config, ImageTask images,
                                   const TrainingCallbacks& callbacks);

} // namespace archscope
