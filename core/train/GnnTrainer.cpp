// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "train/GnnTrainer.h"

#include "data/Splits.h"
#include "metrics/Metrics.h"
#include "model/GnnPredictor.h"
#include "model/ModelArchive.h"
#include "model/VsGaeLatent.h"
#include "runtime/Runtime.h"
#include "train/FusedAdam.h"
#include "train/GnnTargets.h"
#include "train/LabelFreePretraining.h"
#include "train/TrainingLoop.h"
#include "train/TrainingSupport.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <random>

namespace archscope {

namespace {

std::string predictorName(const TrainingConfig& c)
{
    std::string s = std::string(c.model == GnnPredictor::kLatentKind ? GnnPredictor::kLatentShortName
                                                                     : GnnPredictor::kGnnShortName)
                    + " (" + std::to_string(c.trainSize) + " cells, " + c.sampler
                    + ", seed " + std::to_string(c.seed);
    if (c.maxTrainVertices > 0)
        s += ", <= " + std::to_string(c.maxTrainVertices) + " vertices";
    if (c.ensemble > 1)
        s += ", ensemble of " + std::to_string(c.ensemble);
    return s + ")";
}

// Why validation predictions make an unusable model, or "" when they are fine. A GNN whose ReLUs all
// died predicts one value for every cell: its τ is undefined and it ranks nothing.
std::string predictionProblem(const std::vector<float>& predicted)
{
    if (std::any_of(predicted.begin(), predicted.end(), [](float p) { return !std::isfinite(p); }))
        return "the predictions are not finite";
    const auto [lo, hi] = std::minmax_element(predicted.begin(), predicted.end());
    if (predicted.size() > 1 && *hi - *lo <= 1e-6f)
        return "the predictions are constant (" + std::to_string(*lo) + " for every validation cell)";
    return {};
}

// The GNN (or, with a VS-GAE, the MLP on its frozen latent code) as a task of the shared loop.
class GnnTask final : public TrainingTask {
public:
    GnnTask(const TrainingConfig& config, const Dataset& data, std::shared_ptr<const VsGaeLatentModel> vae,
            const std::atomic<bool>* cancel)
        : config_(config), data_(data), vae_(std::move(vae)), cancel_(cancel), fingerprint_(data.fingerprint())
    {
    }

    std::string configJson() const override
    {
        const TrainingConfig& c = config_;
        return nlohmann::json{{"model", c.model},         {"latent_model", c.latentModelPath},
                              {"budget_epochs", c.budgetEpochs}, {"train_size", c.trainSize},
                              {"val_size", c.valSize},    {"sampler", c.sampler},
                              {"max_train_vertices", c.maxTrainVertices}, {"epochs", c.epochs},
                              {"auxiliary_budgets", c.auxiliaryBudgets},
                              {"pretraining_epochs", c.pretrainingEpochs},
                              {"batch_size", c.batchSize}, {"learning_rate", c.learningRate},
                              {"weight_decay", c.weightDecay}, {"ranking_weight", c.rankingWeight},
                              {"patience", c.patience},
                              {"seed", c.seed},           {"node_dim", c.nodeDim},
                              {"graph_dim", c.graphDim},  {"ensemble", c.ensemble}}
            .dump();
    }

    std::string dataFingerprint() const override { return fingerprint_; }

    RunStartEvent prepare(const ModelArchive* checkpoint,
                          const std::function<void(const std::string&)>& log) override
    {
        log_ = log;
        const int target = budgetIndex(config_.budgetEpochs);
        SplitOptions so;
        so.trainSize = config_.trainSize;
        so.valSize = config_.valSize;
        so.seed = config_.seed;
        so.maxTrainVertices = config_.maxTrainVertices;
        so.budget = target;
        so.sampler = *samplerFromName(config_.sampler);
        split_ = runSplit(data_, so, checkpoint, config_.checkpointPath, /*validationFromTraining=*/config_.valSize == 0);
        holdout_ = split_.validation.empty() ? labelledHoldout(split_.train.size()) : 0;

        const std::vector<int> budgets = config_.auxiliaryBudgets ? outputBudgets(data_, split_.train, target)
                                                                  : std::vector<int>{target};
        const GnnTargets train = gnnTargets(data_, split_.train, budgets);
        scaling_ = fitTargetScaling(train.targets);
        device_ = resolveDevice(config_.device);
        labelledTargets_ = scaledTargets(train.targets, scaling_).to(device_);
        labelledGraphs_ = train.graphs.to(device_);
        labelledTruth_ = train.truth;
        trainTargets_ = labelledTargets_;
        trainGraphs_ = labelledGraphs_;
        if (!holdout_) {
            const GnnTargets val = gnnTargets(data_, split_.validation, budgets);
            valTargets_ = scaledTargets(val.targets, scaling_).to(device_);
            valGraphs_ = val.graphs.to(device_);
            valTruth_ = val.truth;
        }

        gnn_.nodeDim = config_.nodeDim;
        gnn_.graphDim = config_.graphDim;
        gnn_.outputs = static_cast<int>(budgets.size());
        gnn_.check();
        if (vae_) {
            gnn_.nodeDim = vae_->config().nodeDim;
            gnn_.graphDim = vae_->config().graphDim;
            gnn_.layers = vae_->config().layers;
            gnn_.encoder = "vsgae";
            // The MLP halves the code's width per layer: a VS-GAE with a narrow code cannot carry it.
            if ((gnn_.graphDim >> (gnn_.mlpLayers - 1)) < 1)
                throw std::invalid_argument(config_.latentModelPath + ": its latent code has " + std::to_string(gnn_.graphDim)
                                            + " dimensions, fewer than the predictor's MLP of " + std::to_string(gnn_.mlpLayers)
                                            + " layers needs (" + std::to_string(1 << (gnn_.mlpLayers - 1)) + ")");
            gnn_.check();
            // A frozen encoder gives every member the same embeddings: computed once, the members
            // train their MLPs on them.
            c10::InferenceMode inference;
            GnnRegressor m = newMember();
            m->to(device_);
            labelledEmbeddings_ = m->embed(labelledGraphs_);
            trainEmbeddings_ = labelledEmbeddings_;
            if (!holdout_)
                valEmbeddings_ = m->embed(valGraphs_);
        }
        if (config_.pretrainingEpochs > 0 && !vae_)
            pretrain();
        bindMember(0);
        RunStartEvent start;
        start.device = device_.is_cuda() ? "cuda" : "cpu";
        start.threads = computeThreads();
        start.trainingExamples = static_cast<std::size_t>(trainGraphs_.size());
        start.validationExamples = holdout_ ? holdout_ : split_.validation.size();
        if (holdout_)
            log("device " + start.device + ", " + std::to_string(start.threads) + " threads, "
                + std::to_string(split_.train.size()) + " labelled cells: each member trains on "
                + std::to_string(start.trainingExamples) + " and validates on the other " + std::to_string(holdout_)
                + ", drawn for it; " + std::to_string(budgets.size()) + " outputs");
        else
            log("device " + start.device + ", " + std::to_string(start.threads) + " threads, "
                + std::to_string(start.trainingExamples) + " training and " + std::to_string(start.validationExamples)
                + " validation cells, " + std::to_string(budgets.size()) + " outputs");
        return start;
    }

    std::int64_t trainingExamples() const override { return trainGraphs_.size(); }

    torch::optim::Optimizer& startMember(int member) override
    {
        if (memberBest_)
            finished_.push_back(memberBest_);
        memberBest_ = nullptr;
        bindMember(member);
        model_ = newMember();
        model_->to(device_);
        reviveDeadLayers();
        optimizer_ = std::make_unique<FusedAdam>(
            vae_ ? model_->mlp->parameters() : model_->parameters(),
            torch::optim::AdamOptions(config_.learningRate).weight_decay(config_.weightDecay));
        return *optimizer_;
    }

    void restoreMembers(const ModelArchive& checkpoint, int member) override
    {
        finished_.clear();
        for (int m = 0; m <= member; ++m) {
            const std::string key = "member" + std::to_string(m);
            const auto part = checkpoint.nested(key);
            if (!part)
                throw DataError(config_.checkpointPath + ": missing \"" + key + "\"");
            GnnRegressor weights(gnn_);
            part->loadModule(*weights, config_.checkpointPath + ": " + key);
            if (m < member)
                finished_.push_back(weights);
            else
                memberBest_ = weights;
        }
        copyModuleState(*model_, *memberBest_);
    }

    torch::Tensor trainingLoss(const torch::Tensor& batch) override
    {
        model_->train();
        return gnnLoss(outputs(batch), trainTargets_.index_select(0, batch), config_.rankingWeight);
    }

    // The loss pairs cells across the whole global batch (its ranking term) and takes means over the
    // known targets, so no share of it is a loss of the rank's part alone: the whole batch's loss is
    // computed from every rank's predictions, with only this rank's own carrying a gradient. The ranks'
    // gradients then sum to the single process's, and each share's value is the batch's loss over the
    // ranks.
    torch::Tensor trainingLossShare(const BatchPart& part) override
    {
        model_->train();
        const torch::Tensor mine = part.empty() ? torch::empty({0, gnn_.outputs}, trainTargets_.options())
                                                : outputs(part.rows());
        const torch::Tensor all = part.gather(mine);
        const torch::Tensor live = torch::cat({all.slice(0, 0, part.first), mine, all.slice(0, part.end)});
        const torch::Tensor loss = gnnLoss(live, trainTargets_.index_select(0, part.batch), config_.rankingWeight);
        const torch::Tensor value = loss.detach();
        return loss - value + value / static_cast<double>(part.ranks);
    }

    void validate(EpochEvent& ev) override
    {
        model_->eval();
        torch::Tensor out;
        {
            c10::InferenceMode inference;
            out = outputs(c10::nullopt);
        }
        const std::int64_t target = gnn_.outputs - 1;
        ev.valLoss = torch::mse_loss(out.select(1, target), valTargets_.select(1, target)).item<double>();
        const torch::Tensor scores = out.select(1, target).to(torch::kCPU, torch::kFloat32).contiguous();
        for (std::int64_t i = 0; i < scores.numel(); ++i)
            ev.valPredicted.push_back(static_cast<float>(scaling_.target().toValue(scores.data_ptr<float>()[i])));
        ev.valTrue = valTruth_;
        const std::vector<double> p(ev.valPredicted.begin(), ev.valPredicted.end());
        const std::vector<double> y(ev.valTrue.begin(), ev.valTrue.end());
        ev.kendallTau = kendallTau(p, y);
        ev.pearson = pearson(p, y);
        ev.rmse = rmse(p, y);
        ev.problem = predictionProblem(ev.valPredicted);
        // Layers can also die in training (Adam moves every weight of the GNN at once, and a 4-unit
        // layer's inputs with them): the next epoch starts from revived ones.
        if (!ev.problem.empty())
            reviveDeadLayers();
    }

    double selectionScore(const EpochEvent& ev) const override { return -ev.valLoss; }

    void keepBest() override { memberBest_ = cpuCopy(model_); }

    void writeCheckpoint(ModelArchive& archive) const override
    {
        best()->writeTo(archive);
        writeSplit(archive, split_);
    }

    // The best weights of every member so far, or null before any epoch was kept.
    std::shared_ptr<GnnPredictor> best() const
    {
        std::vector<GnnRegressor> all = finished_;
        if (memberBest_)
            all.push_back(memberBest_);
        if (all.empty())
            return nullptr;
        return std::make_shared<GnnPredictor>(gnn_, all, scaling_, config_.budgetEpochs,
                                              predictorName(config_));
    }

    // The intervals' calibration (model/PredictionIntervals.h): on a validation split, the ensemble
    // mean's errors. On exactly N labels, the out-of-bag errors: each labelled cell's truth against the
    // mean of the members that held it out (Kim, Xu and Barber, "Predictive inference is free with the
    // jackknife+-after-bootstrap", NeurIPS 2020, with their mean as the split-conformal score). CV+ on
    // each member's own errors, used before, widened with the members' spread: with 9 members at 100
    // labels its 90% interval held 94% of unseen cells (docs/BENCHMARKS.md).
    void calibrate(GnnPredictor& predictor)
    {
        if (!holdout_) {
            bindMember(0);
            const std::vector<float> predicted = predictor.predictEncoded(valGraphs_);
            std::vector<float> errors;
            for (std::size_t i = 0; i < valTruth_.size(); ++i)
                errors.push_back(std::abs(valTruth_[i] - predicted[i]));
            predictor.setIntervals(PredictionIntervals({std::move(errors)}, "the validation split"));
            return;
        }
        const std::size_t members = predictor.members();
        std::vector<double> sum(labelledTruth_.size(), 0.0);
        std::vector<int> count(labelledTruth_.size(), 0);
        for (std::size_t m = 0; m < members; ++m) {
            bindMember(static_cast<int>(m));
            const std::vector<float> predicted = predictor.predictMembers(valGraphs_);
            const std::size_t n = heldRows_.size();
            for (std::size_t i = 0; i < n; ++i) {
                const auto cell = static_cast<std::size_t>(heldRows_[i]);
                sum[cell] += predicted[m * n + i];
                ++count[cell];
            }
        }
        std::vector<float> errors;
        for (std::size_t i = 0; i < sum.size(); ++i)
            if (count[i] > 0)
                errors.push_back(static_cast<float>(std::abs(labelledTruth_[i] - sum[i] / count[i])));
        predictor.setIntervals(PredictionIntervals({std::move(errors)}, "the training cells, out of bag: each against the members that held it out"));
    }

private:
    // With --val-size 0 the run sees only its N labelled cells: each member holds out a fifth of them,
    // its own draw, to choose its epoch, and trains on the rest, so the ensemble learns from all N.
    static std::size_t labelledHoldout(std::size_t labelled)
    {
        if (labelled < 5)
            throw std::invalid_argument("--val-size 0 needs at least 5 training cells (each member validates on a "
                                        "fifth of them), not " + std::to_string(labelled));
        return labelled / 5;
    }

    // Points the training (and, with a holdout, validation) tensors at member `member`'s rows.
    void bindMember(int member)
    {
        if (!holdout_)
            return;
        const auto n = static_cast<std::size_t>(labelledGraphs_.size());
        std::mt19937_64 rng(config_.seed * 1000003u + static_cast<std::uint64_t>(member));
        std::vector<std::pair<std::uint64_t, std::int64_t>> keyed(n);
        for (std::size_t i = 0; i < n; ++i)
            keyed[i] = {rng(), static_cast<std::int64_t>(i)};
        std::sort(keyed.begin(), keyed.end());
        std::vector<std::int64_t> held, kept;
        for (std::size_t i = 0; i < n; ++i)
            (i < holdout_ ? held : kept).push_back(keyed[i].second);
        std::sort(held.begin(), held.end());
        std::sort(kept.begin(), kept.end());
        heldRows_ = held;
        const torch::Tensor heldRows = torch::tensor(held, torch::kInt64).to(device_);
        const torch::Tensor keptRows = torch::tensor(kept, torch::kInt64).to(device_);
        trainGraphs_ = labelledGraphs_.index(keptRows);
        trainTargets_ = labelledTargets_.index_select(0, keptRows);
        valGraphs_ = labelledGraphs_.index(heldRows);
        valTargets_ = labelledTargets_.index_select(0, heldRows);
        valTruth_.clear();
        for (std::int64_t i : held)
            valTruth_.push_back(labelledTruth_[static_cast<std::size_t>(i)]);
        if (vae_) {
            trainEmbeddings_ = labelledEmbeddings_.index_select(0, keptRows);
            valEmbeddings_ = labelledEmbeddings_.index_select(0, heldRows);
        }
    }

    // The encoder's label-free pre-training (train/LabelFreePretraining.h) on the dataset's cells, all
    // of them labelled or not, at most kPretrainingCells of them (a seeded draw): their accuracies
    // are never read. A resumed run repeats it, as it is the same for the same seed and data.
    void pretrain()
    {
        constexpr std::size_t kPretrainingCells = 20000;
        std::vector<std::size_t> rows(data_.size());
        for (std::size_t i = 0; i < rows.size(); ++i)
            rows[i] = i;
        if (rows.size() > kPretrainingCells) {
            std::mt19937_64 rng(config_.seed);
            std::shuffle(rows.begin(), rows.end(), rng);
            rows.resize(kPretrainingCells);
        }
        std::vector<Cell> cells;
        cells.reserve(rows.size());
        for (std::size_t i : rows)
            cells.push_back(data_[i].cell);
        PretrainingOptions o;
        o.epochs = config_.pretrainingEpochs;
        o.seed = config_.seed;
        o.device = device_;
        o.cancel = cancel_;
        o.log = log_;
        pretrained_ = pretrainOnLabelFreeTargets(gnn_, cells, o);
    }

    // Freshly initialised (from the label-free pre-training's encoder where there is one), or with the
    // VS-GAE's encoder and mean readout, frozen.
    GnnRegressor newMember() const
    {
        GnnRegressor m(gnn_);
        if (pretrained_)
            startFromPretrained(m, pretrained_);
        if (vae_) {
            copyModuleState(*m->encoder, *vae_->network()->encoder->nodes);
            copyModuleState(*m->readout, *vae_->network()->encoder->mean);
            for (auto& p : m->encoder->parameters())
                p.set_requires_grad(false);
            for (auto& p : m->readout->parameters())
                p.set_requires_grad(false);
            m->codeMean.copy_(torch::tensor(vae_->latentMean()));
            m->codeStd.copy_(torch::tensor(vae_->latentStd()));
        }
        return m;
    }

    // On the embeddings of (at most) the first kReviveCells training cells: a layer inactive for all of
    // them passes almost no gradient, and more cells cost time at every member's start.
    void reviveDeadLayers()
    {
        constexpr std::int64_t kReviveCells = 256;
        const torch::Tensor rows = torch::arange(std::min(kReviveCells, trainGraphs_.size()), torch::kInt64).to(device_);
        torch::Tensor embeddings;
        {
            c10::InferenceMode inference;
            embeddings = vae_ ? trainEmbeddings_.index_select(0, rows) : model_->embed(trainGraphs_.index(rows));
        }
        const int redraws = model_->reviveDeadLayers(embeddings.clone());
        if (redraws > 0 && log_)
            log_("redrew " + std::to_string(redraws) + " MLP layer(s) that were inactive for every cell");
    }

    GnnRegressor cpuCopy(const GnnRegressor& from) const
    {
        GnnRegressor copy(gnn_);
        copyModuleState(*copy, *from);
        return copy;
    }

    // The model's outputs on the training rows `rows`, or on the whole validation split.
    torch::Tensor outputs(const c10::optional<torch::Tensor>& rows)
    {
        if (vae_)
            return model_->head(rows ? trainEmbeddings_.index_select(0, *rows) : valEmbeddings_);
        return model_->forward(rows ? trainGraphs_.index(*rows) : valGraphs_);
    }

    TrainingConfig config_;
    const Dataset& data_;
    std::shared_ptr<const VsGaeLatentModel> vae_;
    const std::atomic<bool>* cancel_;
    std::string fingerprint_;
    torch::Device device_{torch::kCPU};
    Split split_;
    GnnConfig gnn_;
    TargetScaling scaling_;
    std::size_t holdout_ = 0; // cells each member holds out of the labelled ones; 0 with a validation split
    GraphTensors labelledGraphs_, trainGraphs_, valGraphs_;
    torch::Tensor labelledTargets_, trainTargets_, valTargets_, labelledEmbeddings_, trainEmbeddings_, valEmbeddings_;
    std::vector<float> labelledTruth_, valTruth_;
    std::vector<std::int64_t> heldRows_; // the bound member's held-out cells, as rows of the labelled ones
    std::function<void(const std::string&)> log_;
    GnnRegressor model_{nullptr};
    std::unique_ptr<FusedAdam> optimizer_;
    std::vector<GnnRegressor> finished_; // best weights of the members already trained
    GnnRegressor memberBest_{nullptr};   // best weights so far of the member in training
    GnnRegressor pretrained_{nullptr};   // the label-free pre-training's model, or null
};

TrainingResult train(const TrainingConfig& config, const Dataset& data, const TrainingCallbacks& callbacks,
                     std::shared_ptr<const VsGaeLatentModel> vae)
{
    if (static_cast<std::size_t>(config.ensemble) > GnnPredictor::kMaxMembers)
        throw std::invalid_argument("--ensemble must be at most " + std::to_string(GnnPredictor::kMaxMembers) + ", not "
                                    + std::to_string(config.ensemble));
    setComputeThreads(config.threads);
    GnnTask task(config, data, std::move(vae), callbacks.cancel);
    TrainingResult result;
    static_cast<RunSummary&>(result) = runTrainingLoop(task, loopSettingsOf(config, config.ensemble, config.patience), callbacks);
    if (const auto best = task.best()) {
        task.calibrate(*best);
        result.predictor = best;
    }
    return result;
}

} // namespace

TrainingConfig gnnTrainingDefaults()
{
    TrainingConfig c;
    c.model = "gnn";
    c.epochs = 50;
    c.batchSize = 64;
    c.learningRate = 1e-3;
    c.weightDecay = 3e-3; // Adam's L2 term, as torch.optim.Adam; chosen by validation τ (docs/BENCHMARKS.md)
    c.rankingWeight = 0.5;
    c.pretrainingEpochs = 5; // docs/BENCHMARKS.md, "Label-free pre-training"
    c.nodeDim = 250;
    c.graphDim = 56;
    c.ensemble = 3;
    return c;
}

void fitGnnRunToSize(TrainingConfig& c)
{
    const TrainingConfig d = gnnTrainingDefaults();
    if (c.trainSize == 0 || c.batchSize < 1)
        return;
    // The cells a member trains on: with --val-size 0 it holds out a fifth of them.
    const std::size_t rows = c.valSize == 0 ? c.trainSize - c.trainSize / 5 : c.trainSize;
    const auto batch = static_cast<std::size_t>(c.batchSize);
    const auto stepsPerEpoch = static_cast<int>(std::max<std::size_t>(1, (rows + batch - 1) / batch));
    if (c.epochs == 0)
        c.epochs = std::max(d.epochs, (kGnnMinMemberSteps + stepsPerEpoch - 1) / stepsPerEpoch);
    // A member costs the same steps at any size, so small sets can afford more of them; their
    // predictions vary most from member to member there.
    constexpr std::size_t kEnsembleCells = 900;
    if (c.ensemble == 0)
        c.ensemble = static_cast<int>(std::clamp<std::size_t>((kEnsembleCells + c.trainSize - 1) / c.trainSize,
                                                              static_cast<std::size_t>(d.ensemble), 9));
}

TrainingResult trainGnnPredictor(const TrainingConfig& config, const Dataset& data, const TrainingCallbacks& callbacks)
{
    return train(config, data, callbacks, nullptr);
}

TrainingResult trainVsGaeLatentPredictor(const TrainingConfig& config, const Dataset& data,
                                         const TrainingCallbacks& callbacks)
{
    if (config.latentModelPath.empty())
        throw std::invalid_argument("the VS-GAE latent predictor needs the VS-GAE whose latent code it reads "
                                    "(a train-vsgae model file)");
    auto vae = std::dynamic_pointer_cast<const VsGaeLatentModel>(loadLatentModel(config.latentModelPath));
    if (!vae)
        throw DataError(config.latentModelPath + ": not a VS-GAE model");
    return train(config, data, callbacks, std::move(vae));
}

} // namespace archscope
