// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"
#include "OptionChecks.h"

#include "cell/NetworkParams.h"
#include "cell/SpaceEnumeration.h"
#include "data/JsonlFormat.h"
#include "util/Parallel.h"
#include "util/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <memory>

namespace archscope::cli {

namespace {

int runEnumerate(const std::string& out, const GlobalOptions& global)
{
    if (!out.empty())
        checkOutputPath(out, {});
    const auto start = std::chrono::steady_clock::now();
    EnumerationOptions options;
    options.threads = global.threads;
    const std::vector<EnumeratedCell> cells = enumerateSpace(options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!out.empty()) {
        std::vector<Record> records(cells.size());
        parallelFor(cells.size(), 1024, global.threads, [&](std::size_t b, std::size_t e) {
            for (std::size_t i = b; i < e; ++i) {
                records[i].hash = cells[i].hash;
                records[i].cell = cells[i].cell;
                records[i].params = networkParameterCount(cells[i].cell);
            }
        });
        writeJsonl(out, records);
    }
    if (global.json)
        std::cout << nlohmann::json{{"cells", cells.size()}, {"enumerate_s", seconds}}.dump() << '\n';
    else
        std::cout << cells.size() << " unique cells in " << seconds << " s\n";
    return 0;
}

} // namespace

void addEnumerateCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto out = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("enumerate", "enumerate the NAS-Bench-101 space, de-duplicated by module hash");
    cmd->add_option("--out", *out, "write the cells (hash, ops, adjacency, params) as JSONL(.gz)");
    cmd->add_option("--threads", global.threads, "worker threads (default: all cores)")->check(nonNegativeInteger());
    cmd->add_flag("--json", global.json, "print one JSON object");
    cmd->callback([out, &global, &exitCode] { exitCode = runEnumerate(*out, global); });
}

} // namespace archscope::cli
