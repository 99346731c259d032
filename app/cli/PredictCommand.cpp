// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"
#include "OptionChecks.h"
#include "ShardedJob.h"

#include "cell/SpaceEnumeration.h"
#include "data/DatasetLoader.h"
#include "model/PredictionIntervals.h"
#include "model/Predictor.h"
#include "registry/PredictorRegistry.h"
#include "runtime/Runtime.h"
#include "util/AtomicFile.h"
#include "util/TextFiles.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

namespace archscope::cli {

namespace {

struct PredictOptions {
    std::string model;
    std::string data;
    bool allSpace = false;
    std::string out;
    std::string shard;
    double level = PredictionIntervals::kDefaultLevel;
};

int runPredict(const PredictOptions& opt, const GlobalOptions& global)
{
    ShardedJob job("predict", opt.shard, opt.out, "model " + fileFingerprint(opt.model));
    checkOutputPath(job.out(), {opt.model, opt.data.empty() ? defaultDatasetPath() : opt.data});
    setComputeThreads(global.threads);
    const auto predictor = loadPredictor(opt.model);
    std::vector<ModuleHash> hashes;
    std::vector<Cell> cells;
    if (opt.allSpace) {
        for (EnumeratedCell& c : enumerateSpace({global.threads, nullptr, true})) {
            hashes.push_back(c.hash);
            cells.push_back(std::move(c.cell));
        }
    } else {
        const Dataset data = loadDataset(opt.data.empty() ? defaultDatasetPath() : opt.data);
        for (const Record& r : data.records()) {
            hashes.push_back(r.hash);
            cells.push_back(r.cell);
        }
    }
    const auto block = job.start(hashes);
    cells = blockOf(cells, block);
    hashes = blockOf(hashes, block);
    const auto start = std::chrono::steady_clock::now();
    const PredictedAccuracies pred = predictor->predictWithIntervals(cells, opt.level);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const bool intervals = pred.hasIntervals();
    writeCsvFile(job.out(), intervals ? "hash,predicted_accuracy,low,high" : "hash,predicted_accuracy", pred.value.size(),
                 [&](std::size_t i) {
                     char value[64];
                     if (intervals)
                         std::snprintf(value, sizeof value, "%.6f,%.6f,%.6f", static_cast<double>(pred.value[i]),
                                       static_cast<double>(pred.low[i]), static_cast<double>(pred.high[i]));
                     else
                         std::snprintf(value, sizeof value, "%.6f", static_cast<double>(pred.value[i]));
                     return hashes[i].hex() + "," + value;
                 });
    job.finish("csv", pred.value.size());
    std::cerr << "predicted " << pred.value.size() << " cells in " << seconds << " s ("
              << static_cast<double>(pred.value.size()) / seconds << " graphs/s) with " << predictor->name();
    if (intervals)
        std::cerr << ", with " << opt.level * 100 << "% intervals";
    else
        std::cerr << " (its model file carries no calibration, so no intervals: retrain it to get them)";
    std::cerr << "; wrote " << job.out() << '\n';
    return 0;
}

} // namespace

void addPredictCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<PredictOptions>();
    CLI::App* cmd = app.add_subcommand("predict", "predict the accuracy of every cell of a dataset or of the whole space");
    cmd->add_option("--model", opt->model, "model file")->required();
    auto* data = cmd->add_option("--data", opt->data, "JSONL(.gz) or imported cache (default: the bundled sample)");
    cmd->add_flag("--all-space", opt->allSpace, "predict all 423,624 cells of NAS-Bench-101")->excludes(data);
    cmd->add_option("--out", opt->out, "CSV file: hash,predicted_accuracy,low,high (the interval where the model carries a "
                                       "calibration)")->required();
    cmd->add_option("--level", opt->level, "the intervals' level: the share of unseen cells' accuracies they should hold")
        ->default_val(PredictionIntervals::kDefaultLevel)
        ->check(realIn(0, 1, true, true));
    addShardOption(cmd, opt->shard);
    cmd->add_option("--threads", global.threads, "CPU threads (default: all cores)")->check(nonNegativeInteger());
    cmd->callback([opt, &global, &exitCode] { exitCode = runPredict(*opt, global); });
}

} // namespace archscope::cli
