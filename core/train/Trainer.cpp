#include "train/Trainer.h"

#include "model/Runtime.h"

#include "data/Splits.h"
#include "metrics/Metrics.h"
#include "model/GnnPredictor.h"
#include "model/ModelArchive.h"
#include "model/VsGaeLatent.h"
#include "train/TrainingSupport.h"
#include "util/Errors.h"
#include "util/Parallel.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <fstream>
#include <random>

namespace archscope {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kCheckpointFormat = "archscope-checkpoint";
// Weight of the auxiliary outputs (4/12/36-epoch accuracy) relative to the 108-epoch target, and of
// the pairwise ranking term; see docs/BENCHMARKS.md for what each bought.
constexpr double kAuxiliaryWeight = 0.5;
constexpr double kRankingWeight = 0.5;

struct Prepared {
    GraphTensors graphs;
    torch::Tensor targets; // [n, outputs], NaN where a budget is unknown
    std::vector<float> truth; // the target budget's accuracy, for metrics
};

// Budgets used as outputs: the auxiliary ones that every training cell has, then the target.
std::vector<int> outputBudgets(const Dataset& data, const std::vector<std::size_t>& train, int target)
{
    std::vector<int> budgets;
    for (int b = 0; b < kNumBudgets; ++b) {
        if (b == target)
            continue;
        bool all = !train.empty();
        for (std::size_t i : train)
            all = all && data[i].hasBudget(b);
        if (all && b < target)
            budgets.push_back(b);
    }
    budgets.push_back(target);
    return budgets;
}

Prepared prepare(const Dataset& data, const std::vector<std::size_t>& rows, const std::vector<int>& budgets)
{
    std::vector<Cell> cells;
    cells.reserve(rows.size());
    Prepared p;
    p.targets = torch::empty({static_cast<std::int64_t>(rows.size()), static_cast<std::int64_t>(budgets.size())});
    auto t = p.targets.accessor<float, 2>();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Record& r = data[rows[i]];
        cells.push_back(r.cell);
        for (std::size_t k = 0; k < budgets.size(); ++k)
            t[static_cast<std::int64_t>(i)][static_cast<std::int64_t>(k)] = r.validationAccuracy(budgets[k]);
        p.truth.push_back(r.validationAccuracy(budgets.back()));
    }
    p.graphs = encodeCells(cells);
    return p;
}

// The quantile-normal map of each output (see TargetScaling.h): a knot at every distinct training
// accuracy, scored by the standard-normal quantile of its mid-rank.
TargetScaling scalingOf(const torch::Tensor& targets)
{
    TargetScaling s;
    for (std::int64_t k = 0; k < targets.size(1); ++k) {
        const torch::Tensor col = targets.select(1, k).to(torch::kFloat64);
        const torch::Tensor known = std::get<0>(col.masked_select(~torch::isnan(col)).sort());
        const std::vector<double> sorted(known.data_ptr<double>(), known.data_ptr<double>() + known.numel());
        const auto n = static_cast<double>(sorted.size());
        std::vector<double> values, midRanks;
        for (std::size_t i = 0; i < sorted.size();) {
            std::size_t j = i;
            while (j < sorted.size() && sorted[j] == sorted[i])
                ++j;
            values.push_back(sorted[i]);
            midRanks.push_back(0.5 * static_cast<double>(i + j - 1));
            i = j;
        }
        if (values.size() < 2)
            throw std::invalid_argument("the training cells need at least two distinct accuracies per budget, got "
                                        + std::to_string(values.size()));
        const torch::Tensor u = (torch::tensor(midRanks, torch::kFloat64) + 0.5) / n;
        const torch::Tensor z = (std::sqrt(2.0) * torch::erfinv(2 * u - 1)).contiguous();
        s.outputs.emplace_back(std::move(values), std::vector<double>(z.data_ptr<double>(), z.data_ptr<double>() + z.numel()));
    }
    return s;
}

torch::Tensor scaled(const torch::Tensor& targets, const TargetScaling& s)
{
    torch::Tensor out = targets.to(torch::kFloat32).clone().contiguous();
    auto t = out.accessor<float, 2>();
    for (std::int64_t i = 0; i < out.size(0); ++i)
        for (std::int64_t k = 0; k < out.size(1); ++k)
            t[i][k] = static_cast<float>(s.outputs[static_cast<std::size_t>(k)].toScore(t[i][k]));
    return out;
}

// Masked MSE over the outputs (auxiliary ones down-weighted) plus a RankNet-style logistic loss on
// every pair of the batch ordered by the target output.
torch::Tensor lossOf(const torch::Tensor& out, const torch::Tensor& target)
{
    const std::int64_t outputs = out.size(1);
    const torch::Tensor known = ~torch::isnan(target);
    const torch::Tensor diff = torch::where(known, out - target, torch::zeros_like(out));
    torch::Tensor weights = torch::full({outputs}, kAuxiliaryWeight / std::max<std::int64_t>(1, outputs - 1), out.options());
    weights[outputs - 1] = 1.0;
    const torch::Tensor perOutput = (diff * diff).sum(0) / known.sum(0).clamp_min(1).to(out.dtype());
    torch::Tensor loss = (perOutput * weights).sum();
    const torch::Tensor p = out.select(1, outputs - 1);
    const torch::Tensor y = target.select(1, outputs - 1);
    const torch::Tensor order = (y.unsqueeze(1) - y.unsqueeze(0)).sign();
    const torch::Tensor pairs = order.abs().sum();
    if (pairs.item<double>() > 0) {
        const torch::Tensor margin = (p.unsqueeze(1) - p.unsqueeze(0)) * order;
        loss = loss + kRankingWeight * (torch::softplus(-margin) * order.abs()).sum() / pairs;
    }
    return loss;
}

nlohmann::json configJson(const TrainingConfig& c)
{
    return {{"model", c.model},         {"latent_model", c.latentModelPath}, {"budget_epochs", c.budgetEpochs},
            {"train_size", c.trainSize},
            {"val_size", c.valSize},    {"sampler", c.sampler},            {"max_train_vertices", c.maxTrainVertices},
            {"epochs", c.epochs},       {"batch_size", c.batchSize},       {"learning_rate", c.learningRate},
            {"weight_decay", c.weightDecay}, {"patience", c.patience},     {"seed", c.seed},
            {"node_dim", c.nodeDim},    {"graph_dim", c.graphDim},         {"ensemble", c.ensemble}};
}

nlohmann::json historyJson(const std::vector<EpochEvent>& history)
{
    nlohmann::json h = nlohmann::json::array();
    for (const EpochEvent& e : history)
        h.push_back({{"epoch", e.epoch}, {"train_loss", e.trainLoss}, {"val_loss", e.valLoss},
                     {"kendall_tau", e.kendallTau}, {"pearson", e.pearson}, {"rmse", e.rmse},
                     {"learning_rate", e.learningRate}, {"seconds", e.seconds}});
    return h;
}

std::vector<EpochEvent> historyFromJson(const nlohmann::json& h)
{
    std::vector<EpochEvent> out;
    for (const auto& e : h) {
        EpochEvent ev;
        ev.epoch = e.at("epoch");
        ev.trainLoss = e.at("train_loss");
        ev.valLoss = e.at("val_loss");
        ev.kendallTau = e.at("kendall_tau");
        ev.pearson = e.at("pearson");
        ev.rmse = e.at("rmse");
        ev.learningRate = e.at("learning_rate");
        ev.seconds = e.at("seconds");
        out.push_back(ev);
    }
    return out;
}

struct CheckpointState {
    int epoch = 0;                 // global: member * epochs + epoch of the member
    double bestValLoss = std::numeric_limits<double>::infinity();
    std::vector<EpochEvent> history;
    Split split;
};

void writeCheckpoint(const std::string& path, const GnnPredictor& best, torch::optim::Adam& optimizer,
                     const TrainingConfig& config, const CheckpointState& state)
{
    torch::serialize::OutputArchive archive;
    best.writeTo(archive);
    writeString(archive, "format", kCheckpointFormat);
    writeString(archive, "training", nlohmann::json{{"config", configJson(config)},
                                                    {"epoch", state.epoch},
                                                    {"best_val_loss", state.bestValLoss},
                                                    {"history", historyJson(state.history)}}
                                         .dump());
    torch::serialize::OutputArchive opt;
    optimizer.save(opt);
    archive.write("optimizer", opt);
    writeSplit(archive, state.split);
    saveArchiveAtomically(archive, path);
}

std::string predictorName(const TrainingConfig& c)
{
    std::string s = std::string(c.model == "vae-latent" ? "VS-GAE latent" : "GNN") + " (" + std::to_string(c.trainSize) + " cells, " + c.sampler + ", seed " + std::to_string(c.seed);
    if (c.maxTrainVertices > 0)
        s += ", <= " + std::to_string(c.maxTrainVertices) + " vertices";
    if (c.ensemble > 1)
        s += ", ensemble of " + std::to_string(c.ensemble);
    return s + ")";
}

} // namespace

TrainingConfig resolvedConfig(const TrainingConfig& in)
{
    const TrainingDefaults d;
    TrainingConfig c = in;
    if (c.epochs <= 0)
        c.epochs = d.epochs;
    if (c.batchSize <= 0)
        c.batchSize = d.batchSize;
    if (c.learningRate <= 0)
        c.learningRate = d.learningRate;
    if (c.weightDecay < 0)
        c.weightDecay = d.weightDecay;
    if (c.nodeDim <= 0)
        c.nodeDim = d.nodeDim;
    if (c.graphDim <= 0)
        c.graphDim = d.graphDim;
    if (c.ensemble <= 0)
        c.ensemble = d.ensemble;
    return c;
}

TrainingResult trainPredictor(const TrainingConfig& requested, const Dataset& data, const TrainingCallbacks& cb)
{
    const TrainingConfig config = resolvedConfig(requested);
    if (config.model != "gnn" && config.model != "vae-latent")
        throw std::invalid_argument("unknown model \"" + config.model + "\" (available: gnn, vae-latent)");
    std::shared_ptr<VsGaeLatentModel> vae;
    if (config.model == "vae-latent") {
        if (config.latentModelPath.empty())
            throw std::invalid_argument("model vae-latent needs the VS-GAE whose latent code it reads (a train-vae model file)");
        vae = std::dynamic_pointer_cast<VsGaeLatentModel>(loadLatentModel(config.latentModelPath));
        if (!vae)
            throw DataError(config.latentModelPath + ": not a VS-GAE model");
    }
    const int target = budgetIndex(config.budgetEpochs);
    if (target < 0)
        throw std::invalid_argument("budget must be 4, 12, 36 or 108 epochs, not " + std::to_string(config.budgetEpochs));
    const auto log = [&](const std::string& line) {
        if (cb.onLog)
            cb.onLog(line);
    };
    const auto cancelled = [&] { return cb.cancel && cb.cancel->load(std::memory_order_relaxed); };

    setComputeThreads(config.threads);
    const torch::Device device = resolveDevice(config.device);

    TrainingResult result;
    result.device = device.is_cuda() ? "cuda" : "cpu";
    CheckpointState state;
    std::optional<torch::serialize::InputArchive> resumeArchive;
    if (config.resume && !config.checkpointPath.empty() && std::ifstream(config.checkpointPath).good()) {
        resumeArchive = openArchive(config.checkpointPath);
        if (readString(*resumeArchive, "format") != std::string(kCheckpointFormat))
            throw DataError(config.checkpointPath + ": not an ArchScope training checkpoint");
        try {
            const auto training = nlohmann::json::parse(requireString(*resumeArchive, "training", config.checkpointPath));
            if (training.at("config") != configJson(config))
                throw DataError(config.checkpointPath + ": checkpoint was written for another configuration: "
                                + training.at("config").dump());
            state.epoch = training.at("epoch");
            state.bestValLoss = training.at("best_val_loss");
            state.history = historyFromJson(training.at("history"));
        } catch (const nlohmann::json::exception& e) {
            throw DataError(config.checkpointPath + ": malformed training state: " + e.what());
        }
        state.split = readSplit(*resumeArchive, data.size(), config.checkpointPath);
        log("resuming from " + config.checkpointPath + " after epoch " + std::to_string(state.epoch));
    } else {
        SplitOptions so;
        so.trainSize = config.trainSize;
        so.valSize = config.valSize;
        so.seed = config.seed;
        so.maxTrainVertices = config.maxTrainVertices;
        so.budget = target;
        const auto sampler = samplerFromName(config.sampler);
        if (!sampler)
            throw std::invalid_argument("sampler must be random, even or edit, not \"" + config.sampler + "\"");
        so.sampler = *sampler;
        state.split = makeSplit(data, so);
    }
    if (state.split.train.empty() || state.split.validation.empty())
        throw std::invalid_argument("training needs at least one training and one validation cell");

    const std::vector<int> budgets = outputBudgets(data, state.split.train, target);
    const Prepared train = prepare(data, state.split.train, budgets);
    const Prepared val = prepare(data, state.split.validation, budgets);
    const TargetScaling scaling = scalingOf(train.targets);
    const torch::Tensor trainTargets = scaled(train.targets, scaling).to(device);
    const torch::Tensor valTargets = scaled(val.targets, scaling).to(device);
    const GraphTensors trainGraphs = train.graphs.to(device);
    const GraphTensors valGraphs = val.graphs.to(device);
    log("device " + result.device + ", " + std::to_string(computeThreads()) + " threads, "
        + std::to_string(state.split.train.size()) + " training and " + std::to_string(state.split.validation.size())
        + " validation cells, " + std::to_string(budgets.size()) + " outputs");

    GnnConfig gnn;
    gnn.nodeDim = config.nodeDim;
    gnn.graphDim = config.graphDim;
    gnn.outputs = static_cast<int>(budgets.size());
    if (vae) {
        gnn.nodeDim = vae->config().nodeDim;
        gnn.graphDim = vae->config().graphDim;
        gnn.layers = vae->config().layers;
        gnn.encoder = "vsgae";
    }
    // A member: freshly initialised, or with the VS-GAE's encoder and mean readout, frozen.
    const auto newMember = [&] {
        GnnRegressor m(gnn);
        if (vae) {
            copyModuleState(*m->encoder, *vae->network()->encoder->nodes);
            copyModuleState(*m->readout, *vae->network()->encoder->mean);
            for (auto& p : m->encoder->parameters())
                p.set_requires_grad(false);
            for (auto& p : m->readout->parameters())
                p.set_requires_grad(false);
            m->codeMean.copy_(torch::tensor(vae->latentMean()));
            m->codeStd.copy_(torch::tensor(vae->latentStd()));
        }
        return m;
    };
    // Members of an ensemble train one after another on the same split, each from its own
    // initialisation and batch order; the epochs of the run count on across members.
    const int members = config.ensemble;
    const int totalEpochs = members * config.epochs;
    const auto memberSeed = [&](int m) { return config.seed + 1000003ULL * static_cast<std::uint64_t>(m); };
    const auto cpuCopy = [&](GnnRegressor& from) {
        GnnRegressor copy(gnn);
        copyModuleState(*copy, *from);
        return copy;
    };
    std::vector<GnnRegressor> finished; // best weights of the members already trained
    GnnRegressor memberBest{nullptr};   // best weights so far of the member in training
    int member = state.epoch > 0 ? (state.epoch - 1) / config.epochs : 0;
    torch::manual_seed(memberSeed(member));
    GnnRegressor model = newMember();
    if (resumeArchive) {
        for (int m = 0; m <= member && m < members; ++m) {
            torch::serialize::InputArchive part;
            const std::string key = "member" + std::to_string(m);
            if (!resumeArchive->try_read(key, part))
                throw DataError(config.checkpointPath + ": missing \"" + key + "\"");
            GnnRegressor weights(gnn);
            loadModuleChecked(*weights, part, config.checkpointPath + ": " + key);
            if (m < member)
                finished.push_back(weights);
            else
                memberBest = weights;
        }
        if (memberBest)
            model = cpuCopy(memberBest);
    }
    model->to(device);
    // A frozen encoder gives every member the same embeddings: computed once, the members train
    // their MLPs on them.
    const auto trainable = [&](GnnRegressor& m) { return vae ? m->mlp->parameters() : m->parameters(); };
    torch::Tensor trainEmbeddings, valEmbeddings;
    if (vae) {
        c10::InferenceMode inference;
        trainEmbeddings = model->embed(trainGraphs);
        valEmbeddings = model->embed(valGraphs);
    }
    const auto outputsOf = [&](GnnRegressor& m, const GraphTensors& graphs, const torch::Tensor& embeddings,
                               const c10::optional<torch::Tensor>& rows) {
        if (vae)
            return m->head(rows ? embeddings.index_select(0, *rows) : embeddings);
        return m->forward(rows ? graphs.index(*rows) : graphs);
    };
    auto optimizer = std::make_unique<torch::optim::Adam>(
        trainable(model), torch::optim::AdamOptions(config.learningRate).weight_decay(config.weightDecay));
    if (resumeArchive && memberBest) {
        torch::serialize::InputArchive opt;
        if (!resumeArchive->try_read("optimizer", opt))
            throw DataError(config.checkpointPath + ": missing optimizer state");
        try {
            optimizer->load(opt);
        } catch (const c10::Error& e) {
            throw DataError(config.checkpointPath + ": optimizer state does not fit the model");
        }
    }
    result.history = state.history;
    const std::string name = predictorName(config);
    auto snapshot = [&] {
        std::vector<GnnRegressor> all = finished;
        if (memberBest)
            all.push_back(memberBest);
        return std::make_shared<GnnPredictor>(gnn, all, scaling, config.budgetEpochs, name);
    };
    if (resumeArchive)
        result.predictor = snapshot();

    const auto start = Clock::now();
    const std::int64_t n = trainGraphs.size();
    const int stepsPerEpoch = static_cast<int>((n + config.batchSize - 1) / config.batchSize);
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    int epochsWithoutImprovement = 0;
    const int resumedAfter = state.epoch;
    result.stopReason = "completed";
    for (int epoch = state.epoch + 1; epoch <= totalEpochs; ++epoch) {
        const int memberEpoch = (epoch - 1) % config.epochs + 1;
        if (memberEpoch == 1 && epoch > 1) {
            // The previous member is done: keep its best weights and start the next one afresh.
            if (memberBest)
                finished.push_back(memberBest);
            memberBest = nullptr;
            member = (epoch - 1) / config.epochs;
            state.bestValLoss = std::numeric_limits<double>::infinity();
            epochsWithoutImprovement = 0;
            torch::manual_seed(memberSeed(member));
            model = newMember();
            model->to(device);
            optimizer = std::make_unique<torch::optim::Adam>(
                trainable(model), torch::optim::AdamOptions(config.learningRate).weight_decay(config.weightDecay));
        }
        const double lr = cosineLearningRate(config.learningRate, memberEpoch - 1, config.epochs);
        setLearningRate(*optimizer, lr);
        std::iota(order.begin(), order.end(), 0);
        std::mt19937_64 rng(memberSeed(member) * 1000003ULL + static_cast<std::uint64_t>(memberEpoch));
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
            const torch::Tensor loss = lossOf(outputsOf(model, trainGraphs, trainEmbeddings, rows),
                                              trainTargets.index_select(0, rows));
            const double lossValue = loss.item<double>();
            if (!std::isfinite(lossValue)) {
                result.stopReason = "diverged: the loss became " + std::to_string(lossValue) + " in epoch "
                                    + std::to_string(epoch) + ", step " + std::to_string(step + 1)
                                    + "; the last good checkpoint is kept";
                log(result.stopReason);
                return result;
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
                ev.graphsPerSecond = static_cast<double>(rows.size(0))
                                     / std::max(1e-9, std::chrono::duration<double>(Clock::now() - stepStart).count());
                cb.onStep(ev);
            }
        }
        const double epochSeconds = std::chrono::duration<double>(Clock::now() - epochStart).count();

        model->eval();
        torch::Tensor valOut;
        {
            c10::InferenceMode inference;
            valOut = outputsOf(model, valGraphs, valEmbeddings, c10::nullopt);
        }
        const double valLoss = torch::mse_loss(valOut.select(1, gnn.outputs - 1), valTargets.select(1, gnn.outputs - 1))
                                   .item<double>();
        const torch::Tensor valScores = valOut.select(1, gnn.outputs - 1).to(torch::kCPU, torch::kFloat32).contiguous();
        EpochEvent ev;
        ev.epoch = epoch;
        ev.epochs = totalEpochs;
        ev.trainLoss = lossSum / stepsPerEpoch;
        ev.valLoss = valLoss;
        for (std::int64_t i = 0; i < valScores.numel(); ++i)
            ev.valPredicted.push_back(static_cast<float>(scaling.target().toValue(valScores.data_ptr<float>()[i])));
        ev.valTrue = val.truth;
        const std::vector<double> p(ev.valPredicted.begin(), ev.valPredicted.end());
        const std::vector<double> y(ev.valTrue.begin(), ev.valTrue.end());
        ev.kendallTau = kendallTau(p, y);
        ev.pearson = pearson(p, y);
        ev.rmse = rmse(p, y);
        ev.learningRate = lr;
        ev.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        const int done = epoch - resumedAfter;
        ev.etaSeconds = ev.seconds / done * (totalEpochs - epoch);
        ev.graphsPerSecond = static_cast<double>(n) / std::max(1e-9, epochSeconds);
        if (!std::isfinite(valLoss)) {
            result.stopReason = "diverged: the validation loss became " + std::to_string(valLoss) + " in epoch "
                                + std::to_string(epoch) + "; the last good checkpoint is kept";
            log(result.stopReason);
            return result;
        }
        ev.improved = valLoss < state.bestValLoss;
        state.epoch = epoch;
        if (ev.improved) {
            state.bestValLoss = valLoss;
            epochsWithoutImprovement = 0;
            memberBest = cpuCopy(model);
            result.predictor = snapshot();
        } else {
            ++epochsWithoutImprovement;
        }
        EpochEvent summary = ev;
        summary.valPredicted.clear();
        summary.valTrue.clear();
        state.history.push_back(summary);
        result.history = state.history;
        if (ev.improved && !config.checkpointPath.empty())
            writeCheckpoint(config.checkpointPath, *std::static_pointer_cast<GnnPredictor>(result.predictor), *optimizer,
                            config, state);
        if (cb.onEpoch)
            cb.onEpoch(ev);
        if (config.patience > 0 && epochsWithoutImprovement >= config.patience && memberEpoch < config.epochs) {
            log("early stop of member " + std::to_string(member + 1) + " after epoch " + std::to_string(epoch));
            if (member + 1 == members) {
                result.stopReason = "early stop";
                break;
            }
            // Go on with the next member; the skipped epochs are not run.
            epoch = (member + 1) * config.epochs;
        }
    }
    return result;
}

} // namespace archscope
