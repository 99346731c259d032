// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"
#include "MetricsJson.h"
#include "OptionChecks.h"
#include "GroundTruth.h"
#include "ShardedJob.h"

#include "cell/NetworkParams.h"
#include "data/DatasetLoader.h"
#include "data/JsonlFormat.h"
#include "ghn/GhnPredictor.h"
#include "ghn/GhnTrainer.h"
#include "metrics/Metrics.h"
#include "network/NetworkTraining.h"
#include "registry/PredictorRegistry.h"
#include "registry/Trainer.h"
#include "runtime/Runtime.h"
#include "train/ParallelSettings.h"
#include "util/AtomicFile.h"
#include "util/Errors.h"
#include "util/TextFiles.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>
#include <numeric>
#include <unordered_map>

namespace archscope::cli {

namespace {

struct TrainGhnOptions {
    TrainingConfig config = ghnTrainingDefaults();
    std::string data;
    std::string out;
};

int runTrainGhn(TrainGhnOptions& opt, const GlobalOptions& global)
{
    opt.config.threads = global.threads;
    const std::string dataPath = opt.data.empty() ? defaultDatasetPath() : opt.data;
    checkOutputPath(opt.out, {dataPath, opt.config.checkpointPath});
    const Dataset data = loadDataset(dataPath);
    TrainingCallbacks callbacks;
    callbacks.onLog = [](const std::string& line) { std::cerr << line << '\n'; };
    callbacks.onEpoch = [](const EpochEvent& e) {
        std::fprintf(stderr,
                     "epoch %3d/%d  train loss %.4f  probe loss %.4f  probe acc %.4f  tau %.4f  pearson %.4f  "
                     "%.0f images/s  %.0fs (eta %.0fs)%s\n",
                     e.epoch, e.epochs, e.trainLoss, e.valLoss, e.accuracy, e.kendallTau, e.pearson,
                     e.examplesPerSecond, e.seconds, e.etaSeconds, e.improved ? "  *" : "");
    };
    const TrainingResult result = trainPredictor(opt.config, data, callbacks);
    // In a data-parallel run rank 0 writes the model and prints the summary.
    if (!isPrimaryProcess())
        return result.ok() && (result.stopReason == "completed" || result.stopReason == "early stop") ? 0 : 1;
    if (!result.ok()) {
        std::cerr << "archscope-cli train-ghn: no model: " << result.stopReason << '\n';
        return 1;
    }
    result.predictor->save(opt.out);
    const nlohmann::json summary = {{"model", opt.out}, {"stop_reason", result.stopReason}, {"device", result.device},
                                    {"epochs_run", result.history.size()},
                                    {"seconds", result.history.empty() ? 0.0 : result.history.back().seconds},
                                    {"probe_kendall_tau", result.history.empty() ? 0.0 : result.history.back().kendallTau}};
    std::cout << (global.json ? summary.dump() : summary.dump(2)) << '\n';
    return result.stopReason == "completed" || result.stopReason == "early stop" ? 0 : 1;
}

struct EvalGhnOptions : TruthSource {
    std::string model;
    std::string scoresOut;
    std::string shard;
    std::string rankBy = "loss";
};

// hash,<score columns>,truth per cell, atomically.
void writeScores(const std::string& path, const std::string& header, const std::vector<Cell>& cells,
                 const std::function<std::string(std::size_t)>& scores, const std::vector<double>& truth)
{
    writeCsvFile(path, "hash," + header + ",truth", cells.size(), [&](std::size_t i) {
        char value[32];
        std::snprintf(value, sizeof value, "%.6f", truth[i]);
        return moduleHash(cells[i]).hex() + "," + scores(i) + "," + value;
    });
}

// What ranks a scored network, higher first: by its loss on the scoring images, the GHN score
// exp(−loss) that the explorer, inspect, eval and predict show (GhnScore::score), or its accuracy
// there. The loss is the default: on a few hundred images the accuracy moves in steps of 1/500 and
// ties often, while the cross-entropy also tells a confidently right network from a barely right one
// (docs/BENCHMARKS.md measures both).
double rankingScore(const std::string& rankBy, double accuracy, double loss)
{
    return rankBy == "loss" ? GhnScore{accuracy, loss}.score() : accuracy;
}

CLI::Option* addRankByOption(CLI::App* cmd, std::string& rankBy)
{
    return cmd->add_option("--rank-by", rankBy, "the score that ranks: loss (the GHN score exp(-loss): lower loss ranks higher) or accuracy")
        ->check(CLI::IsMember({"loss", "accuracy"}))
        ->capture_default_str();
}

nlohmann::json correlationJson(const std::vector<double>& scores, const std::vector<double>& truth, double seconds)
{
    nlohmann::json j = cli::correlationJson(evaluateRegression(scores, truth));
    j["seconds_per_cell"] = seconds / static_cast<double>(scores.size());
    return j;
}

int runEvalGhn(const EvalGhnOptions& opt, const GlobalOptions& global)
{
    setComputeThreads(global.threads);
    ShardedJob job("eval-ghn", opt.shard, opt.scoresOut, "model " + fileFingerprint(opt.model));
    if (job.shard().sharded() && opt.scoresOut.empty())
        throw std::invalid_argument("--scores: a shard (" + job.shard().source + ") writes its cells' scores to a file of its own; name one");
    if (!opt.scoresOut.empty())
        checkOutputPath(job.out(), {opt.model, opt.data, opt.truth}, "--scores");
    const auto predictor = std::dynamic_pointer_cast<GhnPredictor>(loadPredictor(opt.model));
    if (!predictor)
        throw DataError(opt.model + ": not a Graph HyperNetwork (kind \"ghn\")");
    std::vector<Cell> cells;
    std::vector<double> truth, params;
    readTruth(opt, cells, truth, nullptr, &params);
    if (cells.size() < 2)
        throw DataError("eval-ghn: fewer than 2 cells with a ground truth to correlate");
    std::vector<ModuleHash> hashes;
    for (const Cell& c : cells)
        hashes.push_back(moduleHash(c));
    const auto block = job.start(hashes);
    cells = blockOf(cells, block);
    truth = blockOf(truth, block);
    params = blockOf(params, block);
    // More shards than cells: this one's scores are empty, as every sharded command's empty block is,
    // and merge joins it with the others; a correlation needs the whole job (merge prints it).
    if (cells.empty()) {
        writeScores(job.out(), "ghn_accuracy,ghn_loss", cells, [](std::size_t) { return std::string(); }, truth);
        job.finish("csv", 0);
        std::cout << nlohmann::json{{"n", 0}, {"shard", job.shard().index}, {"shards", job.shard().count}}.dump() << '\n';
        return 0;
    }
    predictor->score({cells.front()}); // loads the images: not part of the per-cell time
    const auto start = std::chrono::steady_clock::now();
    const std::vector<GhnScore> scores = predictor->score(cells);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<double> ranking; // higher ranks higher
    for (const GhnScore& s : scores)
        ranking.push_back(rankingScore(opt.rankBy, s.accuracy, s.loss));
    if (!opt.scoresOut.empty()) {
        writeScores(job.out(), "ghn_accuracy,ghn_loss", cells, [&](std::size_t i) {
            char text[64];
            std::snprintf(text, sizeof text, "%.6f,%.6f", scores[i].accuracy, scores[i].loss);
            return std::string(text);
        }, truth);
        job.finish("csv", cells.size());
    }
    nlohmann::json j = correlationJson(ranking, truth, seconds);
    j["rank_by"] = opt.rankBy;
    // The label-free baseline any ranking must beat, on the same cells; the gain's interval says
    // whether the GHN is above it or only level with it on these cells.
    const RegressionMetrics byParams = evaluateRegression(params, truth);
    j["parameter_count"] = cli::correlationJson(byParams);
    j["parameter_count"].erase("n"); // the same cells as the GHN's
    const TauGain gain = pairedKendallTauGain(ranking, params, truth);
    j["kendall_tau_over_parameter_count"] = {{"gain", gain.gain}, {"ci95", {gain.low, gain.high}},
                                             {"bootstrap_resamples", gain.resamples}};
    std::cout << (global.json ? j.dump() : predictor->name() + ": " + j.dump(2)) << '\n';
    return 0;
}

struct EvalSgdOptions {
    EvalGhnOptions cells;        // --data/--truth, --limit, --scores, --rank-by
    NetTrainingConfig training;
    int steps = 10;
};

// The label-free baseline of Zhang et al.'s Table 1: each cell's own network trained from scratch for
// `steps` SGD steps (NAS-Bench-101's recipe, on the GHN's task and network size), scored by its
// loss or accuracy on the same validation images a GHN scores on.
int runEvalSgd(EvalSgdOptions& opt, const GlobalOptions& global)
{
    setComputeThreads(global.threads);
    if (!opt.cells.scoresOut.empty())
        checkOutputPath(opt.cells.scoresOut, {opt.cells.data, opt.cells.truth}, "--scores");
    NetTrainingConfig& c = opt.training;
    c.epochs = 1;
    c.trainImages = static_cast<std::int64_t>(opt.steps) * c.batchSize;
    c.scoreTest = false;
    c.threads = global.threads;
    c.check();
    std::vector<Cell> cells;
    std::vector<double> truth;
    readTruth(opt.cells, cells, truth);
    if (cells.size() < 2)
        throw DataError("eval-sgd: fewer than 2 cells with a ground truth to correlate");
    const ImageTask images = loadImageTask(c.task, c.taskDir); // not part of the per-cell time
    if (images.train.size() < c.trainImages)
        throw std::invalid_argument("eval-sgd: --steps " + std::to_string(opt.steps) + " of --batch "
                                    + std::to_string(c.batchSize) + " need " + std::to_string(c.trainImages)
                                    + " training images, " + images.name + " has " + std::to_string(images.train.size()));
    std::vector<double> accuracy, loss, ranking;
    const auto start = std::chrono::steady_clock::now();
    for (const Cell& cell : cells) {
        const NetTrainingResult r = trainCellNetwork(cell, c, images, {});
        if (!r.ok())
            throw std::runtime_error("eval-sgd: training " + moduleHash(cell).hex() + " failed: " + r.stopReason);
        accuracy.push_back(r.validationAccuracy);
        loss.push_back(r.history.back().valLoss);
        ranking.push_back(rankingScore(opt.cells.rankBy, accuracy.back(), loss.back()));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!opt.cells.scoresOut.empty())
        writeScores(opt.cells.scoresOut, "sgd_accuracy,sgd_loss", cells, [&](std::size_t i) {
            char text[64];
            std::snprintf(text, sizeof text, "%.6f,%.6f", accuracy[i], loss[i]);
            return std::string(text);
        }, truth);
    nlohmann::json j = correlationJson(ranking, truth, seconds);
    j["rank_by"] = opt.cells.rankBy;
    j["steps"] = opt.steps;
    std::cout << (global.json ? j.dump() : "SGD " + std::to_string(opt.steps) + " steps: " + j.dump(2)) << '\n';
    return 0;
}

struct EvalStepsOptions {
    EvalGhnOptions cells; // --truth, --limit, --top
};

// Zhang et al.'s SGD-k-steps rows from the runs themselves: the step scores train-net recorded
// (--score-at-steps) correlated with each run's final validation accuracy, and what each cost.
int runEvalSteps(const EvalStepsOptions& opt, const GlobalOptions& global)
{
    std::vector<Cell> cells;
    std::vector<double> truth;
    std::vector<NetTrainingRecord> results;
    readTruth(opt.cells, cells, truth, &results);
    if (cells.size() < 2)
        throw DataError("eval-steps: fewer than 2 train-net results to correlate in " + opt.cells.truth);
    std::vector<std::int64_t> steps;
    std::vector<std::vector<double>> accuracy, seconds;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const std::string at = opt.cells.truth + ": the result of " + moduleHash(cells[i]).hex();
        const std::vector<StepScore>& found = results[i].stepScores;
        if (found.empty())
            throw DataError(at + " has no step scores (train-net --score-at-steps)");
        std::vector<std::int64_t> mine;
        for (const StepScore& sc : found)
            mine.push_back(sc.step);
        if (i == 0) {
            steps = mine;
            accuracy.resize(steps.size());
            seconds.resize(steps.size());
        } else if (mine != steps) {
            throw DataError(at + " was scored at other steps than the first result");
        }
        for (std::size_t k = 0; k < steps.size(); ++k) {
            accuracy[k].push_back(found[k].accuracy);
            seconds[k].push_back(found[k].seconds);
        }
    }
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t k = 0; k < steps.size(); ++k) {
        nlohmann::json row = correlationJson(accuracy[k], truth, std::accumulate(seconds[k].begin(), seconds[k].end(), 0.0));
        row["step"] = steps[k];
        rows.push_back(row);
    }
    const nlohmann::json j = {{"n", cells.size()}, {"steps", rows}};
    std::cout << (global.json ? j.dump() : j.dump(2)) << '\n';
    return 0;
}

} // namespace

void addGhnCommands(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto train = std::make_shared<TrainGhnOptions>();
    TrainingConfig& c = train->config;
    c.model = "ghn";
    CLI::App* cmd = app.add_subcommand(
        "train-ghn", "train a Graph HyperNetwork on random cells of the space and an image task; a line per epoch");
    cmd->add_option("--data", train->data, "JSONL(.gz) or cache whose cells probe the GHN each epoch (default: the bundled sample)");
    cmd->add_option("--task", c.imageTask, "fashion-mnist or cifar10")->check(CLI::IsMember({"fashion-mnist", "cifar10"}))->capture_default_str();
    cmd->add_option("--task-dir", c.imageTaskDir, "folder of the task's files (default for fashion-mnist: Debian's)");
    cmd->add_option("--train-images", c.trainImages, "training images per epoch")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--epochs", c.epochs, "epochs")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--batch", c.batchSize, "images per step (each step draws a new cell)")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--lr", c.learningRate, "peak learning rate of Adam, cosine decay")->check(positiveReal())->capture_default_str();
    cmd->add_option("--weight-decay", c.weightDecay, "Adam weight decay")->check(nonNegativeReal())->capture_default_str();
    cmd->add_option("--hidden", c.nodeDim, "GHN node state size")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--probes", c.valSize, "probe cells scored after each epoch")->check(integerIn(2))->capture_default_str();
    cmd->add_option("--patience", c.patience, "stop after this many epochs without a lower probe loss (0: off)")->check(nonNegativeInteger());
    cmd->add_option("--seed", c.seed, "seed of the cells drawn, the initialisation and the batches")->check(nonNegativeInteger())->capture_default_str();
    cmd->add_option("--device", c.device, "auto, cpu or cuda")->capture_default_str();
    cmd->add_option("--checkpoint", c.checkpointPath, "checkpoint file, written after each improving epoch");
    cmd->add_flag("--resume", c.resume, "continue from --checkpoint when it exists");
    cmd->add_option("--threads", global.threads, "CPU threads (default: all cores)")->check(nonNegativeInteger());
    cmd->add_option("--out", train->out, "model file to write")->required();
    cmd->add_flag("--json", global.json, "print the summary as one JSON line");
    cmd->callback([train, &global, &exitCode] { exitCode = runTrainGhn(*train, global); });

    auto eval = std::make_shared<EvalGhnOptions>();
    CLI::App* ev = app.add_subcommand("eval-ghn", "rank cells by GHN score and correlate with their accuracy");
    ev->add_option("--model", eval->model, "GHN model file (train-ghn)")->required();
    auto* data = ev->add_option("--data", eval->data, "JSONL(.gz) or cache: correlate with its 108-epoch validation accuracy (default: the bundled sample)");
    ev->add_option("--truth", eval->truth, "train-net results (one JSON line per cell): correlate with their validation accuracy")->excludes(data);
    ev->add_option("--limit", eval->limit, "only the first N cells (0: all)")->check(nonNegativeInteger());
    ev->add_option("--top", eval->top, "only the N cells of highest truth among those (0: all), e.g. the Top-50 of 100")->check(nonNegativeInteger());
    ev->add_option("--scores", eval->scoresOut, "also write hash,ghn_accuracy,ghn_loss,truth as CSV");
    addRankByOption(ev, eval->rankBy);
    addShardOption(ev, eval->shard);
    ev->add_option("--threads", global.threads, "CPU threads (default: all cores)")->check(nonNegativeInteger());
    ev->add_flag("--json", global.json, "print one JSON object");
    ev->callback([eval, &global, &exitCode] { exitCode = runEvalGhn(*eval, global); });

    auto sgd = std::make_shared<EvalSgdOptions>();
    sgd->training.network = GhnConfig::defaultNetwork();
    sgd->training.batchSize = 64;
    sgd->training.evalImages = GhnTaskSource{}.scoreImages;
    NetTrainingConfig& t = sgd->training;
    CLI::App* es = app.add_subcommand(
        "eval-sgd", "label-free baseline: train each cell's network for a few SGD steps, correlate its accuracy");
    es->add_option("--steps", sgd->steps, "SGD steps per cell")->check(positiveInteger())->capture_default_str();
    es->add_option("--batch", t.batchSize, "images per step")->check(positiveInteger())->capture_default_str();
    es->add_option("--stem", t.network.stemChannels, "stem channels")->check(positiveInteger())->capture_default_str();
    es->add_option("--stacks", t.network.numStacks, "stacks")->check(positiveInteger())->capture_default_str();
    es->add_option("--modules", t.network.cellsPerStack, "modules per stack")->check(positiveInteger())->capture_default_str();
    es->add_option("--score-images", t.evalImages, "validation images that score a cell (the GHN's 500)")
        ->check(positiveInteger())
        ->capture_default_str();
    es->add_option("--task", t.task, "fashion-mnist or cifar10")->check(CLI::IsMember({"fashion-mnist", "cifar10"}))->capture_default_str();
    es->add_option("--task-dir", t.taskDir, "folder of the task's files (default for fashion-mnist: Debian's)");
    es->add_option("--seed", t.seed, "seed of the initialisation and the batches")->check(nonNegativeInteger())->capture_default_str();
    auto* sgdData = es->add_option("--data", sgd->cells.data, "JSONL(.gz) or cache: correlate with its 108-epoch validation accuracy (default: the bundled sample)");
    es->add_option("--truth", sgd->cells.truth, "train-net results: correlate with their validation accuracy")->excludes(sgdData);
    es->add_option("--limit", sgd->cells.limit, "only the first N cells (0: all)")->check(nonNegativeInteger());
    es->add_option("--top", sgd->cells.top, "only the N cells of highest truth among those (0: all)")->check(nonNegativeInteger());
    es->add_option("--scores", sgd->cells.scoresOut, "also write hash,sgd_accuracy,sgd_loss,truth as CSV");
    addRankByOption(es, sgd->cells.rankBy);
    es->add_option("--threads", global.threads, "CPU threads (default: all cores)")->check(nonNegativeInteger());
    es->add_flag("--json", global.json, "print one JSON object");
    es->callback([sgd, &global, &exitCode] { exitCode = runEvalSgd(*sgd, global); });

    auto steps = std::make_shared<EvalStepsOptions>();
    CLI::App* st = app.add_subcommand(
        "eval-steps", "correlate the step scores of train-net runs (--score-at-steps) with their final accuracy");
    st->add_option("--truth", steps->cells.truth, "train-net results with step scores (one JSON line per cell)")->required();
    st->add_option("--limit", steps->cells.limit, "only the first N results (0: all)")->check(nonNegativeInteger());
    st->add_option("--top", steps->cells.top, "only the N results of highest final accuracy among those (0: all)")->check(nonNegativeInteger());
    st->add_flag("--json", global.json, "print one JSON object");
    st->callback([steps, &global, &exitCode] { exitCode = runEvalSteps(*steps, global); });
}

} // namespace archscope::cli
