// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"
#include "OptionChecks.h"

#include "data/DatasetLoader.h"
#include "data/JsonlFormat.h"
#include "model/LatentAscent.h"
#include "registry/PredictorRegistry.h"
#include "runtime/Runtime.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>
#include <memory>
#include <random>

namespace archscope::cli {

namespace {

struct AscendOptions {
    std::string predictor;
    std::string model;
    std::string data;
    std::string judge;
    std::vector<std::string> from;
    std::size_t randomStarts = 0;
    std::uint64_t seed = 0;
    LatentAscentOptions ascent;
    int threads = 1;
};

// The record's accuracy at the predictor's budget, or null when the cell is not in the dataset.
nlohmann::json trueAccuracy(const Dataset& data, const ModuleHash& hash, int budget)
{
    const Record* r = data.find(hash);
    if (!r || std::isnan(r->validationAccuracy(budget)))
        return nullptr;
    return r->validationAccuracy(budget);
}

int runAscend(AscendOptions& opt, const GlobalOptions& global)
{
    setComputeThreads(opt.threads);
    const auto predictor = loadPredictor(opt.predictor);
    const auto model = loadLatentModel(opt.model);
    const Dataset data = loadDataset(opt.data.empty() ? defaultDatasetPath() : opt.data);
    const int budget = budgetIndex(predictor->budgetEpochs());
    // A second opinion on every find, in or out of the dataset: the GNN ranks cells far better than
    // the latent predictor the climb follows (docs/BENCHMARKS.md).
    const std::shared_ptr<const Predictor> judge = opt.judge.empty() ? nullptr : loadPredictor(opt.judge);

    std::vector<const Record*> starts;
    for (const std::string& hex : opt.from) {
        const auto hash = ModuleHash::fromHex(hex);
        const Record* r = hash ? data.find(*hash) : nullptr;
        if (!r)
            throw DataError(data.source() + ": no record with hash \"" + hex + "\"");
        starts.push_back(r);
    }
    std::mt19937_64 rng(opt.seed);
    for (std::size_t i = 0; i < opt.randomStarts && data.size() > 0; ++i)
        starts.push_back(&data[std::uniform_int_distribution<std::size_t>(0, data.size() - 1)(rng)]);
    if (starts.empty())
        throw std::invalid_argument("ascend: give --from HASH or --random-starts N");

    double startTrue = 0, bestKnownTrue = 0, gain = 0, cellGain = 0, startRadius = 0, radius = 0, judged = 0;
    std::size_t known = 0, finds = 0;
    for (const Record* start : starts) {
        const LatentAscentResult result =
            ascendLatent(*predictor, *model, model->encode({start->cell}).front(), opt.ascent);
        nlohmann::json best = nlohmann::json::array();
        for (const LatentAscentFind& f : result.best) {
            const nlohmann::json truth = trueAccuracy(data, f.hash, budget);
            nlohmann::json find = {{"hash", f.hash.hex()}, {"predicted", f.predicted}, {"true", truth},
                                   {"step", f.firstStep}, {"cell", nlohmann::json::parse(cellToJson(f.cell))}};
            if (judge) {
                const double j = judge->predict({f.cell}).front();
                find["judge"] = j;
                judged += j;
            }
            best.push_back(std::move(find));
            ++finds;
            if (!truth.is_null()) {
                bestKnownTrue += truth.get<double>();
                ++known;
            }
        }
        const double startAcc = start->validationAccuracy(budget);
        startTrue += startAcc;
        gain += result.path.back().predicted - result.path.front().predicted;
        // The start record is valid, so its decode is too unless the VS-GAE fails to rebuild it.
        const double startCell = std::isnan(result.startCellPredicted()) ? predictor->predict({start->cell}).front()
                                                                          : result.startCellPredicted();
        cellGain += result.bestCellPredicted() - startCell;
        startRadius += result.path.front().radius;
        radius += result.path.back().radius;
        const nlohmann::json line = {{"start", start->hash.hex()}, {"start_true", startAcc},
                                     {"start_predicted", result.path.front().predicted},
                                     {"end_predicted", result.path.back().predicted},
                                     {"start_cell_predicted", startCell},
                                     {"best_cell_predicted", result.bestCellPredicted()},
                                     {"start_radius", result.path.front().radius},
                                     {"end_radius", result.path.back().radius}, {"steps", result.path.size() - 1},
                                     {"distinct_valid", result.distinctValid}, {"best", best}};
        std::cout << (global.json ? line.dump() : line.dump(2)) << '\n';
    }
    const double n = static_cast<double>(starts.size());
    const nlohmann::json summary = {
        {"starts", starts.size()},
        {"mean_start_true", startTrue / n},
        {"mean_predicted_gain", gain / n},
        {"mean_cell_gain", cellGain / n},
        {"mean_start_radius", startRadius / n},
        {"mean_end_radius", radius / n},
        {"finds", finds},
        {"finds_in_data", known},
        {"mean_true_of_finds_in_data", known ? nlohmann::json(bestKnownTrue / static_cast<double>(known)) : nullptr},
        {"mean_judge_of_finds", judge && finds ? nlohmann::json(judged / static_cast<double>(finds)) : nullptr}};
    std::cout << (global.json ? summary.dump() : summary.dump(2)) << '\n';
    return 0;
}

} // namespace

void addAscendCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<AscendOptions>();
    CLI::App* cmd = app.add_subcommand("ascend", "gradient ascent in a VS-GAE's latent space on a latent-code predictor, "
                                                 "listing the best valid cells decoded on the way");
    cmd->add_option("--predictor", opt->predictor, "predictor file from `train --model vsgae-latent`")->required();
    cmd->add_option("--model", opt->model, "the VS-GAE model file that predictor reads")->required();
    cmd->add_option("--data", opt->data, "dataset for start cells and true accuracies (default: the bundled sample)");
    cmd->add_option("--judge", opt->judge, "a predictor that also scores every find (e.g. the GNN), for figures");
    cmd->add_option("--from", opt->from, "module hash of a start cell (repeatable)");
    cmd->add_option("--random-starts", opt->randomStarts, "also start from this many random records")->check(nonNegativeInteger());
    cmd->add_option("--seed", opt->seed, "seed of the random starts")->check(nonNegativeInteger())->capture_default_str();
    cmd->add_option("--steps", opt->ascent.steps, "gradient steps")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--step-size", opt->ascent.stepSize, "Adam step on the standardised code")
        ->check(positiveReal())
        ->capture_default_str();
    cmd->add_option("--bound", opt->ascent.bound, "bound on each standardised coordinate")
        ->check(positiveReal())
        ->capture_default_str();
    cmd->add_option("--prior-weight", opt->ascent.priorWeight,
                    "weight of the prior term that keeps the code where training codes lie (0: none)")
        ->check(nonNegativeReal())
        ->capture_default_str();
    cmd->add_option("--keep", opt->ascent.keep, "best cells listed per start")->check(positiveInteger())->capture_default_str();
    cmd->add_option("--threads", opt->threads, "CPU threads (0: all cores)")->check(nonNegativeInteger())->capture_default_str();
    cmd->add_flag("--json", global.json, "one JSON object per line");
    cmd->callback([opt, &global, &exitCode] { exitCode = runAscend(*opt, global); });
}

} // namespace archscope::cli
