// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CellOptions.h"
#include "Commands.h"
#include "OptionChecks.h"
#include "ShardedJob.h"

#include "cell/ModuleHash.h"
#include "data/DatasetLoader.h"
#include "data/JsonlFormat.h"
#include "network/ImageData.h"
#include "network/NetworkTraining.h"
#include "runtime/Runtime.h"
#include "train/ParallelSettings.h"
#include "util/AtomicFile.h"
#include "util/Errors.h"
#include "util/TextFiles.h"
#include "util/InputFile.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

namespace archscope::cli {

namespace {

struct TrainNetOptions {
    NetTrainingConfig config;
    CellChoice cell;
    std::string cellsFile;
    std::string shard;
    std::string out;
};

TrainingCallbacks printingCallbacks()
{
    TrainingCallbacks callbacks;
    callbacks.onLog = [](const std::string& line) { std::cerr << line << '\n'; };
    callbacks.onEpoch = [](const EpochEvent& e) {
        std::fprintf(stderr,
                     "epoch %3d/%d  train loss %.4f  val loss %.4f  val acc %.4f  test acc %.4f  lr %.2e  "
                     "%.0f images/s  %.0fs (eta %.0fs)\n",
                     e.epoch, e.epochs, e.trainLoss, e.valLoss, e.accuracy, e.testAccuracy, e.learningRate,
                     e.examplesPerSecond, e.seconds, e.etaSeconds);
    };
    return callbacks;
}

void printResult(const Cell& cell, const NetTrainingResult& result, const std::string& json, bool asJson)
{
    if (asJson)
        std::cout << json << '\n';
    else
        std::cout << moduleHash(canonicalCell(cell)).hex() << ": " << result.parameters << " parameters, validation accuracy "
                  << result.validationAccuracy << ", test accuracy " << result.testAccuracy << " after "
                  << result.history.size() << " epochs in " << result.seconds << " s on " << result.device << " ("
                  << result.stopReason << ")" << std::endl;
}

int runTrainNet(TrainNetOptions& opt, const GlobalOptions& global)
{
    opt.config.threads = global.threads;
    if (!opt.out.empty())
        checkOutputPath(opt.out, {opt.cell.data, opt.cell.cellFile, opt.config.checkpointPath});
    const Cell cell = chosenCell(opt.cell);
    const CellValidation v = validateCell(cell);
    if (!v.ok())
        throw std::invalid_argument("invalid cell: " + v.message);
    const NetTrainingResult result = trainCellNetwork(cell, opt.config, printingCallbacks());
    // In a data-parallel run rank 0 writes the result and prints it.
    if (!isPrimaryProcess())
        return result.stopReason == "completed" ? 0 : 1;
    const std::string json = netTrainingResultJson(cell, opt.config, result);
    if (!opt.out.empty())
        writeLinesFile(opt.out, {json});
    printResult(cell, result, json, global.json);
    return result.stopReason == "completed" ? 0 : 1;
}

// Every line of a JSONL(.gz) file of cells ({"ops","adjacency"}, e.g. a dataset's records), validated.
std::vector<Cell> readCells(const std::string& path)
{
    std::vector<Cell> cells;
    forEachJsonlLine(path, [&](const std::string& line, const std::string& at) {
        Cell cell = cellFromJson(line, at);
        const CellValidation v = validateCell(cell);
        if (!v.ok())
            throw DataError(at + ": invalid cell: " + v.message);
        cells.push_back(std::move(cell));
        return true;
    });
    if (cells.empty())
        throw DataError(path + ": no cells");
    return cells;
}

// With --resume: the results already in `path` for the first cells of `hashes`, in that order. A result
// made with other options would be mixed with this run's, so it is refused rather than kept.
std::vector<std::string> finishedResults(const std::string& path, const std::vector<ModuleHash>& hashes,
                                         const NetTrainingConfig& config)
{
    std::vector<std::string> kept;
    if (!std::ifstream(path).good())
        return kept;
    forEachJsonlLine(path, [&](const std::string& line, const std::string& where) {
        if (kept.size() >= hashes.size() || parseNetTrainingRecord(line, where).hash != hashes[kept.size()])
            return false;
        if (const std::string difference = netTrainingOptionsDifference(line, config); !difference.empty())
            throw std::invalid_argument("--resume: " + where + ": was trained with other options (" + difference
                                        + "); resume with the options it was made with, or write another --out");
        kept.push_back(line);
        return true;
    });
    return kept;
}

// --cells: every cell of the file (or this shard's block of them) in turn, on images loaded once; the
// results file is rewritten after each cell, so an interrupted job keeps what it finished.
int runTrainNetOverCells(TrainNetOptions& opt, const GlobalOptions& global)
{
    opt.config.threads = global.threads;
    if (opt.out.empty())
        throw std::invalid_argument("--out: --cells writes one result line per cell; name the file");
    if (!opt.config.checkpointPath.empty())
        throw std::invalid_argument("--checkpoint: one checkpoint holds one cell's training; with --cells the results file is kept after every cell");
    ShardedJob job("train-net", opt.shard, opt.out, netTrainingOptionsText(opt.config));
    checkOutputPath(job.out(), {opt.cellsFile});
    opt.config.check();
    const std::vector<Cell> all = readCells(opt.cellsFile);
    std::vector<ModuleHash> hashes;
    for (const Cell& c : all)
        hashes.push_back(moduleHash(canonicalCell(c)));
    const auto block = job.start(hashes);
    const std::vector<Cell> cells = blockOf(all, block);
    std::vector<std::string> lines = opt.config.resume ? finishedResults(job.out(), blockOf(hashes, block), opt.config) : std::vector<std::string>{};
    if (!lines.empty())
        std::cerr << "train-net: resuming after the " << lines.size() << " results in " << job.out() << '\n';
    setComputeThreads(opt.config.threads);
    const ImageTask images = loadImageTask(opt.config.task, opt.config.taskDir);
    int failed = 0;
    for (std::size_t i = lines.size(); i < cells.size(); ++i) {
        std::cerr << "train-net: cell " << i + 1 << " of " << cells.size() << ", " << hashes[block.first + i].hex() << '\n';
        const NetTrainingResult result = trainCellNetwork(cells[i], opt.config, images, printingCallbacks());
        failed += result.stopReason == "completed" ? 0 : 1;
        lines.push_back(netTrainingResultJson(cells[i], opt.config, result));
        // Data-parallel, every cell's network is trained by all ranks; rank 0 writes the results.
        if (!isPrimaryProcess())
            continue;
        writeLinesFile(job.out(), lines);
        printResult(cells[i], result, lines.back(), global.json);
    }
    if (!isPrimaryProcess())
        return failed == 0 ? 0 : 1;
    // Also when no cell was left to train (an empty shard, a finished job resumed): merge reads every
    // shard's output beside its manifest.
    writeLinesFile(job.out(), lines);
    job.finish("jsonl", lines.size());
    std::cerr << "train-net: " << cells.size() << " cells, " << failed << " not completed; wrote " << job.out() << '\n';
    return failed == 0 ? 0 : 1;
}

} // namespace

void addTrainNetCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<TrainNetOptions>();
    NetTrainingConfig& c = opt->config;
    CLI::App* cmd = app.add_subcommand(
        "train-net", "train a cell's own network on an image task with NAS-Bench-101's recipe; prints a line per epoch");
    const CellChoiceOptions choice = addCellChoiceOptions(cmd, opt->cell);
    auto* cells = cmd->add_option("--cells", opt->cellsFile,
                                  "train every cell of a JSONL(.gz) file of cells (dataset records too) in turn; --out gets a line per cell")
                      ->excludes(choice.hash)
                      ->excludes(choice.cellFile)
                      ->excludes(choice.ops);
    addShardOption(cmd, opt->shard)->needs(cells);
    cmd->add_option("--task", c.task, "fashion-mnist (Debian's dataset-fashion-mnist) or cifar10")
        ->check(CLI::IsMember({"fashion-mnist", "cifar10"}))
        ->capture_default_str();
    cmd->add_option("--task-dir", c.taskDir, "folder of the task's files (cifar10: data_batch_1.bin …; default for fashion-mnist: /usr/share/datasets/fashion-mnist)");
    cmd->add_option("--stem", c.network.stemChannels, "stem channels")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--stacks", c.network.numStacks, "stacks of modules")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--modules", c.network.cellsPerStack, "modules per stack")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--epochs", c.epochs, "epochs")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--batch", c.batchSize, "batch size")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--lr", c.learningRate, "base learning rate, cosine decay by step")->check(positiveReal())->capture_default_str();
    cmd->add_option("--weight-decay", c.weightDecay, "L2 weight decay")->check(nonNegativeReal())->capture_default_str();
    cmd->add_option("--train-images", c.trainImages, "train on the first N training images (0: all)")->check(nonNegativeInteger())->capture_default_str();
    cmd->add_option("--eval-images", c.evalImages, "validation and test images scored per epoch (0: all)")->check(nonNegativeInteger())->capture_default_str();
    cmd->add_option("--score-at-steps", c.scoreAtSteps,
                    "also score the network on --step-score-images validation images after these steps, e.g. 10,100,200 "
                    "(eval-steps correlates them)")
        ->delimiter(',')
        ->check(positiveInteger());
    cmd->add_option("--step-score-images", c.stepScoreImages, "validation images of each step score (the GHN's 500)")
        ->check(positiveInteger())
        ->capture_default_str();
    cmd->add_flag("--no-augment", [&c](std::int64_t) { c.augment = false; }, "no random crop and flip");
    cmd->add_option("--seed", c.seed, "seed of the initialisation and the batches")->check(nonNegativeInteger())->capture_default_str();
    cmd->add_option("--device", c.device, "auto, cpu or cuda")->capture_default_str();
    cmd->add_option("--checkpoint", c.checkpointPath, "checkpoint file, written after every epoch");
    cmd->add_flag("--resume", c.resume, "continue from --checkpoint when it exists; with --cells, after the cells --out already has");
    cmd->add_option("--threads", global.threads, "CPU threads (default: all cores)")->check(nonNegativeInteger());
    cmd->add_option("--out", opt->out, "write the result as one JSON line per cell (the form eval-ghn --truth reads)");
    cmd->add_flag("--json", global.json, "print the result as one JSON line");
    cmd->callback([opt, &global, &exitCode] {
        if (!opt->cellsFile.empty()) {
            exitCode = runTrainNetOverCells(*opt, global);
            return;
        }
        if (!opt->cell.given())
            throw CLI::RequiredError("--hash, --cell, --cells or --ops with --adjacency");
        exitCode = runTrainNet(*opt, global);
    });
}

} // namespace archscope::cli
