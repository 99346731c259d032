// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// eval-budgets: the field's protocol for accuracy predictors (TNASP, PINAT, NAR-Former): train on a
// random draw of N labelled cells (exactly N: `train --val-size 0`), test on every other cell, for
// several N and seeds, and report each N's mean and deviation of Kendall τ, Spearman and top-10 % τ.

#include "Commands.h"
#include "OptionChecks.h"
#include "PredictorEvaluation.h"

#include "data/DatasetLoader.h"
#include "data/Splits.h"
#include "registry/Trainer.h"
#include "runtime/Runtime.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <numeric>

namespace archscope::cli {

namespace {

struct EvalBudgetsOptions {
    std::vector<std::size_t> sizes{100, 172, 424, 4236};
    int seeds = 5;
    std::string data;
    std::string test;
    TrainingConfig config;
};

nlohmann::json meanAndSd(const std::vector<double>& values)
{
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    double squares = 0;
    for (double v : values)
        squares += (v - mean) * (v - mean);
    // The sample deviation over the seeds; 0 for a single seed.
    const double sd = values.size() > 1 ? std::sqrt(squares / static_cast<double>(values.size() - 1)) : 0.0;
    return {{"mean", mean}, {"sd", sd}};
}

int runEvalBudgets(EvalBudgetsOptions& opt, const GlobalOptions& global)
{
    setComputeThreads(global.threads);
    opt.config.threads = global.threads;
    opt.config.valSize = 0;
    const Dataset data = loadDataset(opt.data.empty() ? defaultDatasetPath() : opt.data);
    const std::unique_ptr<Dataset> test = opt.test.empty() ? nullptr : std::make_unique<Dataset>(loadDataset(opt.test));
    nlohmann::json sizes = nlohmann::json::array();
    for (std::size_t size : opt.sizes) {
        nlohmann::json runs = nlohmann::json::array();
        std::vector<double> tau, spearman, top10, coverage;
        for (int s = 0; s < opt.seeds; ++s) {
            TrainingConfig c = opt.config;
            c.trainSize = size;
            c.seed = static_cast<std::uint64_t>(s);
            const auto start = std::chrono::steady_clock::now();
            const TrainingResult result = trainPredictor(c, data, {});
            if (!result.ok())
                throw std::runtime_error("eval-budgets: " + std::to_string(size) + " cells, seed " + std::to_string(s)
                                         + ": no model: " + result.stopReason);
            // The same draw as the run's: what it did not train on is the test set.
            const TrainingConfig r = resolvedConfig(c);
            SplitOptions so;
            so.trainSize = r.trainSize;
            so.valSize = 0;
            so.seed = r.seed;
            so.sampler = *samplerFromName(r.sampler);
            so.budget = budgetIndex(r.budgetEpochs);
            std::vector<std::size_t> rows;
            if (test) {
                rows.resize(test->size());
                std::iota(rows.begin(), rows.end(), 0);
            } else {
                rows = makeSplit(data, so).test;
            }
            nlohmann::json m = evaluateOn(*result.predictor, test ? *test : data, rows);
            m["seed"] = s;
            m["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            tau.push_back(m.at("kendall_tau"));
            spearman.push_back(m.at("spearman"));
            top10.push_back(m.at("kendall_tau_top10"));
            coverage.push_back(m.value("interval_coverage", std::nan("")));
            if (!global.json)
                std::fprintf(stderr,
                             "%zu cells, seed %d: tau %.4f, spearman %.4f, top-10%% tau %.4f, 90%% interval coverage %.3f "
                             "on %zu cells (%.0f s)\n",
                             size, s, tau.back(), spearman.back(), top10.back(), coverage.back(), m.at("n").get<std::size_t>(),
                             m.at("seconds").get<double>());
            runs.push_back(std::move(m));
        }
        TrainingConfig sized = opt.config;
        sized.trainSize = size;
        sized = resolvedConfig(sized);
        sizes.push_back({{"train_size", size}, {"epochs", sized.epochs}, {"ensemble", sized.ensemble},
                         {"kendall_tau", meanAndSd(tau)}, {"spearman", meanAndSd(spearman)},
                         {"kendall_tau_top10", meanAndSd(top10)}, {"interval_coverage", meanAndSd(coverage)},
                         {"runs", std::move(runs)}});
    }
    const TrainingConfig shown = resolvedConfig(opt.config);
    const nlohmann::json summary = {{"model", shown.model}, {"seeds", opt.seeds},
                                    {"auxiliary_budgets", shown.auxiliaryBudgets},
                                    {"pretraining_epochs", shown.pretrainingEpochs},
                                    {"data", data.source()}, {"test", opt.test.empty() ? "the other cells of the data" : opt.test},
                                    {"sizes", sizes}};
    if (global.json) {
        std::cout << summary.dump() << '\n';
        return 0;
    }
    std::printf("%-8s  %-17s  %-17s  %-17s  %-17s\n", "cells", "Kendall tau", "Spearman", "top-10% tau", "90% coverage");
    for (const auto& row : sizes) {
        auto cell = [&](const char* key) {
            char text[32];
            std::snprintf(text, sizeof text, "%.3f ± %.3f", row.at(key).at("mean").get<double>(), row.at(key).at("sd").get<double>());
            return std::string(text);
        };
        std::printf("%-8zu  %-17s  %-17s  %-17s  %-17s\n", row.at("train_size").get<std::size_t>(), cell("kendall_tau").c_str(),
                    cell("spearman").c_str(), cell("kendall_tau_top10").c_str(), cell("interval_coverage").c_str());
    }
    return 0;
}

} // namespace

void addEvalBudgetsCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<EvalBudgetsOptions>();
    TrainingConfig& c = opt->config;
    CLI::App* cmd = app.add_subcommand(
        "eval-budgets", "the field's predictor protocol: for each training size and seed, train a GNN on exactly "
                        "that many labelled cells (train --val-size 0) and test it on all the others; prints each "
                        "size's mean ± sd of Kendall tau, Spearman and top-10% tau over the seeds");
    cmd->add_option("--sizes", opt->sizes, "training sizes, comma-separated")
        ->delimiter(',')
        ->check(positiveInteger())
        ->capture_default_str();
    cmd->add_option("--seeds", opt->seeds, "seeds per size: 0, 1, …")->check(integerIn(1, 1000))->capture_default_str();
    cmd->add_option("--data", opt->data, "the cells the training sets are drawn from (default: the bundled sample)");
    cmd->add_option("--test", opt->test, "the cells to test on (default: every cell of --data outside the training set)");
    cmd->add_flag("--aux-budgets,!--no-aux-budgets", c.auxiliaryBudgets,
                  "also learn the training cells' accuracies at the shorter budgets (default on; the published "
                  "figures use the 108-epoch accuracy alone: --no-aux-budgets)");
    cmd->add_option("--epochs", c.epochs, "epochs per ensemble member (default: train's)")->check(positiveInteger());
    cmd->add_option("--ensemble", c.ensemble, "ensemble members (default: train's)")->check(integerIn(1, 64));
    cmd->add_option("--ranking-weight", c.rankingWeight, "weight of the pairwise ranking term (default: train's)")->check(nonNegativeReal());
    cmd->add_option("--pretraining-epochs", c.pretrainingEpochs, "epochs of label-free pre-training, 0: none (default: train's)")
        ->check(nonNegativeInteger());
    cmd->add_option("--threads", global.threads, "CPU threads (default: all cores)")->check(nonNegativeInteger());
    cmd->add_flag("--json", global.json, "print one JSON line: each size's means, deviations and runs");
    cmd->callback([opt, &global, &exitCode] { exitCode = runEvalBudgets(*opt, global); });
}

} // namespace archscope::cli
