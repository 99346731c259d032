// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "train/VsGaeTrainer.h"

#include "cell/SpaceEnumeration.h"
#include "model/ModelArchive.h"
#include "model/VsGaeLatent.h"
#include "runtime/Runtime.h"
#include "train/FusedAdam.h"
#include "train/TrainingLoop.h"
#include "train/TrainingSupport.h"
#include "util/Errors.h"
#include "util/Parallel.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace archscope {

namespace {

constexpr std::int64_t kPriorCells = 4096;

nlohmann::json configJson(const VsGaeTrainingConfig& c)
{
    return {{"model", "vsgae"},      {"train_fraction", c.trainFraction}, {"train_size", c.trainSize},
            {"val_size", c.valSize}, {"epochs", c.epochs},                {"batch_size", c.batchSize},
            {"learning_rate", c.learningRate}, {"seed", c.seed},          {"node_dim", c.nodeDim},
            {"graph_dim", c.graphDim}, {"layers", c.layers},              {"beta", c.beta},
            {"space_cells", c.spaceCells}};
}

std::vector<Cell> cellsAt(const Dataset& data, const std::vector<std::size_t>& rows)
{
    std::vector<Cell> cells;
    cells.reserve(rows.size());
    for (std::size_t i : rows)
        cells.push_back(data[i].cell);
    return cells;
}

// `count` cells of the enumerated space that are not in `data`, drawn by `seed`.
std::vector<EnumeratedCell> spaceCellsOutside(const Dataset& data, std::size_t count, std::uint64_t seed,
                                              const std::atomic<bool>* cancel)
{
    std::vector<ModuleHash> known;
    known.reserve(data.size());
    for (std::size_t i = 0; i < data.size(); ++i)
        known.push_back(data[i].hash);
    std::sort(known.begin(), known.end());
    std::vector<EnumeratedCell> space = enumerateSpace({0, cancel, true});
    space.erase(std::remove_if(space.begin(), space.end(),
                               [&](const EnumeratedCell& c) { return std::binary_search(known.begin(), known.end(), c.hash); }),
                space.end());
    std::vector<std::int64_t> order(space.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(seed ^ 0x5bace5eedULL);
    seededShuffle(order, rng);
    std::vector<EnumeratedCell> drawn;
    drawn.reserve(std::min(count, space.size()));
    for (std::size_t i = 0; i < order.size() && drawn.size() < count; ++i)
        drawn.push_back(std::move(space[static_cast<std::size_t>(order[i])]));
    return drawn;
}

std::string modelName(const VsGaeTrainingConfig& c, std::size_t trainCells)
{
    return "VS-GAE (" + std::to_string(trainCells) + " cells, ndim " + std::to_string(c.nodeDim) + ", seed "
           + std::to_string(c.seed) + ")";
}

// The VS-GAE as a task of the shared loop: one member, the model of the best validation
// reconstruction kept.
class VsGaeTask final : public TrainingTask {
public:
    VsGaeTask(const VsGaeTrainingConfig& config, const Dataset& data, const std::atomic<bool>* cancel)
        : config_(config), data_(data), cancel_(cancel), fingerprint_(data.fingerprint())
    {
        vae_.nodeDim = config.nodeDim;
        vae_.graphDim = config.graphDim;
        vae_.layers = config.layers;
        vae_.beta = config.beta;
        vae_.check();
    }

    std::string configJson() const override { return archscope::configJson(config_).dump(); }
    std::string dataFingerprint() const override { return fingerprint_; }

    RunStartEvent prepare(const ModelArchive* checkpoint,
                          const std::function<void(const std::string&)>& log) override
    {
        device_ = resolveDevice(config_.device);
        SplitOptions so;
        so.trainSize = config_.trainSize;
        so.trainFraction = config_.trainFraction;
        so.valSize = config_.valSize;
        so.seed = config_.seed;
        split_ = runSplit(data_, so, checkpoint, config_.checkpointPath);

        std::vector<Cell> trainCells = cellsAt(data_, split_.train);
        valCells_ = cellsAt(data_, split_.validation);
        for (std::size_t i : split_.train)
            trainHashes_.push_back(data_[i].hash);
        if (config_.spaceCells > 0) {
            for (EnumeratedCell& c : spaceCellsOutside(data_, static_cast<std::size_t>(config_.spaceCells), config_.seed, cancel_)) {
                trainCells.push_back(std::move(c.cell));
                trainHashes_.push_back(c.hash);
            }
            log("added " + std::to_string(trainCells.size() - split_.train.size())
                + " cells of the enumerated space outside the dataset");
        }
        const GraphTensors trainGraphsCpu = encodeCells(trainCells);
        trainGraphs_ = trainGraphsCpu.to(device_);
        valGraphs_ = encodeCells(valCells_).to(device_);
        // The prior is fitted to the codes of (at most) the first kPriorCells training cells: the
        // per-dimension mean and deviation are as good from a few thousand codes, and encoding all of
        // them every epoch is not free.
        priorGraphs_ = trainGraphsCpu.index(torch::arange(std::min<std::int64_t>(kPriorCells, trainGraphsCpu.size()), torch::kInt64));
        name_ = modelName(config_, trainCells.size());

        RunStartEvent start;
        start.device = device_.is_cuda() ? "cuda" : "cpu";
        start.threads = computeThreads();
        start.trainingExamples = trainCells.size();
        start.validationExamples = valCells_.size();
        log("device " + start.device + ", " + std::to_string(start.threads) + " threads, "
            + std::to_string(start.trainingExamples) + " training and " + std::to_string(start.validationExamples)
            + " validation cells");
        return start;
    }

    std::int64_t trainingExamples() const override { return trainGraphs_.size(); }

    torch::optim::Optimizer& startMember(int) override
    {
        model_ = VsGae(vae_);
        model_->to(device_);
        optimizer_ = std::make_unique<FusedAdam>(model_->parameters(), torch::optim::AdamOptions(config_.learningRate));
        return *optimizer_;
    }

    void restoreMembers(const ModelArchive& checkpoint, int) override
    {
        const auto weights = checkpoint.nested("network");
        if (!weights)
            throw DataError(config_.checkpointPath + ": missing \"network\"");
        weights->loadModule(*model_, config_.checkpointPath);
        best_ = snapshot();
    }

    torch::Tensor trainingLoss(const torch::Tensor& batch) override
    {
        model_->train();
        return model_->forward(trainGraphs_.index(batch)).total;
    }

    // The loss is the batch's mean reconstruction plus the KL summed over the batch: only the mean
    // is a share by size.
    torch::Tensor trainingLossShare(const BatchPart& part) override
    {
        if (part.empty())
            return {};
        model_->train();
        const VsGaeLoss l = model_->forward(trainGraphs_.index(part.rows()));
        return l.reconstruction.sum() / static_cast<double>(part.batch.size(0)) + vae_.beta * l.kl.sum();
    }

    void validate(EpochEvent& ev) override
    {
        model_->eval();
        {
            c10::InferenceMode inference;
            const VsGaeLoss l = model_->forward(valGraphs_);
            // Per cell, comparable across batch sizes: the KL term is summed over the batch in training.
            ev.valLoss = (l.reconstruction.mean() + vae_.beta * l.kl.mean()).item<double>();
        }
        if (!std::isfinite(ev.valLoss))
            return;
        current_ = snapshot();
        ev.reconstruction = reconstructionAccuracy(*current_, valCells_);
        ev.validity = evaluateLatentModel(*current_, {}, config_.priorSamples, config_.seed).validity;
    }

    // Reconstruction is what the auto-encoder is for, and the validation loss can rise while it
    // still improves; a tie goes to the later, longer-trained model.
    double selectionScore(const EpochEvent& ev) const override { return ev.reconstruction; }
    bool tieImproves() const override { return true; }
    void keepBest() override { best_ = current_; }

    void writeCheckpoint(ModelArchive& archive) const override
    {
        best_->writeTo(archive);
        writeSplit(archive, split_);
    }

    const std::shared_ptr<VsGaeLatentModel>& best() const { return best_; }
    const Split& split() const { return split_; }

private:
    std::shared_ptr<VsGaeLatentModel> snapshot() const
    {
        return VsGaeLatentModel::fromTraining(model_, priorGraphs_, trainHashes_, name_);
    }

    VsGaeTrainingConfig config_;
    const Dataset& data_;
    const std::atomic<bool>* cancel_;
    std::string fingerprint_;
    VsGaeConfig vae_;
    torch::Device device_{torch::kCPU};
    Split split_;
    std::vector<Cell> valCells_;
    std::vector<ModuleHash> trainHashes_;
    GraphTensors trainGraphs_, valGraphs_, priorGraphs_;
    std::string name_;
    VsGae model_{nullptr};
    std::unique_ptr<FusedAdam> optimizer_;
    std::shared_ptr<VsGaeLatentModel> current_, best_;
};

} // namespace

VsGaeTrainingConfig resolvedVsGaeConfig(const VsGaeTrainingConfig& in)
{
    const VsGaeTrainingDefaults d;
    VsGaeTrainingConfig c = in;
    if (c.epochs <= 0)
        c.epochs = d.epochs;
    if (c.batchSize <= 0)
        c.batchSize = d.batchSize;
    if (c.learningRate <= 0)
        c.learningRate = d.learningRate;
    if (c.nodeDim <= 0)
        c.nodeDim = d.nodeDim;
    if (c.graphDim <= 0)
        c.graphDim = d.graphDim;
    if (c.layers <= 0)
        c.layers = d.layers;
    if (c.beta < 0)
        c.beta = d.beta;
    if (c.spaceCells < 0)
        c.spaceCells = d.spaceCells;
    return c;
}

VsGaeTrainingResult trainVsGae(const VsGaeTrainingConfig& requested, const Dataset& data, const TrainingCallbacks& callbacks)
{
    const VsGaeTrainingConfig config = resolvedVsGaeConfig(requested);
    setComputeThreads(config.threads);
    VsGaeTask task(config, data, callbacks.cancel);
    VsGaeTrainingResult result;
    static_cast<RunSummary&>(result) = runTrainingLoop(task, loopSettingsOf(config), callbacks);
    result.model = task.best();
    result.split = task.split();
    return result;
}

} // namespace archscope
