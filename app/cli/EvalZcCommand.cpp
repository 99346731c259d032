// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"
#include "GroundTruth.h"
#include "MetricsJson.h"
#include "OptionChecks.h"
#include "ShardedJob.h"

#include "cell/SpaceEnumeration.h"
#include "data/DatasetLoader.h"
#include "ghn/GhnPredictor.h"
#include "metrics/Metrics.h"
#include "proxies/ZeroCostProxies.h"
#include "registry/PredictorRegistry.h"
#include "runtime/Runtime.h"
#include "util/AtomicFile.h"
#include "util/Errors.h"
#include "util/TextFiles.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <numeric>
#include <optional>
#include <sstream>

namespace archscope::cli {

namespace {

struct EvalZcOptions : TruthSource {
    std::string proxies = "all";
    std::string ghn;
    std::string rankMean;
    bool allSpace = false;
    std::string out;
    std::string shard;
    std::string task = "fashion-mnist";
    std::string taskDir;
    ProxySettings settings;
};

// The positions in `columns` of the names in `text` (a comma-separated list), each once.
std::vector<std::size_t> rankMeanColumns(const std::string& text, const std::vector<std::string>& columns)
{
    std::vector<std::size_t> at;
    if (text.empty())
        return at;
    std::stringstream items(text);
    std::string name;
    while (std::getline(items, name, ',')) {
        const auto it = std::find(columns.begin(), columns.end(), name);
        if (it == columns.end())
            throw std::invalid_argument("--rank-mean: " + name + " is not among this run's scores (its --proxies, and ghn with --ghn)");
        const auto k = static_cast<std::size_t>(it - columns.begin());
        if (std::find(at.begin(), at.end(), k) != at.end())
            throw std::invalid_argument("--rank-mean: " + name + " twice");
        at.push_back(k);
    }
    if (at.size() < 2)
        throw std::invalid_argument("--rank-mean: name at least two scores to combine");
    return at;
}

// Each cell's rank among the run's cells by each chosen score (ties sharing their mean rank), scaled
// to [0, 1] and averaged over the scores: a combination that needs no labels.
std::vector<double> meanOfRanks(const std::vector<std::vector<double>>& scores, const std::vector<std::size_t>& chosen)
{
    const std::size_t n = scores.front().size();
    std::vector<double> mean(n, 0.0);
    for (std::size_t k : chosen) {
        const std::vector<double> ranks = averageRanks(scores[k]);
        for (std::size_t i = 0; i < n; ++i)
            mean[i] += (n > 1 ? (ranks[i] - 1) / static_cast<double>(n - 1) : 0.5) / static_cast<double>(chosen.size());
    }
    return mean;
}

std::string scoreText(double v)
{
    char text[40];
    std::snprintf(text, sizeof text, "%.12g", v);
    return text;
}

int runEvalZc(EvalZcOptions& opt, const GlobalOptions& global)
{
    const std::vector<const ZeroCostProxy*> proxies = parseProxyList(opt.proxies);
    const ProxyScorer scorer(proxies, opt.settings, opt.task, opt.taskDir);
    opt.settings = scorer.settings();
    const NetworkConfig& n = opt.settings.network;
    std::string names;
    for (const ZeroCostProxy* p : proxies)
        names += std::string(p->name) + ",";
    const std::string options = names + " ghn " + (opt.ghn.empty() ? std::string("none") : fileFingerprint(opt.ghn)) + " stem " + std::to_string(n.stemChannels) + " stacks " + std::to_string(n.numStacks)
                                + " modules " + std::to_string(n.cellsPerStack) + " task " + opt.task + " batch "
                                + std::to_string(opt.settings.batchSize) + " seed " + std::to_string(opt.settings.seed)
                                + " input " + std::to_string(n.inputChannels) + "x" + std::to_string(n.inputHeight) + "x"
                                + std::to_string(n.inputWidth);
    ShardedJob job("eval-zc", opt.shard, opt.out, options);
    if (job.shard().sharded() && opt.out.empty())
        throw std::invalid_argument("--out: a shard (" + job.shard().source + ") writes its cells' scores to a file of its own; name one");
    if (!opt.rankMean.empty() && (job.shard().sharded() || opt.allSpace))
        throw std::invalid_argument("--rank-mean: ranks are among the run's own cells; a shard or --all-space cannot rank "
                                    "against cells it does not hold (rank the merged scores instead)");
    if (opt.allSpace && opt.out.empty())
        throw std::invalid_argument("--out: --all-space writes the scores of 423,624 cells to a file; name one");
    if (!opt.out.empty())
        checkOutputPath(job.out(), {opt.data.empty() ? defaultDatasetPath() : opt.data, opt.truth, opt.ghn});
    setComputeThreads(global.threads);

    std::vector<Cell> cells;
    std::vector<double> truth, params;
    if (opt.allSpace) {
        for (EnumeratedCell& c : enumerateSpace({global.threads, nullptr, true}))
            cells.push_back(std::move(c.cell));
    } else {
        readTruth(opt, cells, truth, nullptr, &params);
    }
    std::vector<ModuleHash> hashes;
    hashes.reserve(cells.size());
    for (const Cell& c : cells)
        hashes.push_back(moduleHash(c));
    const auto block = job.start(hashes);
    cells = blockOf(cells, block);
    hashes = blockOf(hashes, block);
    if (!truth.empty()) {
        truth = blockOf(truth, block);
        params = blockOf(params, block);
    }

    std::shared_ptr<GhnPredictor> ghn;
    if (!opt.ghn.empty()) {
        ghn = std::dynamic_pointer_cast<GhnPredictor>(loadPredictor(opt.ghn));
        if (!ghn)
            throw DataError(opt.ghn + ": not a Graph HyperNetwork (kind \"ghn\"); --ghn takes a train-ghn model");
        if (!cells.empty())
            ghn->score({cells.front()}); // loads its images: not part of the per-cell time
    }
    std::vector<std::string> columns;
    for (const ZeroCostProxy* p : proxies)
        columns.emplace_back(p->name);
    if (ghn)
        columns.emplace_back("ghn");
    const std::vector<std::size_t> combined = rankMeanColumns(opt.rankMean, columns);

    // One row of scores per cell: the proxies', then the GHN's; each column's seconds add up.
    std::vector<double> seconds(columns.size(), 0.0);
    const auto start = std::chrono::steady_clock::now();
    auto lastReport = start;
    const auto scoreCell = [&](std::size_t i) {
        std::vector<double> took;
        std::vector<double> row = scorer.score(cells[i], &took);
        if (ghn) {
            const auto t0 = std::chrono::steady_clock::now();
            row.push_back(ghn->score({cells[i]}).front().score());
            took.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }
        for (std::size_t k = 0; k < row.size(); ++k)
            seconds[k] += took[k];
        const auto now = std::chrono::steady_clock::now();
        if (now - lastReport > std::chrono::seconds(30)) {
            lastReport = now;
            const double elapsed = std::chrono::duration<double>(now - start).count();
            std::fprintf(stderr, "eval-zc: %zu of %zu cells, %.2f s per cell\n", i + 1, cells.size(),
                         elapsed / static_cast<double>(i + 1));
        }
        return row;
    };
    const auto rowText = [&](std::size_t i, const std::vector<double>& row) {
        std::string line = hashes[i].hex();
        for (double v : row)
            line += "," + scoreText(v);
        return line;
    };
    std::string header = "hash";
    for (const std::string& c : columns)
        header += "," + c;
    if (!combined.empty())
        header += ",rank_mean";

    // --all-space streams its rows to the file; otherwise the scores are kept, to correlate and rank.
    std::vector<std::vector<double>> scores(columns.size());
    if (opt.allSpace) {
        writeCsvFile(job.out(), header, cells.size(), [&](std::size_t i) { return rowText(i, scoreCell(i)); });
        job.finish("csv", cells.size());
    } else {
        std::vector<std::vector<double>> rows;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            rows.push_back(scoreCell(i));
            for (std::size_t k = 0; k < columns.size(); ++k)
                scores[k].push_back(rows.back()[k]);
        }
        if (!combined.empty()) {
            const std::vector<double> mean = meanOfRanks(scores, combined);
            for (std::size_t i = 0; i < rows.size(); ++i)
                rows[i].push_back(mean[i]);
            scores.push_back(mean);
            double sum = 0;
            for (std::size_t k : combined)
                sum += seconds[k];
            columns.emplace_back("rank_mean");
            seconds.push_back(sum);
        }
        if (!opt.out.empty()) {
            writeCsvFile(job.out(), header, rows.size(), [&](std::size_t i) { return rowText(i, rows[i]); });
            job.finish("csv", rows.size());
        }
    }

    nlohmann::json report = {{"n", cells.size()},
                             {"task", opt.task},
                             {"network", {{"stem", n.stemChannels}, {"stacks", n.numStacks}, {"modules", n.cellsPerStack},
                                          {"input", {n.inputChannels, n.inputHeight, n.inputWidth}}}},
                             {"batch", opt.settings.batchSize},
                             {"seed", opt.settings.seed}};
    if (job.shard().sharded())
        report["shard"] = {job.shard().index, job.shard().count};
    if (!combined.empty())
        report["rank_mean_of"] = opt.rankMean;
    const bool correlate = !opt.allSpace && cells.size() >= 2;
    nlohmann::json byProxy = nlohmann::json::object();
    for (std::size_t k = 0; k < columns.size(); ++k) {
        nlohmann::json j = nlohmann::json::object();
        if (correlate) {
            const RegressionMetrics m = evaluateRegression(scores[k], truth);
            j = correlationJson(m);
            j.erase("n");
            j["kendall_tau_top10"] = m.kendallTauTop10;
        }
        j["seconds_per_cell"] = cells.empty() ? 0.0 : seconds[k] / static_cast<double>(cells.size());
        byProxy[columns[k]] = j;
    }
    report["proxies"] = byProxy;
    if (correlate) {
        // The label-free baseline every ranking report carries: the parameter count of the network
        // whose accuracy is the truth.
        const RegressionMetrics m = evaluateRegression(params, truth);
        nlohmann::json j = correlationJson(m);
        j.erase("n");
        j["kendall_tau_top10"] = m.kendallTauTop10;
        report["parameter_count"] = j;
        report["truth"] = opt.truth.empty() ? "108-epoch validation accuracy" : "train-net validation accuracy";
    }
    if (global.json) {
        std::cout << report.dump() << '\n';
        return 0;
    }
    std::printf("%zu cells, %s, stem %d, %d stacks x %d modules, batch %d, seed %llu\n", cells.size(), opt.task.c_str(),
                n.stemChannels, n.numStacks, n.cellsPerStack, opt.settings.batchSize,
                static_cast<unsigned long long>(opt.settings.seed));
    std::printf("%-16s %9s %9s %9s %11s %12s\n", "score", "tau", "spearman", "pearson", "top-10% tau", "s per cell");
    const auto row = [&](const std::string& name, const nlohmann::json& j) {
        if (j.contains("kendall_tau"))
            std::printf("%-16s %9.3f %9.3f %9.3f %11.3f %12.4f\n", name.c_str(), j["kendall_tau"].get<double>(),
                        j["spearman"].get<double>(), j["pearson"].get<double>(), j["kendall_tau_top10"].get<double>(),
                        j.value("seconds_per_cell", 0.0));
        else
            std::printf("%-16s %9s %9s %9s %11s %12.4f\n", name.c_str(), "-", "-", "-", "-", j.value("seconds_per_cell", 0.0));
    };
    for (const std::string& c : columns)
        row(c, byProxy[c]);
    if (correlate)
        row("parameter count", report["parameter_count"]);
    if (!opt.out.empty())
        std::printf("wrote %s\n", job.out().c_str());
    return 0;
}

} // namespace

void addEvalZcCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<EvalZcOptions>();
    CLI::App* cmd = app.add_subcommand(
        "eval-zc", "score cells by zero-cost proxies on their networks at initialisation, and rank them against their accuracy");
    auto* data = cmd->add_option("--data", opt->data, "JSONL(.gz) or cache: correlate with its 108-epoch validation accuracy (default: the bundled sample)");
    auto* truth = cmd->add_option("--truth", opt->truth, "train-net results: correlate with their validation accuracy")->excludes(data);
    cmd->add_flag("--all-space", opt->allSpace, "score all 423,624 cells of NAS-Bench-101 (no correlation; needs --out)")
        ->excludes(data)
        ->excludes(truth);
    std::string names;
    for (const ZeroCostProxy& p : zeroCostProxies())
        names += (names.empty() ? "" : ",") + std::string(p.name);
    cmd->add_option("--proxies", opt->proxies, "all, or some of " + names + ", separated by commas")->capture_default_str();
    cmd->add_option("--ghn", opt->ghn, "also score each cell by this Graph HyperNetwork (train-ghn; column ghn: its GHN score, exp(-loss))");
    cmd->add_option("--rank-mean", opt->rankMean,
                    "also a column rank_mean: the mean over these scores (e.g. ghn,zen,zico) of each cell's rank among the run's cells, "
                    "scaled to [0, 1]; not with --shard or --all-space");
    cmd->add_option("--limit", opt->limit, "only the first N cells (0: all)")->check(nonNegativeInteger());
    cmd->add_option("--top", opt->top, "only the N cells of highest truth among those (0: all)")->check(nonNegativeInteger());
    addShardOption(cmd, opt->shard);
    NetworkConfig& n = opt->settings.network;
    cmd->add_option("--stem", n.stemChannels, "stem channels")->check(integerIn(1, 4096))->capture_default_str();
    cmd->add_option("--stacks", n.numStacks, "stacks")->check(integerIn(1, 8))->capture_default_str();
    cmd->add_option("--modules", n.cellsPerStack, "modules per stack")->check(integerIn(1, 64))->capture_default_str();
    cmd->add_option("--batch", opt->settings.batchSize, "images in the proxies' batch (and Gaussian inputs of zen)")
        ->check(integerIn(2, 4096))
        ->capture_default_str();
    cmd->add_option("--task", opt->task, "fashion-mnist or cifar10: the images, and the input shape of the network")
        ->check(CLI::IsMember({"fashion-mnist", "cifar10"}))
        ->capture_default_str();
    cmd->add_option("--task-dir", opt->taskDir, "folder of the task's files (default for fashion-mnist: Debian's)");
    cmd->add_option("--seed", opt->settings.seed, "seed of the initialisation, the batch and the Gaussian inputs")
        ->check(nonNegativeInteger())
        ->capture_default_str();
    cmd->add_option("--threads", global.threads, "CPU threads (default: all cores)")->check(nonNegativeInteger());
    cmd->add_option("--out", opt->out, "CSV: hash, then one column per proxy");
    cmd->add_flag("--json", global.json, "print one JSON line");
    cmd->callback([opt, &global, &exitCode] { exitCode = runEvalZc(*opt, global); });
}

} // namespace archscope::cli
