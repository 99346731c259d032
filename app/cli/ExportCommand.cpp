// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CellOptions.h"
#include "Commands.h"
#include "OptionChecks.h"

#include "cell/ModuleHash.h"
#include "export/NetworkExport.h"
#include "util/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace archscope::cli {

namespace {

struct ExportOptions {
    CellChoice cell;
    NetworkExportRequest request;
    std::string format;
};

int runExport(ExportOptions& opt, const GlobalOptions& global)
{
    opt.request.format = parseExportFormat(opt.format);
    checkOutputPath(opt.request.outPath, {opt.cell.data, opt.cell.cellFile, opt.request.weightsPath});
    if (opt.cell.given())
        opt.request.cell = chosenCell(opt.cell);
    const ExportedNetwork e = writeCellNetwork(opt.request);
    const NetworkConfig& n = e.network;
    if (global.json) {
        std::cout << nlohmann::json{{"out", opt.request.outPath},
                                    {"format", opt.format},
                                    {"hash", moduleHash(e.cell).hex()},
                                    {"parameters", e.parameters},
                                    {"trained", e.trained},
                                    {"stem", n.stemChannels},
                                    {"stacks", n.numStacks},
                                    {"modules", n.cellsPerStack},
                                    {"input", {n.inputChannels, n.inputHeight, n.inputWidth}},
                                    {"classes", n.numClasses},
                                    {"bytes", e.bytes.size()}}
                         .dump()
                  << '\n';
    } else {
        std::cout << opt.request.outPath << ": the network of cell " << moduleHash(e.cell).hex() << " as " << opt.format
                  << ", " << e.parameters << " trainable parameters, " << (e.trained ? "trained" : "fresh") << " weights\n";
    }
    return 0;
}

} // namespace

void addExportCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<ExportOptions>();
    NetworkExportRequest& r = opt->request;
    CLI::App* cmd = app.add_subcommand(
        "export",
        "a cell's network as an ONNX model or a self-contained PyTorch script, with fresh weights or a train-net "
        "checkpoint's (default: NAS-Bench-101's network, stem 128, 3 x 3 modules, 32x32x3 input, 10 classes)");
    addCellChoiceOptions(cmd, opt->cell);
    cmd->add_option("--format", opt->format, "onnx or pytorch")->required();
    auto* stem = cmd->add_option("--stem", r.network.stemChannels, "stem channels")->check(positiveInteger())->capture_default_str();
    auto* stacks = cmd->add_option("--stacks", r.network.numStacks, "stacks of modules")->check(positiveInteger())->capture_default_str();
    auto* modules = cmd->add_option("--modules", r.network.cellsPerStack, "modules per stack")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--task", r.task, "the input it is built for: cifar10 (3x32x32) or fashion-mnist (1x28x28); a checkpoint's own task wins")
        ->check(CLI::IsMember({"fashion-mnist", "cifar10"}))
        ->capture_default_str();
    cmd->add_option("--weights", r.weightsPath,
                    "a train-net checkpoint (train-net --checkpoint, or a Train This Cell run of the explorer) whose trained "
                    "weights and batch-norm statistics are exported; its cell and network are taken, and must agree with "
                    "--hash/--ops and --stem/--stacks/--modules when those are given");
    cmd->add_option("--seed", r.seed, "seed of the fresh weights")->check(nonNegativeInteger())->capture_default_str();
    cmd->add_option("--out", r.outPath, "the file to write (.onnx, .py)")->required();
    cmd->add_flag("--json", global.json, "print what was written as one JSON line");
    cmd->callback([opt, stem, stacks, modules, &global, &exitCode] {
        if (!opt->cell.given() && opt->request.weightsPath.empty())
            throw CLI::RequiredError("--hash, --cell, --ops with --adjacency, or --weights");
        opt->request.stemGiven = stem->count() > 0;
        opt->request.stacksGiven = stacks->count() > 0;
        opt->request.modulesGiven = modules->count() > 0;
        exitCode = runExport(*opt, global);
    });
}

} // namespace archscope::cli
