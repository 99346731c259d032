// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "network/NetworkTraining.h"

#include "cell/ModuleHash.h"
#include "data/JsonlFormat.h"
#include "network/CellNetwork.h"
#include "network/ImageData.h"
#include "runtime/Runtime.h"
#include "train/TrainingLoop.h"
#include "train/TrainingSupport.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>

namespace archscope {

namespace {

constexpr std::int64_t kEvalBatch = 256;

void checkPositive(const char* field, double value)
{
    if (!(value > 0) || !std::isfinite(value))
        throw std::invalid_argument(std::string("train-net: ") + field + " must be a positive number, not "
                                    + std::to_string(value));
}

// A cheap digest of the images the run trains and scores on: their counts and byte sums per split.
std::string imagesFingerprint(const ImageTask& t)
{
    std::string out = t.name;
    for (const ImageSplit* s : {&t.train, &t.validation, &t.test})
        out += ":" + std::to_string(s->size()) + "/" + std::to_string(s->images.sum().item<std::int64_t>()) + "/"
               + std::to_string(s->labels.sum().item<std::int64_t>());
    return out;
}

class NetworkTask : public TrainingTask {
public:
    NetworkTask(const Cell& cell, const NetTrainingConfig& config, ImageTask images)
        : cell_(cell), config_(config), images_(std::move(images))
    {
        network_ = config.network;
        network_.inputChannels = images_.channels;
        network_.inputHeight = images_.height;
        network_.inputWidth = images_.width;
        network_.numClasses = images_.classes;
        plan_ = buildNetworkPlan(cell_, network_);
        fingerprint_ = imagesFingerprint(images_);
    }

    std::string configJson() const override
    {
        return nlohmann::json{{"cell", nlohmann::json::parse(cellToJson(cell_))},
                              {"task", images_.name},
                              {"stem", network_.stemChannels},
                              {"stacks", network_.numStacks},
                              {"modules", network_.cellsPerStack},
                              {"epochs", config_.epochs},
                              {"batch", config_.batchSize},
                              {"learning_rate", config_.learningRate},
                              {"momentum", config_.momentum},
                              {"weight_decay", config_.weightDecay},
                              {"augment", config_.augment},
                              {"seed", config_.seed}}
            .dump();
    }
    std::string dataFingerprint() const override { return fingerprint_; }

    RunStartEvent prepare(const ModelArchive*, const std::function<void(const std::string&)>& log) override
    {
        device_ = resolveDevice(config_.device);
        RunStartEvent start;
        start.device = device_.is_cuda() ? "cuda" : "cpu";
        start.threads = computeThreads();
        start.trainingExamples = static_cast<std::size_t>(images_.train.size());
        start.validationExamples = static_cast<std::size_t>(images_.validation.size());
        log("device " + start.device + ", " + std::to_string(start.threads) + " threads, "
            + std::to_string(images_.train.size()) + " training, " + std::to_string(images_.validation.size())
            + " validation and " + std::to_string(images_.test.size()) + " test images of " + images_.name);
        return start;
    }

    std::int64_t trainingExamples() const override { return images_.train.size(); }

    torch::optim::Optimizer& startMember(int) override
    {
        started_ = std::chrono::steady_clock::now();
        const std::int64_t steps = config_.epochs * ((images_.train.size() + config_.batchSize - 1) / config_.batchSize);
        model_ = CellNetwork(plan_, true, batchNormMomentumFor(steps));
        model_->to(device_);
        optimizer_ = std::make_unique<torch::optim::RMSprop>(
            model_->parameters(), torch::optim::RMSpropOptions(config_.learningRate)
                                      .alpha(0.9)
                                      .eps(1.0)
                                      .momentum(config_.momentum)
                                      .weight_decay(config_.weightDecay));
        return *optimizer_;
    }

    void restoreMembers(const ModelArchive& checkpoint, int) override
    {
        const auto net = checkpoint.nested("network");
        if (!net)
            throw DataError(config_.checkpointPath + ": no network in the checkpoint");
        net->loadModule(*model_, config_.checkpointPath + ": network");
        model_->to(device_);
    }

    torch::Tensor trainingLoss(const torch::Tensor& batch) override
    {
        model_->train();
        const torch::Tensor x = images_.batch(images_.train, batch, config_.augment, device_);
        const torch::Tensor y = images_.train.labels.index_select(0, batch.to(torch::kCPU)).to(device_);
        return torch::cross_entropy_loss(model_->forward(x), y);
    }

    void afterStep(std::int64_t stepsDone) override
    {
        if (nextScore_ >= config_.scoreAtSteps.size() || config_.scoreAtSteps[nextScore_] != stepsDone)
            return;
        ++nextScore_;
        const auto start = std::chrono::steady_clock::now();
        StepScore score;
        score.step = stepsDone;
        score.accuracy = accuracy(images_.validation, &score.loss, config_.stepScoreImages);
        const auto end = std::chrono::steady_clock::now();
        score.seconds = std::chrono::duration<double>(end - started_).count() - earlierScoreSeconds_;
        earlierScoreSeconds_ += std::chrono::duration<double>(end - start).count();
        stepScores_.push_back(score);
    }

    void validate(EpochEvent& ev) override
    {
        double valLoss = 0;
        ev.accuracy = accuracy(images_.validation, &valLoss);
        ev.valLoss = valLoss;
        ev.testAccuracy = config_.scoreTest ? accuracy(images_.test, nullptr) : std::nan("");
    }

    // NAS-Bench-101 reports the network at the end of training: every epoch replaces the last.
    double selectionScore(const EpochEvent&) const override { return 0; }
    bool tieImproves() const override { return true; }
    void keepBest() override {}

    void writeCheckpoint(ModelArchive& archive) const override
    {
        ModelArchive net;
        net.writeModule(*model_);
        archive.write("network", net);
    }

    std::int64_t parameters() const { return trainableParameterCount(*model_); }
    const std::vector<StepScore>& stepScores() const { return stepScores_; }
    const ImageTask& images() const { return images_; }
    std::int64_t scored(const ImageSplit& s) const
    {
        return config_.evalImages > 0 ? std::min(config_.evalImages, s.size()) : s.size();
    }

private:
    // On the first `limit` images of `split` (0: the configured evaluation images).
    double accuracy(const ImageSplit& split, double* meanLoss, std::int64_t limit = 0)
    {
        c10::InferenceMode inference;
        model_->eval();
        const std::int64_t n = limit > 0 ? std::min(limit, split.size()) : scored(split);
        std::int64_t correct = 0;
        double loss = 0;
        for (std::int64_t at = 0; at < n; at += kEvalBatch) {
            const torch::Tensor rows = torch::arange(at, std::min(n, at + kEvalBatch), torch::kInt64);
            const torch::Tensor logits = model_->forward(images_.batch(split, rows, false, device_));
            const torch::Tensor y = split.labels.index_select(0, rows).to(device_);
            correct += logits.argmax(1).eq(y).sum().item<std::int64_t>();
            if (meanLoss)
                loss += torch::cross_entropy_loss(logits, y, {}, at::Reduction::Sum).item<double>();
        }
        if (meanLoss)
            *meanLoss = loss / static_cast<double>(n);
        return static_cast<double>(correct) / static_cast<double>(n);
    }

    Cell cell_;
    NetTrainingConfig config_;
    ImageTask images_;
    NetworkConfig network_;
    NetworkPlan plan_;
    std::string fingerprint_;
    torch::Device device_{torch::kCPU};
    CellNetwork model_{nullptr};
    std::unique_ptr<torch::optim::RMSprop> optimizer_;
    std::chrono::steady_clock::time_point started_;
    std::size_t nextScore_ = 0;
    double earlierScoreSeconds_ = 0;
    std::vector<StepScore> stepScores_;
};

} // namespace

void NetTrainingConfig::check() const
{
    if (epochs < 1)
        throw std::invalid_argument("train-net: epochs must be at least 1, not " + std::to_string(epochs));
    if (batchSize < 1)
        throw std::invalid_argument("train-net: the batch size must be at least 1, not " + std::to_string(batchSize));
    checkPositive("the learning rate", learningRate);
    if (!(momentum >= 0 && momentum < 1))
        throw std::invalid_argument("train-net: the momentum must be in [0, 1), not " + std::to_string(momentum));
    if (!(weightDecay >= 0) || !std::isfinite(weightDecay))
        throw std::invalid_argument("train-net: the weight decay must be >= 0, not " + std::to_string(weightDecay));
    if (trainImages < 0 || evalImages < 0)
        throw std::invalid_argument("train-net: image counts must be >= 0 (0: all)");
    if (threads < 0)
        throw std::invalid_argument("train-net: threads must be >= 0 (0: all cores)");
    for (std::size_t i = 0; i < scoreAtSteps.size(); ++i)
        if (scoreAtSteps[i] < 1 || (i > 0 && scoreAtSteps[i] <= scoreAtSteps[i - 1]))
            throw std::invalid_argument("train-net: the steps to score at must be ascending and at least 1, not "
                                        + std::to_string(scoreAtSteps[i]) + " at position " + std::to_string(i + 1));
    if (!scoreAtSteps.empty() && resume)
        throw std::invalid_argument("train-net: a resumed run cannot score at the steps it does not run again; "
                                    "score at steps without resuming");
    if (stepScoreImages < 1)
        throw std::invalid_argument("train-net: step scores need at least 1 validation image, not "
                                    + std::to_string(stepScoreImages));
    network.check();
}

namespace {

// The options a result's "config" records that decide what was trained (the image counts it also records
// are what the task's files gave, so a resume compares the options, not those).
nlohmann::json trainingOptionsJson(const NetTrainingConfig& config)
{
    return {{"stem", config.network.stemChannels}, {"stacks", config.network.numStacks},
            {"modules", config.network.cellsPerStack}, {"epochs", config.epochs},
            {"batch", config.batchSize}, {"learning_rate", config.learningRate},
            {"momentum", config.momentum}, {"weight_decay", config.weightDecay},
            {"augment", config.augment}, {"seed", config.seed}};
}

} // namespace

std::string netTrainingOptionsText(const NetTrainingConfig& config)
{
    nlohmann::json j = trainingOptionsJson(config);
    j["task"] = config.task;
    return j.dump();
}

std::string netTrainingOptionsDifference(const std::string& line, const NetTrainingConfig& config)
{
    const nlohmann::json j = nlohmann::json::parse(line);
    if (j.value("task", config.task) != config.task)
        return "task " + j.at("task").get<std::string>() + " there, " + config.task + " here";
    const nlohmann::json given = j.value("config", nlohmann::json::object());
    const nlohmann::json wanted = trainingOptionsJson(config);
    for (auto it = wanted.begin(); it != wanted.end(); ++it)
        if (!given.contains(it.key()) || given.at(it.key()) != it.value())
            return it.key() + " " + (given.contains(it.key()) ? given.at(it.key()).dump() : std::string("not recorded"))
                   + " there, " + it.value().dump() + " here";
    return {};
}

std::string netTrainingResultJson(const Cell& cell, const NetTrainingConfig& config, const NetTrainingResult& result)
{
    const Cell pruned = canonicalCell(cell);
    nlohmann::json epochs = nlohmann::json::array();
    for (const EpochEvent& e : result.history)
        epochs.push_back({{"epoch", e.epoch}, {"train_loss", e.trainLoss}, {"val_loss", e.valLoss},
                          {"val_accuracy", e.accuracy}, {"test_accuracy", e.testAccuracy},
                          {"learning_rate", e.learningRate}, {"seconds", e.seconds}});
    nlohmann::json j = nlohmann::json::parse(cellToJson(pruned));
    j["hash"] = moduleHash(pruned).hex();
    j["task"] = config.task;
    j["config"] = trainingOptionsJson(config);
    j["config"]["train_images"] = result.trainImages;
    j["config"]["validation_images"] = result.validationImages;
    j["config"]["test_images"] = result.testImages;
    j["params"] = result.parameters;
    j["device"] = result.device;
    j["seconds"] = result.seconds;
    j["stop_reason"] = result.stopReason;
    j["validation_accuracy"] = result.validationAccuracy;
    j["test_accuracy"] = result.testAccuracy;
    j["epochs"] = epochs;
    if (!result.stepScores.empty()) {
        nlohmann::json scores = nlohmann::json::array();
        for (const StepScore& sc : result.stepScores)
            scores.push_back({{"step", sc.step}, {"val_accuracy", sc.accuracy}, {"val_loss", sc.loss}, {"seconds", sc.seconds}});
        j["step_scores"] = scores;
        j["config"]["step_score_images"] = config.stepScoreImages;
    }
    return j.dump();
}

NetTrainingRecord parseNetTrainingRecord(const std::string& line, const std::string& where)
{
    NetTrainingRecord r;
    try {
        // The cell first: its reader bounds the nesting depth before the whole line is parsed.
        r.cell = cellFromJson(line, where);
        if (const CellValidation v = validateCell(r.cell); !v.ok())
            throw DataError(where + ": invalid cell: " + v.message);
        const nlohmann::json j = nlohmann::json::parse(line);
        r.validationAccuracy = j.at("validation_accuracy").get<double>();
        if (!(r.validationAccuracy >= 0 && r.validationAccuracy <= 1))
            throw DataError(where + ": \"validation_accuracy\" is " + j.at("validation_accuracy").dump()
                            + ", expected an accuracy from 0 to 1");
        if (j.contains("hash")) {
            const auto hash = ModuleHash::fromHex(j.at("hash").get<std::string>());
            if (!hash)
                throw DataError(where + ": not a train-net result: \"hash\" is not 32 hexadecimal digits");
            r.hash = *hash;
        } else {
            r.hash = moduleHash(canonicalCell(r.cell));
        }
        if (j.contains("test_accuracy"))
            r.testAccuracy = j.at("test_accuracy").get<double>();
        if (j.contains("params"))
            r.params = j.at("params").get<std::int64_t>();
        if (j.contains("task"))
            r.task = j.at("task").get<std::string>();
        if (j.contains("config") && j.at("config").contains("epochs"))
            r.epochs = j.at("config").at("epochs").get<int>();
        if (j.contains("step_scores"))
            for (const auto& sc : j.at("step_scores")) {
                StepScore s;
                s.step = sc.at("step").get<std::int64_t>();
                s.accuracy = sc.at("val_accuracy").get<double>();
                s.loss = sc.contains("val_loss") ? sc.at("val_loss").get<double>() : std::nan("");
                s.seconds = sc.at("seconds").get<double>();
                r.stepScores.push_back(s);
            }
    } catch (const nlohmann::json::exception& e) {
        throw DataError(where + ": not a train-net result: " + e.what());
    }
    r.line = line;
    return r;
}

namespace {

void checkInputs(const Cell& cell, const NetTrainingConfig& config)
{
    config.check();
    const CellValidation v = validateCell(cell);
    if (!v.ok())
        throw std::invalid_argument("train-net: invalid cell: " + v.message);
}

} // namespace

NetTrainingResult trainCellNetwork(const Cell& cell, const NetTrainingConfig& config, const TrainingCallbacks& callbacks)
{
    checkInputs(cell, config); // before the task's files are read
    setComputeThreads(config.threads);
    return trainCellNetwork(cell, config, loadImageTask(config.task, config.taskDir), callbacks);
}

NetTrainingResult trainCellNetwork(const Cell& cell, const NetTrainingConfig& config, ImageTask images,
                                   const TrainingCallbacks& callbacks)
{
    checkInputs(cell, config);
    limitTrainingImages(images, config.trainImages);
    const std::int64_t runSteps = config.epochs * ((images.train.size() + config.batchSize - 1) / config.batchSize);
    if (!config.scoreAtSteps.empty() && config.scoreAtSteps.back() > runSteps)
        throw std::invalid_argument("train-net: cannot score at step " + std::to_string(config.scoreAtSteps.back())
                                    + ": the run has " + std::to_string(runSteps) + " steps");
    NetworkTask task(cell, config, std::move(images));
    LoopSettings s;
    s.epochs = config.epochs;
    s.batchSize = config.batchSize;
    s.learningRate = config.learningRate;
    s.scheduleByStep = true;
    s.seed = config.seed;
    s.checkpointPath = config.checkpointPath;
    s.resume = config.resume;
    const auto start = std::chrono::steady_clock::now();
    NetTrainingResult result;
    static_cast<RunSummary&>(result) = runTrainingLoop(task, s, callbacks);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.parameters = task.parameters();
    result.stepScores = task.stepScores();
    result.trainImages = static_cast<int>(task.images().train.size());
    result.validationImages = static_cast<int>(task.scored(task.images().validation));
    result.testImages = static_cast<int>(task.scored(task.images().test));
    if (!result.history.empty()) {
        result.validationAccuracy = result.history.back().accuracy;
        result.testAccuracy = result.history.back().testAccuracy;
    }
    return result;
}

} // namespace archscope
