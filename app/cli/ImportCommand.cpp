// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"

#ifdef ARCHSCOPE_HAS_TFRECORD
#include "data/NasBenchTfRecord.h"
#include "util/AtomicFile.h"
#endif

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <memory>

namespace archscope::cli {

namespace {

struct ImportOptions {
    std::string file;
    std::string out;
};

int runImport(const ImportOptions& opt, const GlobalOptions& global)
{
#ifdef ARCHSCOPE_HAS_TFRECORD
    checkOutputPath(opt.out, {opt.file});
    const auto start = std::chrono::steady_clock::now();
    const ImportSummary summary = importNasBenchTfRecord(opt.file, opt.out, global.threads);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (global.json)
        std::cout << nlohmann::json{{"records", summary.records}, {"rows", summary.rows}, {"seconds", seconds},
                                    {"cache", opt.out}}
                         .dump()
                  << '\n';
    else
        std::cout << opt.file << ": " << summary.records << " records imported from " << summary.rows << " rows in "
                  << seconds << " s into " << opt.out << '\n';
    return 0;
#else
    (void)global;
    std::cerr << "archscope-cli: import of " << opt.file
              << " is not built in (configure with ARCHSCOPE_TFRECORD=ON and protobuf and ISA-L installed)\n";
    return 1;
#endif
}

} // namespace

void addImportCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<ImportOptions>();
    CLI::App* cmd = app.add_subcommand("import", "import NAS-Bench-101's .tfrecord into a dataset cache (.nb101cache)");
    cmd->add_option("file", opt->file, "nasbench_full.tfrecord or nasbench_only108.tfrecord")->required();
    cmd->add_option("--out", opt->out, "the cache to write (replaced atomically)")->required();
    cmd->add_flag("--json", global.json, "print one JSON object");
    cmd->callback([opt, &global, &exitCode] { exitCode = runImport(*opt, global); });
}

} // namespace archscope::cli
