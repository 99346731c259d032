// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <CLI/CLI.hpp>

namespace archscope::cli {

// Options every command shares.
struct GlobalOptions {
    int threads = 0; // 0: all cores
    bool json = false;
};

// Each command registers its subcommand; its callback stores the process exit code in `exitCode`.
void addCheckCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
void addInspectCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
void addEnumerateCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
void addStatsCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
void addImportCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
void addBenchCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
void addTrainCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
void addEvalCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
// the training-size protocol: train at several sizes and seeds, test on the rest
void addEvalBudgetsCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
void addPredictCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
// train-vsgae, eval-vsgae, encode, decode, sample, interpolate
void addVsGaeCommands(CLI::App& app, GlobalOptions& global, int& exitCode);
void addAscendCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
void addTrainNetCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
// train-ghn, eval-ghn
void addGhnCommands(CLI::App& app, GlobalOptions& global, int& exitCode);
// zero-cost proxies: scores of cells' networks at initialisation, ranked against their accuracy
void addEvalZcCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
// a cell's network as ONNX or a PyTorch script
void addExportCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
// joins the outputs of a sharded batch job
void addMergeCommand(CLI::App& app, GlobalOptions& global, int& exitCode);
// model files of an older ArchScope to this version's format
void addConvertModelCommand(CLI::App& app, GlobalOptions& global, int& exitCode);

} // namespace archscope::cli
