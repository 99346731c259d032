// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"

#include "data/DatasetLoader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>

namespace archscope::cli {

namespace {

// Linear interpolation between order statistics (numpy's default).
double quantile(const std::vector<double>& sorted, double q)
{
    if (sorted.empty())
        return std::nan("");
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

int runStats(std::string path, const GlobalOptions& global)
{
    if (path.empty())
        path = defaultDatasetPath();
    const Dataset data = loadDataset(path);
    std::map<int, long> byVertices;
    for (const Record& r : data.records())
        ++byVertices[r.cell.numVertices()];
    const double qs[] = {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0};
    nlohmann::json j;
    j["file"] = path;
    j["records"] = data.size();
    for (const auto& [v, n] : byVertices)
        j["vertices"][std::to_string(v)] = n;
    for (int b = 0; b < kNumBudgets; ++b) {
        std::vector<double> acc;
        for (const Record& r : data.records()) {
            const float a = r.validationAccuracy(b);
            if (!std::isnan(a))
                acc.push_back(a);
        }
        std::sort(acc.begin(), acc.end());
        nlohmann::json q;
        q["n"] = acc.size();
        for (double p : qs)
            q["q" + std::to_string(static_cast<int>(std::lround(p * 100)))] = quantile(acc, p);
        j["validation_accuracy"][std::to_string(kBudgetEpochs[b])] = q;
    }
    if (global.json) {
        std::cout << j.dump() << '\n';
        return 0;
    }
    std::cout << path << ": " << data.size() << " records\nvertices:";
    for (const auto& [v, n] : byVertices)
        std::cout << "  " << v << ": " << n;
    std::cout << "\nvalidation accuracy    n      min     q10     q25  median     q75     q90     max\n";
    for (int b = 0; b < kNumBudgets; ++b) {
        const auto& q = j["validation_accuracy"][std::to_string(kBudgetEpochs[b])];
        std::cout << "  " << std::setw(3) << kBudgetEpochs[b] << " epochs " << std::setw(8) << q["n"].get<long>();
        for (const char* k : {"q0", "q10", "q25", "q50", "q75", "q90", "q100"})
            std::cout << std::fixed << std::setprecision(4) << std::setw(8) << q[k].get<double>();
        std::cout << '\n';
    }
    return 0;
}

} // namespace

void addStatsCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto path = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("stats", "counts and accuracy quantiles of a dataset (default: the bundled sample)");
    cmd->add_option("data", *path, "JSONL(.gz) file or imported cache");
    cmd->add_flag("--json", global.json, "print one JSON object");
    cmd->callback([path, &global, &exitCode] { exitCode = runStats(*path, global); });
}

} // namespace archscope::cli
