// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "train/TrainingLoop.h"

#include "model/ModelArchive.h"
#include "runtime/Runtime.h"
#include "train/DataParallel.h"
#include "train/OptimizerState.h"
#include "train/TrainingSupport.h"
#include "util/Errors.h"
#include "util/InputFile.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <numeric>
#include <memory>
#include <random>

namespace archscope {

namespace {

using Clock = std::chrono::steady_clock;


double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

nlohmann::json historyJson(const std::vector<EpochEvent>& history)
{
    nlohmann::json h = nlohmann::json::array();
    for (const EpochEvent& e : history)
        h.push_back({{"epoch", e.epoch}, {"train_loss", e.trainLoss}, {"val_loss", e.valLoss},
                     {"kendall_tau", e.kendallTau}, {"pearson", e.pearson}, {"rmse", e.rmse},
                     {"reconstruction", e.reconstruction}, {"validity", e.validity},
                     {"accuracy", e.accuracy}, {"test_accuracy", e.testAccuracy},
                     {"learning_rate", e.learningRate}, {"seconds", e.seconds}});
    return h;
}

std::vector<EpochEvent> historyFromJson(const nlohmann::json& h, int epochs)
{
    std::vector<EpochEvent> out;
    for (const auto& e : h) {
        EpochEvent ev;
        ev.epoch = e.at("epoch");
        ev.epochs = epochs;
        ev.trainLoss = e.at("train_loss");
        ev.valLoss = e.at("val_loss");
        ev.kendallTau = e.value("kendall_tau", 0.0);
        ev.pearson = e.value("pearson", 0.0);
        ev.rmse = e.value("rmse", 0.0);
        ev.reconstruction = e.value("reconstruction", 0.0);
        ev.validity = e.value("validity", 0.0);
        ev.accuracy = e.value("accuracy", 0.0);
        ev.testAccuracy = e.value("test_accuracy", 0.0);
        ev.learningRate = e.at("learning_rate");
        ev.seconds = e.at("seconds");
        out.push_back(ev);
    }
    return out;
}

struct RunState {
    int epoch = 0; // global: member * epochs + epoch of the member
    double bestScore = -std::numeric_limits<double>::infinity(); // of the member in training
    std::vector<EpochEvent> history;
};

nlohmann::json trainingJson(const TrainingTask& task, const RunState& state)
{
    return {{"config", nlohmann::json::parse(task.configJson())},
            {"data", task.dataFingerprint()},
            {"epoch", state.epoch},
            {"best_score", state.bestScore},
            {"history", historyJson(state.history)}};
}

// The run state of a checkpoint that writeCheckpoint wrote for the same configuration and data.
RunState readRunState(const ModelArchive& archive, const TrainingTask& task, int totalEpochs,
                      const std::string& path)
{
    if (archive.string("format") != std::string(kCheckpointFormat))
        throw DataError(path + ": not an ArchScope training checkpoint");
    RunState state;
    try {
        const auto training = nlohmann::json::parse(archive.requireString("training", path));
        if (training.at("config") != nlohmann::json::parse(task.configJson()))
            throw DataError(path + ": checkpoint was written for another configuration: " + training.at("config").dump());
        if (training.at("data").get<std::string>() != task.dataFingerprint())
            throw DataError(path + ": checkpoint was written for other data (the records differ or are in another order)");
        state.epoch = training.at("epoch");
        state.bestScore = training.at("best_score");
        state.history = historyFromJson(training.at("history"), totalEpochs);
    } catch (const nlohmann::json::exception& e) {
        throw DataError(path + ": malformed training state: " + e.what());
    }
    if (state.epoch < 1 || state.epoch > totalEpochs)
        throw DataError(path + ": checkpoint after epoch " + std::to_string(state.epoch) + " of a run of "
                        + std::to_string(totalEpochs));
    return state;
}

void writeCheckpoint(const TrainingTask& task, const torch::optim::Optimizer& optimizer, const RunState& state,
                     const std::string& path)
{
    ModelArchive archive;
    task.writeCheckpoint(archive);
    archive.writeString("format", kCheckpointFormat);
    archive.writeString("format_version", std::to_string(kModelFormatVersion));
    archive.writeString("training", trainingJson(task, state).dump());
    ModelArchive opt;
    writeOptimizerState(opt, optimizer);
    archive.write("optimizer", opt);
    saveArchiveAtomically(archive, path);
}

void loadOptimizer(torch::optim::Optimizer& optimizer, const ModelArchive& archive, const std::string& path)
{
    // An optimizer that had taken no step yet has no state to store.
    readOptimizerState(archive.nested("optimizer").value_or(ModelArchive()), optimizer, path);
}

void checkSettings(const LoopSettings& s)
{
    if (s.epochs < 1 || s.members < 1 || s.batchSize < 1 || s.patience < 0)
        throw std::invalid_argument("training needs at least one epoch, member and example per batch, and a patience >= 0");
    if (!(s.learningRate > 0) || !std::isfinite(s.learningRate))
        throw std::invalid_argument("the learning rate must be a positive number, not " + std::to_string(s.learningRate));
}

// One run of the loop: its state between epochs and the steps of an epoch.
class LoopRun {
public:
    LoopRun(TrainingTask& task, const LoopSettings& s, const TrainingCallbacks& cb) : task_(task), s_(s), cb_(cb) {}

    LoopOutcome run()
    {
        group_ = s_.parallel ? s_.parallel : environmentParallelGroup();
        primary_ = !group_ || group_->rank() == 0;
        start();
        const int totalEpochs = s_.members * s_.epochs;
        out_.stopReason = "completed";
        for (int epoch = state_.epoch + 1; epoch <= totalEpochs; ++epoch) {
            const int memberEpoch = (epoch - 1) % s_.epochs + 1;
            if (memberEpoch == 1 && epoch > 1) {
                startMember((epoch - 1) / s_.epochs);
                broadcastParameters();
            }
            EpochEvent ev;
            if (!trainEpoch(epoch, memberEpoch, ev) || !finishEpoch(ev))
                return out_;
            if (s_.patience > 0 && withoutImprovement_ >= s_.patience && memberEpoch < s_.epochs) {
                log("early stop of member " + std::to_string(member_ + 1) + " after epoch " + std::to_string(epoch));
                if (member_ + 1 == s_.members) {
                    out_.stopReason = "early stop";
                    break;
                }
                // Go on with the next member; the skipped epochs are not run.
                epoch = (member_ + 1) * s_.epochs;
            }
        }
        if (group_ && stepSeconds_ > 0)
            log("data-parallel: the all-reduces took " + std::to_string(static_cast<int>(std::lround(100 * communicationSeconds_ / stepSeconds_)))
                + "% of the training steps' time");
        if (!out_.kept)
            out_.stopReason = "failed: " + (lastProblem_.empty() ? std::string("no epoch gave a usable model") : lastProblem_);
        return out_;
    }

private:
    void log(const std::string& line) const
    {
        if (primary_ && cb_.onLog)
            cb_.onLog(line);
    }

    bool cancelRequested() const { return cb_.cancel && cb_.cancel->load(std::memory_order_relaxed); }

    // Every rank trains from rank 0's weights.
    void broadcastParameters()
    {
        if (group_)
            group_->broadcast(parameters_, "the parameters of member " + std::to_string(member_ + 1));
    }

    // Ranks started with other options, data or software would train apart, or abort inside Gloo on
    // tensors of other shapes: every field of the configuration (model kind and shape, seed, rate,
    // batch, epochs, …), the data's fingerprint (its cells and size) and the versions must agree.
    void agreeOnJob()
    {
        std::vector<std::pair<std::string, std::string>> fields;
        const nlohmann::json config = nlohmann::json::parse(task_.configJson());
        for (const auto& [key, value] : config.items())
            fields.emplace_back(key, value.dump());
        fields.emplace_back("data", task_.dataFingerprint());
        fields.emplace_back("training examples", std::to_string(examples_));
        fields.emplace_back("epochs", std::to_string(s_.epochs));
        fields.emplace_back("ensemble members", std::to_string(s_.members));
        fields.emplace_back("batch", std::to_string(s_.batchSize));
        fields.emplace_back("learning rate", nlohmann::json(s_.learningRate).dump());
        fields.emplace_back("patience", std::to_string(s_.patience));
        fields.emplace_back("seed", std::to_string(s_.seed));
        fields.emplace_back("ArchScope version", ARCHSCOPE_VERSION);
        fields.emplace_back("LibTorch version", std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "."
                                                    + std::to_string(TORCH_VERSION_PATCH));
        group_->agreeOn(fields);
    }

    // Ranks that resume from different epochs (a checkpoint not every rank can read, or another one)
    // would train different models: refused on all of them.
    void agreeOnResume()
    {
        const auto range = group_->allReduce({double(state_.epoch), -double(state_.epoch)}, true, "the resume check");
        if (range[0] != -range[1])
            throw DataError((s_.checkpointPath.empty() ? std::string("resume") : s_.checkpointPath) + ": the ranks resume after epochs "
                            + std::to_string(int(-range[1])) + " to " + std::to_string(int(range[0]))
                            + "; every rank must read the same checkpoint (a folder all nodes share)");
    }

    // Resumes or starts afresh: the task's data, then the member in training.
    void start()
    {
        std::optional<ModelArchive> checkpoint;
        if (s_.resume && !s_.checkpointPath.empty())
            requireRegularFile(s_.checkpointPath);
        if (s_.resume && !s_.checkpointPath.empty() && std::ifstream(s_.checkpointPath).good()) {
            checkpoint = openModelArchive(s_.checkpointPath);
            state_ = readRunState(*checkpoint, task_, s_.members * s_.epochs, s_.checkpointPath);
            log("resuming from " + s_.checkpointPath + " after epoch " + std::to_string(state_.epoch));
        }
        const RunStartEvent started = task_.prepare(checkpoint ? &*checkpoint : nullptr, [this](const std::string& line) { log(line); });
        if (primary_ && cb_.onStart)
            cb_.onStart(started);
        device_ = torch::Device(started.device);
        examples_ = task_.trainingExamples();
        if (examples_ < 1)
            throw std::invalid_argument("training needs at least one training example");
        out_.device = started.device;
        out_.history = state_.history;
        resumedAfter_ = state_.epoch;
        startMember(state_.epoch > 0 ? (state_.epoch - 1) / s_.epochs : 0);
        if (checkpoint) {
            task_.restoreMembers(*checkpoint, member_);
            loadOptimizer(*optimizer_, *checkpoint, s_.checkpointPath);
            out_.kept = true;
        }
        if (group_) {
            agreeOnJob();
            agreeOnResume();
            broadcastParameters();
            log("data-parallel: " + std::to_string(group_->worldSize()) + " ranks, global batch " + std::to_string(s_.batchSize));
        }
        runStart_ = Clock::now();
    }

    void startMember(int member)
    {
        member_ = member;
        // A resumed member goes on from the checkpoint's best score; a new one starts from nothing.
        if (member_ * s_.epochs >= state_.epoch)
            state_.bestScore = -std::numeric_limits<double>::infinity();
        withoutImprovement_ = 0;
        {
            const auto seeded = seedTorchGenerator(memberSeed(s_.seed, member_));
            optimizer_ = &task_.startMember(member_);
        }
        parameters_.clear();
        for (const auto& group : optimizer_->param_groups())
            for (const torch::Tensor& p : group.params())
                parameters_.push_back(p);
    }

    // The steps of one epoch; false when the run stops (cancelled, or a non-finite loss).
    bool trainEpoch(int epoch, int memberEpoch, EpochEvent& ev)
    {
        const double lr = cosineLearningRate(s_.learningRate, memberEpoch - 1, s_.epochs);
        setLearningRate(*optimizer_, lr);
        std::vector<std::int64_t> order(static_cast<std::size_t>(examples_));
        std::iota(order.begin(), order.end(), 0);
        std::mt19937_64 rng(memberSeed(s_.seed, member_) * 1000003ULL + static_cast<std::uint64_t>(memberEpoch));
        seededShuffle(order, rng);
        const torch::Tensor perm = torch::tensor(order, torch::kInt64).to(device_);
        const int steps = static_cast<int>((examples_ + s_.batchSize - 1) / s_.batchSize);
        double lossSum = 0;
        const auto epochStart = Clock::now();
        for (int step = 0; step < steps; ++step) {
            if (!group_ && cancelRequested())
                return cancelled(epoch);
            const auto stepStart = Clock::now();
            if (s_.scheduleByStep)
                setLearningRate(*optimizer_, cosineLearningRate(s_.learningRate, (memberEpoch - 1) * steps + step, s_.epochs * steps));
            const torch::Tensor rows = perm.slice(0, step * s_.batchSize, std::min<std::int64_t>(examples_, (step + 1) * s_.batchSize));
            const BatchLoss batch = batchLoss(rows, epoch, step);
            if (batch.cancelled)
                return cancelled(epoch);
            const double lossValue = batch.value;
            if (!std::isfinite(lossValue)) {
                out_.stopReason = "diverged: the loss became " + std::to_string(lossValue) + " in epoch "
                                  + std::to_string(epoch) + ", step " + std::to_string(step + 1)
                                  + "; the last good checkpoint is kept";
                log(out_.stopReason);
                return false;
            }
            takeStep(batch.loss);
            stepSeconds_ += secondsSince(stepStart);
            task_.afterStep(static_cast<std::int64_t>(memberEpoch - 1) * steps + step + 1);
            lossSum += lossValue;
            if (primary_ && cb_.onStep) {
                StepEvent se;
                se.epoch = epoch;
                se.step = step + 1;
                se.stepsPerEpoch = steps;
                se.loss = lossValue;
                se.examplesPerSecond = static_cast<double>(rows.size(0)) / std::max(1e-9, secondsSince(stepStart));
                cb_.onStep(se);
            }
        }
        ev.epoch = epoch;
        ev.epochs = s_.members * s_.epochs;
        ev.trainLoss = lossSum / steps;
        ev.learningRate = lr;
        ev.device = out_.device;
        ev.examplesPerSecond = static_cast<double>(examples_) / std::max(1e-9, secondsSince(epochStart));
        return true;
    }

    struct BatchLoss {
        torch::Tensor loss; // to back-propagate; undefined for a rank without a part of the batch
        double value = 0;   // of the whole batch
        bool cancelled = false;
    };

    // The loss of a global batch: this process's, or in a data-parallel run this rank's share of it,
    // with the batch's value and whether any rank was cancelled from one round trip.
    BatchLoss batchLoss(const torch::Tensor& rows, int epoch, int step)
    {
        BatchLoss b;
        if (!group_) {
            b.loss = task_.trainingLoss(rows);
            b.value = b.loss.item<double>();
            return b;
        }
        const std::int64_t n = rows.size(0), ranks = group_->worldSize(), rank = group_->rank();
        BatchPart part;
        part.batch = rows;
        part.first = n * rank / ranks;
        part.end = n * (rank + 1) / ranks;
        part.ranks = ranks;
        const std::string what = "epoch " + std::to_string(epoch) + ", step " + std::to_string(step + 1);
        part.gather = [&](const torch::Tensor& mine) {
            std::vector<std::int64_t> counts;
            for (std::int64_t r = 0; r < ranks; ++r)
                counts.push_back(n * (r + 1) / ranks - n * r / ranks);
            const auto start = Clock::now();
            torch::Tensor all = group_->allGatherRows(mine, counts, "gathering the batch of " + what);
            communicationSeconds_ += secondsSince(start);
            return all;
        };
        b.loss = task_.trainingLossShare(part);
        const auto start = Clock::now();
        const auto sums = group_->allReduce({b.loss.defined() ? b.loss.item<double>() : 0.0, cancelRequested() ? 1.0 : 0.0}, false,
                                            "the loss of " + what);
        communicationSeconds_ += secondsSince(start);
        b.value = sums[0];
        b.cancelled = sums[1] > 0;
        return b;
    }

    // Back-propagates `loss`, sums the gradients over the ranks, and steps the optimizer.
    void takeStep(const torch::Tensor& loss)
    {
        optimizer_->zero_grad();
        if (loss.defined() && loss.requires_grad())
            loss.backward();
        if (group_) {
            const auto start = Clock::now();
            group_->allReduceGradients(parameters_);
            communicationSeconds_ += secondsSince(start);
        }
        optimizer_->step();
    }

    bool cancelled(int epoch)
    {
        out_.stopReason = "cancelled";
        log("cancelled in epoch " + std::to_string(epoch));
        return false;
    }

    // Validation, the kept model, the checkpoint and the event; false when the validation loss is not finite.
    bool finishEpoch(EpochEvent& ev)
    {
        task_.validate(ev);
        double score = ev.problem.empty() && std::isfinite(ev.valLoss) ? task_.selectionScore(ev) : std::nan("");
        if (group_) {
            const auto agreed = group_->broadcast({ev.valLoss, score}, "the validation figures of epoch " + std::to_string(ev.epoch));
            ev.valLoss = agreed[0];
            score = agreed[1];
        }
        ev.seconds = secondsSince(runStart_);
        ev.etaSeconds = ev.seconds / (ev.epoch - resumedAfter_) * (ev.epochs - ev.epoch);
        if (!std::isfinite(ev.valLoss)) {
            out_.stopReason = "diverged: the validation loss became " + std::to_string(ev.valLoss) + " in epoch "
                              + std::to_string(ev.epoch) + "; the last good checkpoint is kept";
            log(out_.stopReason);
            return false;
        }
        ev.improved = std::isfinite(score) && (score > state_.bestScore || (task_.tieImproves() && score == state_.bestScore));
        state_.epoch = ev.epoch;
        if (ev.improved) {
            state_.bestScore = score;
            withoutImprovement_ = 0;
            task_.keepBest();
            out_.kept = true;
        } else {
            ++withoutImprovement_;
        }
        if (!ev.problem.empty()) {
            lastProblem_ = ev.problem;
            log("epoch " + std::to_string(ev.epoch) + " not kept: " + ev.problem);
        }
        EpochEvent summary = ev;
        summary.valPredicted.clear();
        summary.valTrue.clear();
        state_.history.push_back(summary);
        out_.history = state_.history;
        if (primary_ && ev.improved && !s_.checkpointPath.empty())
            writeCheckpoint(task_, *optimizer_, state_, s_.checkpointPath);
        if (primary_ && cb_.onEpoch)
            cb_.onEpoch(ev);
        return true;
    }

    TrainingTask& task_;
    const LoopSettings& s_;
    const TrainingCallbacks& cb_;
    RunState state_;
    LoopOutcome out_;
    torch::Device device_{torch::kCPU};
    std::int64_t examples_ = 0;
    int member_ = 0;
    torch::optim::Optimizer* optimizer_ = nullptr;
    std::vector<torch::Tensor> parameters_; // of the member in training
    std::shared_ptr<DataParallelGroup> group_;
    bool primary_ = true;
    double stepSeconds_ = 0;          // training steps, all-reduces included
    double communicationSeconds_ = 0; // of which waiting for the all-reduces
    int withoutImprovement_ = 0;
    int resumedAfter_ = 0;
    std::string lastProblem_;
    Clock::time_point runStart_;
};

} // namespace

std::uint64_t memberSeed(std::uint64_t seed, int member) { return seed + 1000003ULL * static_cast<std::uint64_t>(member); }

LoopOutcome runTrainingLoop(TrainingTask& task, const LoopSettings& s, const TrainingCallbacks& cb)
{
    checkSettings(s);
    return LoopRun(task, s, cb).run();
}

} // namespace archscope
