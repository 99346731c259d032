// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ghn/GhnTrainer.h"

#include "ghn/GhnPredictor.h"
#include "metrics/Metrics.h"
#include "model/ModelArchive.h"
#include "runtime/Runtime.h"
#include "train/FusedAdam.h"
#include "train/TrainingLoop.h"
#include "train/TrainingSupport.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <numeric>

namespace archscope {

namespace {

std::vector<std::size_t> probeRows(const Dataset& data, std::size_t count, std::uint64_t seed)
{
    std::vector<std::int64_t> rows;
    for (std::size_t i = 0; i < data.size(); ++i)
        if (!std::isnan(data[i].validationAccuracy(budgetIndex(108))))
            rows.push_back(static_cast<std::int64_t>(i));
    std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ULL);
    seededShuffle(rows, rng);
    rows.resize(std::min(rows.size(), count));
    return {rows.begin(), rows.end()};
}

class GhnTask : public TrainingTask {
public:
    GhnTask(const TrainingConfig& config, const Dataset& data) : config_(config), data_(data)
    {
        ghnConfig_.hidden = config.nodeDim;
        images_ = loadImageTask(config.imageTask, config.imageTaskDir);
        limitTrainingImages(images_, config.trainImages);
        ghnConfig_.network.inputChannels = images_.channels;
        ghnConfig_.network.inputHeight = images_.height;
        ghnConfig_.network.inputWidth = images_.width;
        ghnConfig_.network.numClasses = images_.classes;
        ghnConfig_.check();
        source_.task = config.imageTask;
        source_.dir = config.imageTaskDir;
    }

    std::string configJson() const override
    {
        return nlohmann::json{{"ghn", ghnConfig_.toJson()}, {"task", config_.imageTask},
                              {"train_images", images_.train.size()}, {"epochs", config_.epochs},
                              {"batch", config_.batchSize}, {"learning_rate", config_.learningRate},
                              {"weight_decay", config_.weightDecay}, {"probes", config_.valSize},
                              {"seed", config_.seed}}
            .dump();
    }
    std::string dataFingerprint() const override { return data_.fingerprint(); }

    RunStartEvent prepare(const ModelArchive*, const std::function<void(const std::string&)>& log) override
    {
        device_ = resolveDevice(config_.device);
        for (std::size_t row : probeRows(data_, config_.valSize, config_.seed)) {
            probes_.push_back(data_[row].cell);
            probeTruth_.push_back(data_[row].validationAccuracy(budgetIndex(108)));
        }
        if (probes_.size() < 2)
            throw std::invalid_argument("the GHN needs at least 2 probe cells with 108-epoch accuracies in the data");
        const std::int64_t n = std::min(source_.scoreImages, images_.validation.size());
        const torch::Tensor rows = torch::arange(n, torch::kInt64);
        scoreImages_ = images_.batch(images_.validation, rows, false, device_);
        scoreLabels_ = images_.validation.labels.index_select(0, rows).to(device_);
        RunStartEvent start;
        start.device = device_.is_cuda() ? "cuda" : "cpu";
        start.threads = computeThreads();
        start.trainingExamples = static_cast<std::size_t>(images_.train.size());
        start.validationExamples = probes_.size();
        log("device " + start.device + ", " + std::to_string(start.threads) + " threads, "
            + std::to_string(images_.train.size()) + " training images of " + images_.name + ", "
            + std::to_string(probes_.size()) + " probe cells scored on " + std::to_string(n) + " validation images");
        return start;
    }

    std::int64_t trainingExamples() const override { return images_.train.size(); }

    torch::optim::Optimizer& startMember(int member) override
    {
        ghn_ = GraphHyperNetwork(ghnConfig_);
        ghn_->to(device_);
        best_ = GraphHyperNetwork(ghnConfig_);
        rng_.seed(memberSeed(config_.seed, member) ^ 0x5851f42d4c957f2dULL);
        optimizer_ = std::make_unique<FusedAdam>(
            ghn_->parameters(), torch::optim::AdamOptions(config_.learningRate).weight_decay(config_.weightDecay));
        return *optimizer_;
    }

    void restoreMembers(const ModelArchive& checkpoint, int) override
    {
        const auto weights = checkpoint.nested("ghn");
        if (!weights)
            throw DataError(config_.checkpointPath + ": no GHN in the checkpoint");
        weights->loadModule(*ghn_, config_.checkpointPath);
        ghn_->to(device_);
        copyModuleState(*best_, *ghn_);
    }

    torch::Tensor trainingLoss(const torch::Tensor& batch) override
    {
        ghn_->train();
        const Cell cell = randomSpaceCell(rng_);
        const NetworkPlan plan = buildNetworkPlan(cell, ghnConfig_.network);
        const PlanWeights w = ghn_->generate(plan, ghnGraph(plan));
        const torch::Tensor x = images_.batch(images_.train, batch, true, device_);
        const torch::Tensor y = images_.train.labels.index_select(0, batch.to(torch::kCPU)).to(device_);
        return torch::cross_entropy_loss(runNetworkPlan(plan, w, x, true), y);
    }

    void validate(EpochEvent& ev) override
    {
        ghn_->eval();
        std::vector<double> scores;
        double loss = 0, accuracy = 0;
        for (const Cell& c : probes_) {
            const GhnScore s = GhnPredictor::scoreWith(*ghn_, c, scoreImages_, scoreLabels_);
            scores.push_back(s.accuracy);
            loss += s.loss;
            accuracy += s.accuracy;
        }
        ev.valLoss = loss / static_cast<double>(probes_.size());
        ev.accuracy = accuracy / static_cast<double>(probes_.size());
        const RegressionMetrics m = evaluateRegression(scores, probeTruth_);
        ev.kendallTau = m.kendallTau;
        ev.pearson = m.pearson;
        ev.valPredicted.assign(scores.begin(), scores.end());
        ev.valTrue.assign(probeTruth_.begin(), probeTruth_.end());
    }

    double selectionScore(const EpochEvent& ev) const override { return -ev.valLoss; }
    void keepBest() override { copyModuleState(*best_, *ghn_); }

    void writeCheckpoint(ModelArchive& archive) const override { best()->writeTo(archive); }

    std::shared_ptr<GhnPredictor> best() const
    {
        return std::make_shared<GhnPredictor>(best_, source_,
                                              "GHN (" + std::to_string(images_.train.size()) + " " + images_.name
                                                  + " images, seed " + std::to_string(config_.seed) + ")");
    }

private:
    TrainingConfig config_;
    const Dataset& data_;
    GhnConfig ghnConfig_;
    GhnTaskSource source_;
    ImageTask images_;
    torch::Device device_{torch::kCPU};
    std::vector<Cell> probes_;
    std::vector<double> probeTruth_;
    torch::Tensor scoreImages_, scoreLabels_;
    GraphHyperNetwork ghn_{nullptr}, best_{nullptr};
    std::unique_ptr<FusedAdam> optimizer_;
    std::mt19937_64 rng_;
};

} // namespace

TrainingConfig ghnTrainingDefaults()
{
    TrainingConfig c;
    c.model = "ghn";
    c.epochs = 8;
    c.batchSize = 64;
    c.learningRate = 1e-3;
    c.weightDecay = 1e-5;
    c.rankingWeight = 0; // it learns from images, not from accuracies to rank
    c.pretrainingEpochs = 0;
    c.valSize = 30;
    c.nodeDim = 32;
    c.graphDim = 32;
    c.ensemble = 1;
    c.trainImages = 50000; // all of Fashion-MNIST's training images but the validation hold-out
    return c;
}

TrainingResult trainGhnPredictor(const TrainingConfig& config, const Dataset& data, const TrainingCallbacks& callbacks)
{
    if (config.ensemble != 1)
        throw std::invalid_argument("the GHN trains one network (--ensemble 1), not " + std::to_string(config.ensemble));
    setComputeThreads(config.threads);
    GhnTask task(config, data);
    TrainingResult result;
    const LoopOutcome outcome = runTrainingLoop(task, loopSettingsOf(config, 1, config.patience), callbacks);
    static_cast<RunSummary&>(result) = outcome;
    if (outcome.kept)
        result.predictor = task.best();
    return result;
}

} // namespace archscope
