// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/ModelArchive.h"
#include "train/TrainingTypes.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace archscope {

class DataParallelGroup;

// One rank's part of a global batch in a data-parallel run: rows [first, end) of the batch's indices.
struct BatchPart {
    torch::Tensor batch;        // the whole global batch's indices into the training examples
    std::int64_t first = 0;
    std::int64_t end = 0;
    std::int64_t ranks = 1;     // the ranks that share the batch
    // Every rank's `mine` (its part's rows of one tensor, e.g. predictions; same trailing shape and
    // dtype) concatenated in rank order, as a tensor without gradient. A collective: every rank calls
    // it, in the same order, even one whose part is empty.
    std::function<torch::Tensor(const torch::Tensor& mine)> gather;

    torch::Tensor rows() const { return batch.slice(0, first, end); }
    bool empty() const { return end <= first; }
};

// What a model plugs into the shared epoch loop (runTrainingLoop): its data, one member's model and
// optimizer, the loss of a batch, validation, and what goes into a checkpoint. The loop owns
// everything else: seeded batches, the learning-rate schedule, ensembles, early stopping, cancel,
// divergence, checkpoints and resume, history and events.
class TrainingTask {
public:
    virtual ~TrainingTask() = default;

    // The configuration as JSON: stored in checkpoints, and a resume must present the same.
    virtual std::string configJson() const = 0;
    // Identifies the data the run trains on (e.g. a digest of the records in order): a checkpoint
    // written for other data is refused on resume, since its stored split would pick other cells.
    virtual std::string dataFingerprint() const = 0;
    // Makes the split and the tensors; `checkpoint` is the archive being resumed from (its split is
    // reused), or null for a fresh run. Reports through `log`.
    virtual RunStartEvent prepare(const ModelArchive* checkpoint,
                                  const std::function<void(const std::string&)>& log) = 0;
    // Training examples per epoch; each step trains on a batch of their indices.
    virtual std::int64_t trainingExamples() const = 0;
    // A freshly initialised model for ensemble member `member` (the loop has seeded LibTorch's
    // generator), and the optimizer of its trainable parameters; the loop sets its learning rate.
    virtual torch::optim::Optimizer& startMember(int member) = 0;
    // Resuming: after startMember(member), loads the best weights of members 0..member written by
    // writeCheckpoint, so that training goes on from the current member's best.
    virtual void restoreMembers(const ModelArchive& checkpoint, int member) = 0;
    // The training loss of a batch (indices into the training examples), model in training mode.
    virtual torch::Tensor trainingLoss(const torch::Tensor& batch) = 0;
    // In a data-parallel run, what this rank's `part` of a global batch contributes to the batch's loss:
    // the ranks' shares must sum to trainingLoss of the whole batch, in value and in gradient. By
    // default the part's loss scaled by its size, right for a mean over the examples; undefined for an
    // empty part. A share without gradient is allowed (it only counts in the loss's value).
    virtual torch::Tensor trainingLossShare(const BatchPart& part)
    {
        if (part.empty())
            return {};
        return trainingLoss(part.rows()) * (static_cast<double>(part.end - part.first) / static_cast<double>(part.batch.size(0)));
    }
    // After each optimizer step, with the steps the current member has taken (1-based, counted over
    // its epochs): e.g. to score the model at chosen steps of its training.
    virtual void afterStep(std::int64_t stepsDone) { (void)stepsDone; }
    // Fills valLoss and the model's own metrics of `event` with the model in evaluation mode; sets
    // `event.problem` when the current model is unusable.
    virtual void validate(EpochEvent& event) = 0;
    // Higher is better; the loop keeps the model of the best score. Ties count as better when
    // tieImproves() (e.g. the later, longer-trained model).
    virtual double selectionScore(const EpochEvent& event) const = 0;
    virtual bool tieImproves() const { return false; }
    // Keeps the current weights as the current member's best.
    virtual void keepBest() = 0;
    // The best models of every member so far, in the model file's own layout (a checkpoint loads as
    // a model), plus the task's data (the split).
    virtual void writeCheckpoint(ModelArchive& archive) const = 0;
};

struct LoopSettings {
    int epochs = 1;                // per member
    int members = 1;               // trained one after another, each from its own seed
    int batchSize = 1;
    double learningRate = 1e-3;    // peak; half-cosine decay over each member's epochs
    bool scheduleByStep = false;   // decay at every step rather than every epoch (NAS-Bench-101's COSINE_BY_STEP)
    int patience = 0;              // epochs without improvement before a member stops (0: off)
    std::uint64_t seed = 0;
    std::string checkpointPath;    // "" for none
    bool resume = false;           // continue from checkpointPath when it exists
    // The ranks of a data-parallel run, or null: then the environment's (environmentParallelGroup), if any.
    std::shared_ptr<DataParallelGroup> parallel;
};

struct LoopOutcome : RunSummary {
    bool kept = false; // some epoch was kept (keepBest was called, or a checkpoint was resumed)
};

// The loop's settings from a trainer's configuration: any struct with these fields.
template <class Config>
LoopSettings loopSettingsOf(const Config& c, int members = 1, int patience = 0)
{
    LoopSettings s;
    s.epochs = c.epochs;
    s.members = members;
    s.batchSize = c.batchSize;
    s.learningRate = c.learningRate;
    s.patience = patience;
    s.seed = c.seed;
    s.checkpointPath = c.checkpointPath;
    s.resume = c.resume;
    return s;
}

// Member m's seed: member 0 uses the run's seed itself.
std::uint64_t memberSeed(std::uint64_t seed, int member);

// Runs `task` for settings.members x settings.epochs epochs. Writes settings.checkpointPath
// atomically after each improving epoch, so a cancelled, diverged or failed run leaves the last good
// checkpoint. Throws DataError for a checkpoint that cannot be resumed (another configuration or
// data, corrupt) and std::invalid_argument for settings out of range.
//
// Data-parallel (a DataParallelGroup of W ranks): every rank builds the same model from the same seed
// (rank 0's parameters are broadcast to make sure) and walks the same batch order; a global batch of
// settings.batchSize is split into W contiguous parts, each rank's share of the loss is
// back-propagated, and the gradients are summed over the ranks before every rank takes the same step.
// So with a loss that is a mean over examples, W ranks train the model one process trains, up to
// floating-point order, except where examples are not independent (batch norm's batch statistics,
// random augmentation drawn per rank). Rank 0 alone calls the callbacks and writes checkpoints; all
// ranks take rank 0's validation figures, so they stop, keep and early-stop together. A rank that fails
// makes the others throw std::runtime_error within the group's timeout.
LoopOutcome runTrainingLoop(TrainingTask& task, const LoopSettings& settings, const TrainingCallbacks& callbacks);

} // namespace archscope
