// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"
#include "PredictorEvaluation.h"
#include "train/ParallelSettings.h"
#include "OptionChecks.h"

#include "data/DatasetLoader.h"
#include "data/Splits.h"
#include "metrics/Metrics.h"
#include "registry/PredictorRegistry.h"
#include "registry/Trainer.h"
#include "train/GnnTrainer.h"
#include "runtime/Runtime.h"
#include "util/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

namespace archscope::cli {

namespace {

struct TrainOptions {
    TrainingConfig config;
    std::string data;
    std::string out;
};

int runTrain(TrainOptions& opt, const GlobalOptions& global)
{
    // One command per job: train's test metrics would score thousands of held-out cells a network each.
    if (predictorKind(opt.config.model).labelFree)
        throw std::invalid_argument("--model " + opt.config.model + ": a " + predictorKind(opt.config.model).displayName
                                    + " is trained with train-ghn, not train");
    opt.config.threads = global.threads;
    checkOutputPath(opt.out, {opt.data.empty() ? defaultDatasetPath() : opt.data, opt.config.latentModelPath,
                             opt.config.checkpointPath});
    const Dataset data = loadDataset(opt.data.empty() ? defaultDatasetPath() : opt.data);
    TrainingCallbacks callbacks;
    callbacks.onLog = [](const std::string& line) { std::cerr << line << '\n'; };
    callbacks.onEpoch = [&](const EpochEvent& e) {
        std::fprintf(stderr,
                     "epoch %4d/%d  train loss %.4f  val loss %.4f  tau %.4f  pearson %.4f  rmse %.4f  lr %.2e  "
                     "%.0f graphs/s  %.0fs (eta %.0fs)%s\n",
                     e.epoch, e.epochs, e.trainLoss, e.valLoss, e.kendallTau, e.pearson, e.rmse, e.learningRate,
                     e.examplesPerSecond, e.seconds, e.etaSeconds, e.improved ? "  *" : "");
    };
    const TrainingResult result = trainPredictor(opt.config, data, callbacks);
    // In a data-parallel run rank 0 writes the model and prints the summary.
    if (!isPrimaryProcess())
        return result.ok() && (result.stopReason == "completed" || result.stopReason == "early stop") ? 0 : 1;
    if (!result.ok()) {
        std::cerr << "archscope-cli train: no model: " << result.stopReason << '\n';
        return 1;
    }
    result.predictor->save(opt.out);
    // Evaluate on the held-out records of the same split: everything not used for training or validation.
    SplitOptions so;
    const TrainingConfig c = resolvedConfig(opt.config);
    so.trainSize = c.trainSize;
    so.valSize = c.valSize;
    so.seed = c.seed;
    so.sampler = *samplerFromName(c.sampler);
    so.maxTrainVertices = c.maxTrainVertices;
    so.budget = budgetIndex(c.budgetEpochs);
    const Split split = makeSplit(data, so);
    nlohmann::json summary = {{"model", opt.out}, {"stop_reason", result.stopReason}, {"device", result.device},
                              {"epochs_run", result.history.size()},
                              {"seconds", result.history.empty() ? 0.0 : result.history.back().seconds},
                              {"test", evaluateOn(*result.predictor, data, split.test)}};
    std::cout << (global.json ? summary.dump() : summary.dump(2)) << '\n';
    return result.stopReason == "completed" || result.stopReason == "early stop" ? 0 : 1;
}

int runEval(const std::string& model, const std::string& dataPath, const GlobalOptions& global)
{
    const auto predictor = loadPredictor(model);
    if (!scoresDatasets(*predictor))
        throw std::invalid_argument(model + ": a " + predictorKind(predictor->kind()).displayName
                                    + " is evaluated with eval-ghn, not eval");
    const Dataset data = loadDataset(dataPath.empty() ? defaultDatasetPath() : dataPath);
    std::vector<std::size_t> all(data.size());
    std::iota(all.begin(), all.end(), 0);
    const nlohmann::json m = evaluateOn(*predictor, data, all);
    if (global.json) {
        std::cout << m.dump() << '\n';
    } else {
        std::cout << predictor->name() << " on " << data.source() << ":\n" << m.dump(2) << '\n';
    }
    return 0;
}

// "kind (default X), other kind (default Y)" when the kinds' defaults differ, else "default X".
template <class Field>
std::string defaultsText(Field field)
{
    std::string text;
    bool differ = false;
    const auto& kinds = predictorKinds();
    for (const PredictorKind& k : kinds) {
        std::ostringstream value;
        value << field(k.defaults);
        differ = differ || field(k.defaults) != field(kinds.front().defaults);
        text += (text.empty() ? "" : ", ") + k.id + " " + value.str();
    }
    if (differ)
        return "default: " + text;
    std::ostringstream value;
    value << field(kinds.front().defaults);
    return "default " + value.str();
}

std::string kindsHelp()
{
    std::string text = "predictor kind:";
    for (const PredictorKind& k : predictorKinds())
        text += "\n  " + k.id + ": " + k.displayName + ", " + k.description;
    return text;
}

} // namespace

void addTrainCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<TrainOptions>();
    TrainingConfig& c = opt->config;
    CLI::App* cmd = app.add_subcommand("train", "train an accuracy predictor; prints a line per epoch and the test metrics");
    std::vector<std::string> ids;
    for (const PredictorKind& k : predictorKinds())
        ids.push_back(k.id);
    cmd->add_option("--model", c.model, kindsHelp())->check(CLI::IsMember(ids))->capture_default_str();
    cmd->add_option("--latent-model", c.latentModelPath,
                    "kinds that read a latent code: the VS-GAE model file (from train-vsgae) whose code they read");
    cmd->add_option("--data", opt->data, "JSONL(.gz) or imported cache (default: the bundled sample)");
    cmd->add_option("--train-size", c.trainSize, "training cells")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--val-size", c.valSize,
                    "validation cells, from outside the training cells; 0: none, each ensemble member validates on a "
                    "fifth of the training cells (its own draw), so that the run uses exactly --train-size labels")
        ->check(nonNegativeInteger())
        ->capture_default_str();
    cmd->add_option("--sampler", c.sampler, "random, even or edit")->capture_default_str();
    cmd->add_option("--max-train-vertices", c.maxTrainVertices, "zero-shot: train on cells with at most this many vertices, test on one more (0: off)")
        ->check(integerIn(0, kMaxVertices - 1));
    cmd->add_option("--budget", c.budgetEpochs, "target budget in epochs (4, 12, 36, 108)")->capture_default_str();
    cmd->add_flag("--aux-budgets,!--no-aux-budgets", c.auxiliaryBudgets,
                  "also learn the training cells' accuracies at the shorter budgets (default on; the field's "
                  "published protocol uses the target budget's alone)");
    cmd->add_option("--pretraining-epochs", c.pretrainingEpochs,
                    "epochs of the GNN encoder's label-free pre-training on the data's cells (their network's "
                    "multiply-accumulates and parameters, depth, op, edge and vertex counts) before it sees a label; 0: none ("
                    + defaultsText([](const TrainingConfig& d) { return d.pretrainingEpochs; }) + ")")
        ->check(nonNegativeInteger());
    cmd->add_option("--epochs", c.epochs, "epochs per ensemble member (" + defaultsText([](const TrainingConfig& d) { return d.epochs; })
                                        + "; gnn: more when an epoch has few batches, so that a member takes at least "
                                        + std::to_string(kGnnMinMemberSteps) + " steps)")->check(positiveInteger());
    cmd->add_option("--batch", c.batchSize, "batch size (" + defaultsText([](const TrainingConfig& d) { return d.batchSize; }) + ")")->check(positiveInteger());
    cmd->add_option("--lr", c.learningRate, "peak learning rate, cosine decay (" + defaultsText([](const TrainingConfig& d) { return d.learningRate; }) + ")")->check(positiveReal());
    cmd->add_option("--weight-decay", c.weightDecay, "Adam weight decay, L2 (" + defaultsText([](const TrainingConfig& d) { return d.weightDecay; }) + ")")->check(nonNegativeReal());
    cmd->add_option("--ranking-weight", c.rankingWeight, "weight of the pairwise ranking term beside the MSE ("
                                                         + defaultsText([](const TrainingConfig& d) { return d.rankingWeight; }) + ")")
        ->check(nonNegativeReal());
    cmd->add_option("--ensemble", c.ensemble, "members trained one after another and averaged (" + defaultsText([](const TrainingConfig& d) { return d.ensemble; })
                                          + "; gnn: up to 9 below 300 training cells)")->check(positiveInteger());
    cmd->add_option("--patience", c.patience, "stop after this many epochs without a better validation loss (0: off)")
        ->check(nonNegativeInteger());
    cmd->add_option("--seed", c.seed, "seed of the split, the initialisation and the batches")
        ->check(nonNegativeInteger())
        ->capture_default_str();
    cmd->add_option("--device", c.device, "auto, cpu or cuda")->capture_default_str();
    cmd->add_option("--node-dim", c.nodeDim, "vertex state size (" + defaultsText([](const TrainingConfig& d) { return d.nodeDim; }) + ")")->check(positiveInteger());
    cmd->add_option("--graph-dim", c.graphDim, "graph embedding size (" + defaultsText([](const TrainingConfig& d) { return d.graphDim; }) + ")")->check(positiveInteger());
    cmd->add_option("--checkpoint", c.checkpointPath, "checkpoint file, written after each improving epoch");
    cmd->add_flag("--resume", c.resume, "continue from --checkpoint when it exists");
    cmd->add_option("--threads", global.threads, "CPU threads (default: all cores)")->check(nonNegativeInteger());
    cmd->add_option("--out", opt->out, "model file to write")->required();
    cmd->add_flag("--json", global.json, "print the summary as one JSON line");
    cmd->callback([opt, &global, &exitCode] { exitCode = runTrain(*opt, global); });
}

void addEvalCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto model = std::make_shared<std::string>();
    auto data = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("eval", "metrics of a model on every record of a dataset");
    cmd->add_option("--model", *model, "model file")->required();
    cmd->add_option("--data", *data, "JSONL(.gz) or imported cache (default: the bundled sample)");
    cmd->add_option("--threads", global.threads, "CPU threads (default: all cores)")->check(nonNegativeInteger());
    cmd->add_flag("--json", global.json, "print one JSON object");
    cmd->callback([model, data, &global, &exitCode] {
        setComputeThreads(global.threads);
        exitCode = runEval(*model, *data, global);
    });
}

} // namespace archscope::cli
