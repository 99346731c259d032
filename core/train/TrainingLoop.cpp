#include "train/TrainingLoop.h"

#include "model/ModelArchive.h"
#include "train/TrainingSupport.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <numeric>
#include <optional>
#include <random>

namespace archscope {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kCheckpointFormat = "archscope-checkpoint";

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

nlohmann::json historyJson(const std::vector<EpochEvent>& history)
{
    nlohmann::json h = nlohmann::json::array();
    for (const EpochEvent& e : history)
        h.push_back({{"epoch", e.epoch}, {"train_loss", e.trainLoss}, {"val_loss", e.valLoss},
                     {"kendall_tau", e.kendallTau}, {"pearson", e.pearson}, {"rmse", e.rmse},
                     {"reconstruction", e.reconstruction}, {"validity", e.validity},
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
RunState readRunState(torch::serialize::InputArchive& archive, const TrainingTask& task, int totalEpochs,
                      const std::string& path)
{
    if (readString(archive, "format") != std::string(kCheckpointFormat))
        throw DataError(path + ": not an ArchScope training checkpoint");
    RunState state;
    try {
        const auto training = nlohmann::json::parse(requireString(archive, "training", path));
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
    torch::serialize::OutputArchive archive;
    task.writeCheckpoint(archive);
    writeString(archive, "format", kCheckpointFormat);
    writeString(archive, "training", trainingJson(task, state).dump());
    torch::serialize::OutputArchive opt;
    optimizer.save(opt);
    archive.write("optimizer", opt);
    saveArchiveAtomically(archive, path);
}

void loadOptimizer(torch::optim::Optimizer& optimizer, torch::serialize::InputArchive& archive, const std::string& path)
{
    torch::serialize::InputArchive opt;
    if (!archive.try_read("optimizer", opt))
        throw DataError(path + ": missing optimizer state");
    try {
        optimizer.load(opt);
    } catch (const c10::Error&) {
        throw DataError(path + ": optimizer state does not fit the model");
    }
}

void checkSettings(const LoopSettings& s)
{
    if (s.epochs < 1 || s.members < 1 || s.batchSize < 1 || s.patience < 0)
        throw std::invalid_argument("training needs at least one epoch, member and example per batch, and a patience >= 0");
    if (!(s.learningRate > 0) || !std::isfinite(s.learningRate))
        throw std::invalid_argument("the learning rate must be a positive number, not " + std::to_string(s.learningRate));
}

} // namespace

std::uint64_t memberSeed(std::uint64_t seed, int member) { return seed + 1000003ULL * static_cast<std::uint64_t>(member); }

LoopOutcome runTrainingLoop(TrainingTask& task, const LoopSettings& s, const TrainingCallbacks& cb)
{
    checkSettings(s);
    const auto log = [&](const std::string& line) {
        if (cb.onLog)
            cb.onLog(line);
    };
    const auto cancelled = [&] { return cb.cancel && cb.cancel->load(std::memory_order_relaxed); };
    const int totalEpochs = s.members * s.epochs;

    RunState state;
    std::optional<torch::serialize::InputArchive> checkpoint;
    if (s.resume && !s.checkpointPath.empty() && std::ifstream(s.checkpointPath).good()) {
        checkpoint = openArchive(s.checkpointPath);
        state = readRunState(*checkpoint, task, totalEpochs, s.checkpointPath);
        log("resuming from " + s.checkpointPath + " after epoch " + std::to_string(state.epoch));
    }
    const RunStartEvent start = task.prepare(checkpoint ? &*checkpoint : nullptr, log);
    if (cb.onStart)
        cb.onStart(start);
    const torch::Device device(start.device);
    const std::int64_t n = task.trainingExamples();
    if (n < 1)
        throw std::invalid_argument("training needs at least one training example");

    LoopOutcome out;
    out.device = start.device;
    out.history = state.history;
    int member = state.epoch > 0 ? (state.epoch - 1) / s.epochs : 0;
    torch::manual_seed(memberSeed(s.seed, member));
    torch::optim::Optimizer* optimizer = &task.startMember(member);
    if (checkpoint) {
        task.restoreMembers(*checkpoint, member);
        loadOptimizer(*optimizer, *checkpoint, s.checkpointPath);
        out.kept = true;
    }

    const int stepsPerEpoch = static_cast<int>((n + s.batchSize - 1) / s.batchSize);
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    int withoutImprovement = 0;
    std::string lastProblem;
    const int resumedAfter = state.epoch;
    const auto runStart = Clock::now();
    out.stopReason = "completed";
    for (int epoch = state.epoch + 1; epoch <= totalEpochs; ++epoch) {
        const int memberEpoch = (epoch - 1) % s.epochs + 1;
        if (memberEpoch == 1 && epoch > 1) {
            member = (epoch - 1) / s.epochs;
            state.bestScore = -std::numeric_limits<double>::infinity();
            withoutImprovement = 0;
            torch::manual_seed(memberSeed(s.seed, member));
            optimizer = &task.startMember(member);
        }
        const double lr = cosineLearningRate(s.learningRate, memberEpoch - 1, s.epochs);
        setLearningRate(*optimizer, lr);
        std::iota(order.begin(), order.end(), 0);
        std::mt19937_64 rng(memberSeed(s.seed, member) * 1000003ULL + static_cast<std::uint64_t>(memberEpoch));
        seededShuffle(order, rng);
        const torch::Tensor perm = torch::tensor(order, torch::kInt64).to(device);
        double lossSum = 0;
        const auto epochStart = Clock::now();
        for (int step = 0; step < stepsPerEpoch; ++step) {
            if (cancelled()) {
                out.stopReason = "cancelled";
                log("cancelled in epoch " + std::to_string(epoch));
                return out;
            }
            const auto stepStart = Clock::now();
            const torch::Tensor rows = perm.slice(0, step * s.batchSize, std::min<std::int64_t>(n, (step + 1) * s.batchSize));
            const torch::Tensor loss = task.trainingLoss(rows);
            const double lossValue = loss.item<double>();
            if (!std::isfinite(lossValue)) {
                out.stopReason = "diverged: the loss became " + std::to_string(lossValue) + " in epoch "
                                 + std::to_string(epoch) + ", step " + std::to_string(step + 1)
                                 + "; the last good checkpoint is kept";
                log(out.stopReason);
                return out;
            }
            optimizer->zero_grad();
            loss.backward();
            optimizer->step();
            lossSum += lossValue;
            if (cb.onStep) {
                StepEvent ev;
                ev.epoch = epoch;
                ev.step = step + 1;
                ev.stepsPerEpoch = stepsPerEpoch;
                ev.loss = lossValue;
                ev.examplesPerSecond = static_cast<double>(rows.size(0)) / std::max(1e-9, secondsSince(stepStart));
                cb.onStep(ev);
            }
        }
        const double epochSeconds = secondsSince(epochStart);

        EpochEvent ev;
        ev.epoch = epoch;
        ev.epochs = totalEpochs;
        ev.trainLoss = lossSum / stepsPerEpoch;
        ev.learningRate = lr;
        ev.device = out.device;
        ev.examplesPerSecond = static_cast<double>(n) / std::max(1e-9, epochSeconds);
        task.validate(ev);
        ev.seconds = secondsSince(runStart);
        ev.etaSeconds = ev.seconds / (epoch - resumedAfter) * (totalEpochs - epoch);
        if (!std::isfinite(ev.valLoss)) {
            out.stopReason = "diverged: the validation loss became " + std::to_string(ev.valLoss) + " in epoch "
                             + std::to_string(epoch) + "; the last good checkpoint is kept";
            log(out.stopReason);
            return out;
        }
        const double score = ev.problem.empty() ? task.selectionScore(ev) : std::nan("");
        ev.improved = std::isfinite(score) && (score > state.bestScore || (task.tieImproves() && score == state.bestScore));
        state.epoch = epoch;
        if (ev.improved) {
            state.bestScore = score;
            withoutImprovement = 0;
            task.keepBest();
            out.kept = true;
        } else {
            ++withoutImprovement;
        }
        if (!ev.problem.empty()) {
            lastProblem = ev.problem;
            log("epoch " + std::to_string(epoch) + " not kept: " + ev.problem);
        }
        EpochEvent summary = ev;
        summary.valPredicted.clear();
        summary.valTrue.clear();
        state.history.push_back(summary);
        out.history = state.history;
        if (ev.improved && !s.checkpointPath.empty())
            writeCheckpoint(task, *optimizer, state, s.checkpointPath);
        if (cb.onEpoch)
            cb.onEpoch(ev);
        if (s.patience > 0 && withoutImprovement >= s.patience && memberEpoch < s.epochs) {
            log("early stop of member " + std::to_string(member + 1) + " after epoch " + std::to_string(epoch));
            if (member + 1 == s.members) {
                out.stopReason = "early stop";
                break;
            }
            // Go on with the next member; the skipped epochs are not run.
            epoch = (member + 1) * s.epochs;
        }
    }
    if (!out.kept)
        out.stopReason = "failed: " + (lastProblem.empty() ? std::string("no epoch gave a usable model") : lastProblem);
    return out;
}

} // namespace archscope
