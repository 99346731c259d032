#include "train/VaeTrainer.h"

#include "cell/SpaceEnumeration.h"
#include "model/ModelArchive.h"
#include "model/Runtime.h"
#include "model/VsGaeLatent.h"
#include "train/TrainingSupport.h"
#include "util/Errors.h"
#include "util/Parallel.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <numeric>

namespace archscope {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kCheckpointFormat = "archscope-checkpoint";
constexpr std::int64_t kPriorCells = 4096;

nlohmann::json configJson(const VaeTrainingConfig& c)
{
    return {{"model", "vsgae"},      {"train_fraction", c.trainFraction}, {"train_size", c.trainSize},
            {"val_size", c.valSize}, {"epochs", c.epochs},                {"batch_size", c.batchSize},
            {"learning_rate", c.learningRate}, {"seed", c.seed},          {"node_dim", c.nodeDim},
            {"graph_dim", c.graphDim}, {"layers", c.layers},              {"beta", c.beta},
            {"space_cells", c.spaceCells}};
}

nlohmann::json historyJson(const std::vector<EpochEvent>& history)
{
    nlohmann::json h = nlohmann::json::array();
    for (const EpochEvent& e : history)
        h.push_back({{"epoch", e.epoch}, {"train_loss", e.trainLoss}, {"val_loss", e.valLoss},
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
        ev.reconstruction = e.at("reconstruction");
        ev.validity = e.at("validity");
        ev.learningRate = e.at("learning_rate");
        ev.seconds = e.at("seconds");
        out.push_back(ev);
    }
    return out;
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

struct RunState {
    int epoch = 0;
    double bestReconstruction = -1;
    std::vector<EpochEvent> history;
    Split split;
};

void writeCheckpoint(const std::string& path, const VsGaeLatentModel& best, torch::optim::Adam& optimizer,
                     const VaeTrainingConfig& config, const RunState& state)
{
    torch::serialize::OutputArchive archive;
    best.writeTo(archive);
    writeString(archive, "format", kCheckpointFormat);
    writeString(archive, "training", nlohmann::json{{"config", configJson(config)},
                                                    {"epoch", state.epoch},
                                                    {"best_reconstruction", state.bestReconstruction},
                                                    {"history", historyJson(state.history)}}
                                         .dump());
    torch::serialize::OutputArchive opt;
    optimizer.save(opt);
    archive.write("optimizer", opt);
    writeSplit(archive, state.split);
    saveArchiveAtomically(archive, path);
}

// Reads the run state of a checkpoint written by writeCheckpoint for the same configuration and data.
RunState readCheckpointState(torch::serialize::InputArchive& archive, const VaeTrainingConfig& config,
                             const Dataset& data)
{
    const std::string& path = config.checkpointPath;
    if (readString(archive, "format") != std::string(kCheckpointFormat))
        throw DataError(path + ": not an ArchScope training checkpoint");
    RunState state;
    try {
        const auto training = nlohmann::json::parse(requireString(archive, "training", path));
        if (training.at("config") != configJson(config))
            throw DataError(path + ": checkpoint was written for another configuration: " + training.at("config").dump());
        state.epoch = training.at("epoch");
        state.bestReconstruction = training.at("best_reconstruction");
        state.history = historyFromJson(training.at("history"), config.epochs);
    } catch (const nlohmann::json::exception& e) {
        throw DataError(path + ": malformed training state: " + e.what());
    }
    state.split = readSplit(archive, data.size(), path);
    return state;
}

std::string modelName(const VaeTrainingConfig& c, std::size_t trainCells)
{
    return "VS-GAE (" + std::to_string(trainCells) + " cells, ndim " + std::to_string(c.nodeDim) + ", seed "
           + std::to_string(c.seed) + ")";
}

} // namespace

VaeTrainingConfig resolvedVaeConfig(const VaeTrainingConfig& in)
{
    const VaeTrainingDefaults d;
    VaeTrainingConfig c = in;
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

VaeTrainingResult trainVae(const VaeTrainingConfig& requested, const Dataset& data, const TrainingCallbacks& cb)
{
    const VaeTrainingConfig config = resolvedVaeConfig(requested);
    const auto log = [&](const std::string& line) {
        if (cb.onLog)
            cb.onLog(line);
    };
    const auto cancelled = [&] { return cb.cancel && cb.cancel->load(std::memory_order_relaxed); };

    setComputeThreads(config.threads);
    const torch::Device device = resolveDevice(config.device);
    VaeTrainingResult result;
    result.device = device.is_cuda() ? "cuda" : "cpu";

    RunState state;
    std::optional<torch::serialize::InputArchive> resumeArchive;
    if (config.resume && !config.checkpointPath.empty() && std::ifstream(config.checkpointPath).good()) {
        resumeArchive = openArchive(config.checkpointPath);
        state = readCheckpointState(*resumeArchive, config, data);
        log("resuming from " + config.checkpointPath + " after epoch " + std::to_string(state.epoch));
    } else {
        SplitOptions so;
        so.trainSize = config.trainSize;
        so.trainFraction = config.trainFraction;
        so.valSize = config.valSize;
        so.seed = config.seed;
        state.split = makeSplit(data, so);
    }
    if (state.split.train.empty() || state.split.validation.empty())
        throw std::invalid_argument("training needs at least one training and one validation cell");
    result.split = state.split;

    std::vector<Cell> trainCells = cellsAt(data, state.split.train);
    const std::vector<Cell> valCells = cellsAt(data, state.split.validation);
    std::vector<ModuleHash> trainHashes;
    for (std::size_t i : state.split.train)
        trainHashes.push_back(data[i].hash);
    if (config.spaceCells > 0) {
        for (EnumeratedCell& c : spaceCellsOutside(data, static_cast<std::size_t>(config.spaceCells), config.seed, cb.cancel)) {
            trainCells.push_back(std::move(c.cell));
            trainHashes.push_back(c.hash);
        }
        log("added " + std::to_string(trainCells.size() - state.split.train.size())
            + " cells of the enumerated space outside the dataset");
    }
    const GraphTensors trainGraphsCpu = encodeCells(trainCells);
    const GraphTensors trainGraphs = trainGraphsCpu.to(device);
    const GraphTensors valGraphs = encodeCells(valCells).to(device);
    log("device " + result.device + ", " + std::to_string(computeThreads()) + " threads, "
        + std::to_string(trainCells.size()) + " training and " + std::to_string(valCells.size()) + " validation cells");

    VsGaeConfig vae;
    vae.nodeDim = config.nodeDim;
    vae.graphDim = config.graphDim;
    vae.layers = config.layers;
    vae.beta = config.beta;
    torch::manual_seed(config.seed);
    VsGae model(vae);
    if (resumeArchive) {
        torch::serialize::InputArchive weights;
        if (!resumeArchive->try_read("network", weights))
            throw DataError(config.checkpointPath + ": missing \"network\"");
        loadModuleChecked(*model, weights, config.checkpointPath);
    }
    model->to(device);
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(config.learningRate));
    if (resumeArchive) {
        torch::serialize::InputArchive opt;
        if (!resumeArchive->try_read("optimizer", opt))
            throw DataError(config.checkpointPath + ": missing optimizer state");
        try {
            optimizer.load(opt);
        } catch (const c10::Error&) {
            throw DataError(config.checkpointPath + ": optimizer state does not fit the model");
        }
    }
    result.history = state.history;
    const std::string name = modelName(config, trainCells.size());
    // The prior is fitted to the codes of (at most) the first kPriorCells training cells: the per-dimension
    // mean and deviation are as good from a few thousand codes, and encoding all of them every epoch is not free.
    const GraphTensors priorGraphs = trainGraphsCpu.index(
        torch::arange(std::min<std::int64_t>(kPriorCells, trainGraphsCpu.size()), torch::kInt64));
    auto snapshot = [&] { return VsGaeLatentModel::fromTraining(model, priorGraphs, trainHashes, name); };
    if (resumeArchive)
        result.model = snapshot();

    const auto start = Clock::now();
    const std::int64_t n = trainGraphs.size();
    const int stepsPerEpoch = static_cast<int>((n + config.batchSize - 1) / config.batchSize);
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    result.stopReason = "completed";
    const int firstEpoch = state.epoch + 1;
    for (int epoch = firstEpoch; epoch <= config.epochs; ++epoch) {
        const double lr = cosineLearningRate(config.learningRate, epoch - 1, config.epochs);
        setLearningRate(optimizer, lr);
        std::iota(order.begin(), order.end(), 0);
        std::mt19937_64 rng(config.seed * 1000003ULL + static_cast<std::uint64_t>(epoch));
        seededShuffle(order, rng);
        const torch::Tensor perm = torch::tensor(order, torch::kInt64).to(device);
        model->train();
        double lossSum = 0;
        const auto epochStart = Clock::now();
        for (int step = 0; step < stepsPerEpoch; ++step) {
            if (cancelled()) {
                result.stopReason = "cancelled";
                log("cancelled in epoch " + std::to_string(epoch));
                return result;
            }
            const auto stepStart = Clock::now();
            const torch::Tensor rows = perm.slice(0, step * config.batchSize,
                                                  std::min<std::int64_t>(n, (step + 1) * config.batchSize));
            const torch::Tensor loss = model->forward(trainGraphs.index(rows)).total;
            const double lossValue = loss.item<double>();
            if (!std::isfinite(lossValue)) {
                result.stopReason = "diverged: the loss became " + std::to_string(lossValue) + " in epoch "
                                    + std::to_string(epoch) + ", step " + std::to_string(step + 1)
                                    + "; the last good checkpoint is kept";
                log(result.stopReason);
                return result;
            }
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lossSum += lossValue;
            if (cb.onStep) {
                StepEvent ev;
                ev.epoch = epoch;
                ev.step = step + 1;
                ev.stepsPerEpoch = stepsPerEpoch;
                ev.loss = lossValue;
                ev.graphsPerSecond = static_cast<double>(rows.size(0))
                                     / std::max(1e-9, std::chrono::duration<double>(Clock::now() - stepStart).count());
                cb.onStep(ev);
            }
        }
        const double epochSeconds = std::chrono::duration<double>(Clock::now() - epochStart).count();

        model->eval();
        double valLoss = 0;
        {
            c10::InferenceMode inference;
            const VsGaeLoss l = model->forward(valGraphs);
            // Per cell, comparable across batch sizes: the KL term is summed over the batch in training.
            valLoss = (l.reconstruction.mean() + vae.beta * l.kl.mean()).item<double>();
        }
        EpochEvent ev;
        ev.epoch = epoch;
        ev.epochs = config.epochs;
        ev.trainLoss = lossSum / stepsPerEpoch;
        ev.valLoss = valLoss;
        ev.learningRate = lr;
        ev.graphsPerSecond = static_cast<double>(n) / std::max(1e-9, epochSeconds);
        if (!std::isfinite(valLoss)) {
            result.stopReason = "diverged: the validation loss became " + std::to_string(valLoss) + " in epoch "
                                + std::to_string(epoch) + "; the last good checkpoint is kept";
            log(result.stopReason);
            return result;
        }
        const std::shared_ptr<VsGaeLatentModel> current = snapshot();
        ev.reconstruction = reconstructionAccuracy(*current, valCells);
        ev.validity = evaluateLatentModel(*current, {}, config.priorSamples, config.seed).validity;
        ev.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        ev.etaSeconds = ev.seconds / (epoch - firstEpoch + 1) * (config.epochs - epoch);
        // Reconstruction is what the auto-encoder is for, and the validation loss can rise while it
        // still improves; a tie goes to the later, longer-trained model.
        ev.improved = ev.reconstruction >= state.bestReconstruction;
        state.epoch = epoch;
        if (ev.improved) {
            state.bestReconstruction = ev.reconstruction;
            result.model = current;
        }
        state.history.push_back(ev);
        result.history = state.history;
        if (ev.improved && !config.checkpointPath.empty())
            writeCheckpoint(config.checkpointPath, *current, optimizer, config, state);
        if (cb.onEpoch)
            cb.onEpoch(ev);
    }
    return result;
}

} // namespace archscope
