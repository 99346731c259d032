// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"
#include "OptionChecks.h"

#include "Benchmarks.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace archscope::cli {

namespace {

struct BenchOptions {
    std::vector<std::string> only;
};

int runBench(const BenchOptions& opt, const GlobalOptions& global)
{
    nlohmann::json j;
    const auto report = [&](const BenchFigure& f) {
        j[f.key] = f.value;
        if (!global.json)
            std::cout << f.key << " = " << f.value << "  (" << f.description << ")" << std::endl;
    };
    for (const Benchmark& b : allBenchmarks()) {
        if (!opt.only.empty() && std::find(opt.only.begin(), opt.only.end(), b.name) == opt.only.end())
            continue;
        if (!global.json)
            std::cout << "# " << b.name << std::endl;
        b.run(global.threads, report);
    }
    if (global.json)
        std::cout << j.dump() << '\n';
    return 0;
}

} // namespace

void addBenchCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<BenchOptions>();
    CLI::App* cmd = app.add_subcommand("bench", "run the benchmarks and print their figures");
    cmd->add_option("--only", opt->only, "run only these benchmarks (by name)");
    cmd->add_option("--threads", global.threads, "worker threads (default: all cores)")->check(nonNegativeInteger());
    cmd->add_flag("--json", global.json, "print one JSON object (keys such as enumerate_s)");
    cmd->callback([opt, &global, &exitCode] { exitCode = runBench(*opt, global); });
}

} // namespace archscope::cli
