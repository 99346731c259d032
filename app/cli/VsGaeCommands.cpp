// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"
#include "OptionChecks.h"
#include "ShardedJob.h"

#include "data/DatasetLoader.h"
#include "data/JsonlFormat.h"
#include "model/LatentModel.h"
#include "runtime/Runtime.h"
#include "train/ParallelSettings.h"
#include "train/VsGaeTrainer.h"
#include "util/AtomicFile.h"
#include "util/TextFiles.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

namespace archscope::cli {

namespace {

struct TrainVaeOptions {
    VsGaeTrainingConfig config;
    std::string data;
    std::string out;
    std::size_t samples = 10000;
};

struct LatentOptions {
    std::string model;
    std::string data;
    std::string codes;
    std::string from, to;
    std::size_t count = 10000;
    int steps = 10;
    std::uint64_t seed = 0;
    int threads = 1; // as VsGaeTrainingConfig::threads: small decoding steps gain nothing from more
    bool sampled = false;
    bool noSpaceLimits = false;
    bool excludeTraining = false;
    std::string out;   // encode: "" for stdout
    std::string shard; // encode
};

nlohmann::json evaluationJson(const LatentEvaluation& e)
{
    return {{"n", e.n}, {"reconstruction", e.reconstruction}, {"samples", e.samples}, {"validity", e.validity},
            {"uniqueness", e.uniqueness}, {"novelty", e.novelty}};
}

nlohmann::json decodedJson(const DecodedCell& d)
{
    nlohmann::json j = {{"valid", d.valid()}, {"raw", nlohmann::json::parse(cellToJson(d.raw))}};
    if (d.valid()) {
        j["hash"] = d.hash.hex();
        j["cell"] = nlohmann::json::parse(cellToJson(*d.cell));
    } else {
        j["problem"] = d.problem;
    }
    return j;
}

void printDecoded(const std::vector<DecodedCell>& decoded, const std::vector<LatentCode>& codes)
{
    for (std::size_t i = 0; i < decoded.size(); ++i) {
        nlohmann::json j = decodedJson(decoded[i]);
        j["index"] = i;
        j["z"] = codes[i];
        std::cout << j.dump() << '\n';
    }
}

int runTrainVae(TrainVaeOptions& opt, const GlobalOptions& global)
{
    checkOutputPath(opt.out, {opt.data.empty() ? defaultDatasetPath() : opt.data, opt.config.checkpointPath});
    const Dataset data = loadDataset(opt.data.empty() ? defaultDatasetPath() : opt.data);
    TrainingCallbacks callbacks;
    callbacks.onLog = [](const std::string& line) { std::cerr << line << '\n'; };
    callbacks.onEpoch = [](const EpochEvent& e) {
        std::fprintf(stderr,
                     "epoch %4d/%d  train loss %.4f  val loss %.4f  reconstruction %.4f  validity %.4f  lr %.2e  "
                     "%.0f graphs/s  %.0fs (eta %.0fs)%s\n",
                     e.epoch, e.epochs, e.trainLoss, e.valLoss, e.reconstruction, e.validity, e.learningRate,
                     e.examplesPerSecond, e.seconds, e.etaSeconds, e.improved ? "  *" : "");
    };
    const VsGaeTrainingResult result = trainVsGae(opt.config, data, callbacks);
    // In a data-parallel run rank 0 writes the model and prints the summary.
    if (!isPrimaryProcess())
        return result.ok() && result.stopReason == "completed" ? 0 : 1;
    if (!result.ok()) {
        std::cerr << "archscope-cli train-vsgae: no model: " << result.stopReason << '\n';
        return 1;
    }
    result.model->save(opt.out);
    std::vector<Cell> test;
    for (std::size_t i : result.split.test)
        test.push_back(data[i].cell);
    const LatentEvaluation e = evaluateLatentModel(*result.model, test, opt.samples, opt.config.seed);
    const nlohmann::json summary = {{"model", opt.out}, {"stop_reason", result.stopReason}, {"device", result.device},
                                    {"epochs_run", result.history.size()},
                                    {"seconds", result.history.empty() ? 0.0 : result.history.back().seconds},
                                    {"test", evaluationJson(e)}};
    std::cout << (global.json ? summary.dump() : summary.dump(2)) << '\n';
    return result.stopReason == "completed" ? 0 : 1;
}

std::vector<Record> recordsOf(const std::string& path)
{
    return loadDataset(path.empty() ? defaultDatasetPath() : path).records();
}

int runEvalVae(const LatentOptions& opt, const GlobalOptions& global)
{
    const auto model = loadLatentModel(opt.model);
    const std::vector<ModuleHash>& training = model->trainingHashes();
    std::vector<Cell> cells;
    for (const Record& r : recordsOf(opt.data))
        if (!opt.excludeTraining || !std::binary_search(training.begin(), training.end(), r.hash))
            cells.push_back(r.cell);
    const LatentEvaluation e = evaluateLatentModel(*model, cells, opt.count, opt.seed, opt.sampled, !opt.noSpaceLimits);
    const nlohmann::json j = evaluationJson(e);
    if (global.json)
        std::cout << j.dump() << '\n';
    else
        std::cout << model->name() << ":\n" << j.dump(2) << '\n';
    return 0;
}

int runEncode(const LatentOptions& opt)
{
    ShardedJob job("encode", opt.shard, opt.out, "model " + fileFingerprint(opt.model));
    if (job.shard().sharded() && opt.out.empty())
        throw std::invalid_argument("--out: a shard (" + job.shard().source + ") writes a file of its own; name one");
    const std::string dataPath = opt.data.empty() ? defaultDatasetPath() : opt.data;
    if (!opt.out.empty())
        checkOutputPath(job.out(), {opt.model, dataPath});
    const auto model = loadLatentModel(opt.model);
    const std::vector<Record> all = recordsOf(dataPath);
    std::vector<ModuleHash> hashes;
    for (const Record& r : all)
        hashes.push_back(r.hash);
    const std::vector<Record> records = blockOf(all, job.start(hashes));
    std::vector<Cell> cells;
    for (const Record& r : records)
        cells.push_back(r.cell);
    const std::vector<LatentCode> codes = model->encode(cells);
    const auto write = [&](std::ostream& out) {
        for (std::size_t i = 0; i < codes.size(); ++i)
            out << nlohmann::json{{"hash", records[i].hash.hex()}, {"z", codes[i]}}.dump() << '\n';
    };
    if (opt.out.empty()) {
        write(std::cout);
        return 0;
    }
    writeTextFile(job.out(), write);
    job.finish("jsonl", codes.size());
    std::cerr << "encoded " << codes.size() << " cells; wrote " << job.out() << '\n';
    return 0;
}

int runDecode(const LatentOptions& opt)
{
    const auto model = loadLatentModel(opt.model);
    const std::vector<LatentCode> codes = readLatentCodes(opt.codes, model->latentDim());
    printDecoded(model->decode(codes, {opt.sampled, opt.seed, !opt.noSpaceLimits}), codes);
    return 0;
}

int runSample(const LatentOptions& opt)
{
    const auto model = loadLatentModel(opt.model);
    const std::vector<LatentCode> codes = samplePrior(*model, opt.count, opt.seed);
    printDecoded(model->decode(codes, {opt.sampled, opt.seed, !opt.noSpaceLimits}), codes);
    return 0;
}

int runInterpolate(const LatentOptions& opt)
{
    const auto model = loadLatentModel(opt.model);
    const Dataset data = loadDataset(opt.data.empty() ? defaultDatasetPath() : opt.data);
    std::vector<Cell> ends;
    for (const std::string& hex : {opt.from, opt.to}) {
        const auto hash = ModuleHash::fromHex(hex);
        const Record* r = hash ? data.find(*hash) : nullptr;
        if (!r)
            throw DataError(data.source() + ": no record with hash \"" + hex + "\"");
        ends.push_back(r->cell);
    }
    const std::vector<LatentCode> z = model->encode(ends);
    const std::vector<LatentCode> path = interpolate(z[0], z[1], opt.steps);
    printDecoded(model->decode(path, {opt.sampled, opt.seed, !opt.noSpaceLimits}), path);
    return 0;
}

void addModelOption(CLI::App* cmd, LatentOptions& opt)
{
    cmd->add_option("--model", opt.model, "VS-GAE model file (from train-vsgae)")->required();
}

} // namespace

void addVsGaeCommands(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto train = std::make_shared<TrainVaeOptions>();
    VsGaeTrainingConfig& c = train->config;
    CLI::App* cmd = app.add_subcommand("train-vsgae", "train a VS-GAE (Friede et al. 2019); prints a line per epoch and "
                                                    "the test-split reconstruction and prior figures");
    cmd->add_option("--data", train->data, "JSONL(.gz) or imported cache (default: the bundled sample)");
    cmd->add_option("--train-fraction", c.trainFraction, "fraction of the records to train on")
        ->check(realIn(0, 1, true))
        ->capture_default_str();
    cmd->add_option("--train-size", c.trainSize, "train on exactly this many cells instead (0: use the fraction)")
        ->check(nonNegativeInteger());
    cmd->add_option("--val-size", c.valSize, "validation cells (from the rest)")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--space-cells", c.spaceCells,
                    "also train on this many cells of the enumerated space outside the data (default "
                        + std::to_string(VsGaeTrainingDefaults{}.spaceCells) + "; 0: none)")
        ->check(nonNegativeInteger());
    cmd->add_option("--epochs", c.epochs, "epochs (default " + std::to_string(VsGaeTrainingDefaults{}.epochs) + ")")->check(positiveInteger());
    cmd->add_option("--batch", c.batchSize, "batch size (default " + std::to_string(VsGaeTrainingDefaults{}.batchSize) + ")")->check(positiveInteger());
    cmd->add_option("--lr", c.learningRate, "peak learning rate (cosine decay; default " + numberText(VsGaeTrainingDefaults{}.learningRate) + ")")
        ->check(positiveReal());
    cmd->add_option("--seed", c.seed, "seed of the split, the initialisation and the batches")
        ->check(nonNegativeInteger())
        ->capture_default_str();
    cmd->add_option("--device", c.device, "auto, cpu or cuda")->capture_default_str();
    cmd->add_option("--node-dim", c.nodeDim, "vertex state size (default " + std::to_string(VsGaeTrainingDefaults{}.nodeDim)
                                                 + "; the paper's is 250)")
        ->check(positiveInteger());
    cmd->add_option("--graph-dim", c.graphDim, "latent code size (default " + std::to_string(VsGaeTrainingDefaults{}.graphDim) + ")")
        ->check(positiveInteger());
    cmd->add_option("--layers", c.layers, "message-passing layers (default " + std::to_string(VsGaeTrainingDefaults{}.layers) + ")")
        ->check(positiveInteger());
    cmd->add_option("--beta", c.beta, "KL weight (default 0.005; 0: a plain auto-encoder)")->check(nonNegativeReal());
    cmd->add_option("--checkpoint", c.checkpointPath, "checkpoint file, written after each improving epoch");
    cmd->add_flag("--resume", c.resume, "continue from --checkpoint when it exists");
    cmd->add_option("--samples", train->samples, "prior samples for the final validity/uniqueness/novelty")
        ->check(positiveInteger())
        ->capture_default_str();
    cmd->add_option("--threads", c.threads, "CPU threads (0: all cores)")->check(nonNegativeInteger())->capture_default_str();
    cmd->add_option("--out", train->out, "model file to write")->required();
    cmd->add_flag("--json", global.json, "print the summary as one JSON line");
    cmd->callback([train, &global, &exitCode] { exitCode = runTrainVae(*train, global); });

    auto opt = std::make_shared<LatentOptions>();
    const auto common = [&](CLI::App* sub) {
        addModelOption(sub, *opt);
        sub->add_option("--threads", opt->threads, "CPU threads (0: all cores)")
            ->check(nonNegativeInteger())
            ->capture_default_str();
    };
    const auto decoding = [&](CLI::App* sub) {
        sub->add_flag("--sampled", opt->sampled, "draw vertex types and edges instead of taking the most likely");
        sub->add_flag("--no-space-limits", opt->noSpaceLimits,
                      "decode without holding cells to 7 vertices and 9 edges (the model's own output)");
        sub->add_option("--seed", opt->seed, "seed of the prior samples and of sampled decoding")
            ->check(nonNegativeInteger())
            ->capture_default_str();
    };

    cmd = app.add_subcommand("eval-vsgae", "reconstruction on a dataset's records; validity, uniqueness and novelty of "
                                         "cells decoded from the prior");
    common(cmd);
    decoding(cmd);
    cmd->add_option("--data", opt->data, "JSONL(.gz) or imported cache (default: the bundled sample)");
    cmd->add_option("--samples", opt->count, "prior samples")->check(positiveInteger())->capture_default_str();
    cmd->add_flag("--exclude-training", opt->excludeTraining, "reconstruct only records the model was not trained on");
    cmd->add_flag("--json", global.json, "print one JSON object");
    cmd->callback([opt, &global, &exitCode] {
        setComputeThreads(opt->threads);
        exitCode = runEvalVae(*opt, global);
    });

    cmd = app.add_subcommand("encode", "latent means of a dataset's cells, one JSON line each: {\"hash\",\"z\"}");
    common(cmd);
    cmd->add_option("--data", opt->data, "JSONL(.gz) or imported cache (default: the bundled sample)");
    cmd->add_option("--out", opt->out, "write the lines to this file (default: standard output)");
    addShardOption(cmd, opt->shard);
    cmd->callback([opt, &exitCode] {
        setComputeThreads(opt->threads);
        exitCode = runEncode(*opt);
    });

    cmd = app.add_subcommand("decode", "decode latent codes (JSON lines with \"z\", as encode writes them)");
    common(cmd);
    decoding(cmd);
    cmd->add_option("--codes", opt->codes, "JSON Lines file of codes")->required();
    cmd->callback([opt, &exitCode] {
        setComputeThreads(opt->threads);
        exitCode = runDecode(*opt);
    });

    cmd = app.add_subcommand("sample", "decode codes drawn from the prior fitted to the training codes");
    common(cmd);
    decoding(cmd);
    cmd->add_option("--count", opt->count, "number of cells")->check(positiveInteger())->capture_default_str();
    cmd->callback([opt, &exitCode] {
        setComputeThreads(opt->threads);
        exitCode = runSample(*opt);
    });

    cmd = app.add_subcommand("interpolate", "decode the straight line between two cells' latent means");
    common(cmd);
    decoding(cmd);
    cmd->add_option("--data", opt->data, "dataset holding both cells (default: the bundled sample)");
    cmd->add_option("--from", opt->from, "module hash of the first cell")->required();
    cmd->add_option("--to", opt->to, "module hash of the last cell")->required();
    cmd->add_option("--steps", opt->steps, "points on the line, end points included")
        ->check(integerIn(2))
        ->capture_default_str();
    cmd->callback([opt, &exitCode] {
        setComputeThreads(opt->threads);
        exitCode = runInterpolate(*opt);
    });
}

} // namespace archscope::cli
