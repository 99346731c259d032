// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"

#include "runtime/BlasKernels.h"
#include "util/TempFiles.h"

#include <c10/util/Exception.h>

#include <exception>
#include <iostream>
#include <new>
#include <string>

namespace {

// Every error is one line: the messages of LibTorch and of some libraries run over several.
std::string oneLine(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at)) {
        const std::size_t next = text.find_first_not_of(" \t\n", at);
        text.replace(at, (next == std::string::npos ? text.size() : next) - at, "; ");
    }
    return text;
}

int fail(const std::string& message)
{
    std::cerr << "archscope-cli: " << oneLine(message) << '\n';
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    archscope::relaunchWithBetterBlasKernels(argv);
    archscope::removeTempFilesOnTermination();
    CLI::App app{"archscope-cli: the ArchScope engine for NAS-Bench-101 without a GUI"};
    app.require_subcommand(1);
    archscope::cli::GlobalOptions global;
    int exitCode = 0;
    archscope::cli::addCheckCommand(app, global, exitCode);
    archscope::cli::addInspectCommand(app, global, exitCode);
    archscope::cli::addEnumerateCommand(app, global, exitCode);
    archscope::cli::addStatsCommand(app, global, exitCode);
    archscope::cli::addImportCommand(app, global, exitCode);
    archscope::cli::addBenchCommand(app, global, exitCode);
    archscope::cli::addTrainCommand(app, global, exitCode);
    archscope::cli::addEvalCommand(app, global, exitCode);
    archscope::cli::addEvalBudgetsCommand(app, global, exitCode);
    archscope::cli::addPredictCommand(app, global, exitCode);
    archscope::cli::addVsGaeCommands(app, global, exitCode);
    archscope::cli::addAscendCommand(app, global, exitCode);
    archscope::cli::addTrainNetCommand(app, global, exitCode);
    archscope::cli::addGhnCommands(app, global, exitCode);
    archscope::cli::addEvalZcCommand(app, global, exitCode);
    archscope::cli::addExportCommand(app, global, exitCode);
    archscope::cli::addMergeCommand(app, global, exitCode);
    archscope::cli::addConvertModelCommand(app, global, exitCode);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const c10::Error& e) {
        // what() carries a C++ backtrace.
        return fail(e.what_without_backtrace());
    } catch (const std::bad_alloc&) {
        return fail("out of memory (a larger input than this machine can hold, or a memory limit)");
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    return exitCode;
}
