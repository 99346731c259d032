// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CellOptions.h"
#include "Commands.h"
#include "OptionChecks.h"

#include "cell/NetworkParams.h"
#include "data/DatasetLoader.h"
#include "data/JsonlFormat.h"
#include "model/PredictionIntervals.h"
#include "model/Predictor.h"
#include "registry/PredictorRegistry.h"
#include "runtime/Runtime.h"
#include "util/Errors.h"
#include "util/TextFiles.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>
#include <memory>

namespace archscope::cli {

namespace {

using nlohmann::json;

struct InspectOptions {
    std::string file;
    std::vector<std::string> ops;
    std::string adjacency;
    std::string data;
    std::vector<std::string> models;
};

// What inspect reports of one cell.
struct Inspected {
    std::string source; // "file:line" or "--ops/--adjacency"
    GivenCell given;
    std::string error;  // when the input is not a cell at all (malformed JSON, a bad matrix)
    bool valid() const { return error.empty() && given.validation.ok(); }
};

Inspected inspect(std::string_view text, const std::string& source)
{
    Inspected r;
    r.source = source;
    try {
        r.given = parseGivenCell(text, source);
    } catch (const DataError& e) {
        r.error = e.what();
    }
    return r;
}

std::vector<Inspected> readCells(const InspectOptions& opt)
{
    std::vector<Inspected> cells;
    if (opt.file.empty()) {
        cells.push_back(inspect(cellObjectFromOptions(opt.ops, opt.adjacency), "--ops/--adjacency"));
        return cells;
    }
    forEachJsonlLine(opt.file, [&](const std::string& line, const std::string& where) {
        cells.push_back(inspect(line, where));
        return true;
    });
    return cells;
}

json cellReport(const Inspected& c, const Dataset& data, const std::vector<std::string>& models,
                const std::vector<PredictedAccuracies>& predictions, std::size_t validIndex)
{
    json j = {{"source", c.source}, {"valid", c.valid()}, {"hash", nullptr}, {"ops", nullptr},
              {"adjacency", nullptr}, {"params", nullptr}};
    if (!c.valid()) {
        j["reason"] = c.error.empty() ? c.given.validation.message : c.error;
        return j;
    }
    const Cell& cell = *c.given.pruned;
    const ModuleHash hash = moduleHash(cell);
    j["reason"] = c.given.pruning;
    j["hash"] = hash.hex();
    j["ops"] = json::parse(cellToJson(cell))["ops"];
    j["adjacency"] = cell.adjacency();
    j["params"] = networkParameterCount(cell);
    if (const Record* r = data.find(hash)) {
        json acc = json::object();
        for (int b = 0; b < kNumBudgets; ++b)
            if (r->hasBudget(b))
                acc[std::to_string(kBudgetEpochs[b])] = r->validationAccuracy(b);
        j["val_acc"] = acc;
    }
    if (!models.empty()) {
        json p = json::object();
        json intervals = json::object();
        for (std::size_t m = 0; m < models.size(); ++m) {
            p[models[m]] = predictions[m].value[validIndex];
            if (predictions[m].hasIntervals())
                intervals[models[m]] = {predictions[m].low[validIndex], predictions[m].high[validIndex]};
        }
        j["predictions"] = p;
        if (!intervals.empty()) {
            j["intervals"] = intervals;
            j["interval_level"] = PredictionIntervals::kDefaultLevel;
        }
    }
    return j;
}

void printText(const json& j)
{
    std::cout << j["source"].get<std::string>() << ": ";
    if (!j["valid"].get<bool>()) {
        std::cout << "invalid: " << j["reason"].get<std::string>() << '\n';
        return;
    }
    std::cout << "valid, hash " << j["hash"].get<std::string>() << ", " << j["params"].get<std::int64_t>()
              << " parameters\n";
    if (!j["reason"].get<std::string>().empty())
        std::cout << "  " << j["reason"].get<std::string>() << '\n';
    std::cout << "  ops:";
    for (const json& op : j["ops"])
        std::cout << ' ' << op.get<std::string>();
    std::cout << "\n  adjacency:";
    for (const json& row : j["adjacency"]) {
        std::cout << ' ';
        for (const json& e : row)
            std::cout << e.get<int>();
    }
    std::cout << '\n';
    if (j.contains("val_acc")) {
        std::cout << "  validation accuracy:";
        for (int epochs : kBudgetEpochs)
            if (const std::string key = std::to_string(epochs); j["val_acc"].contains(key))
                std::cout << "  " << key << " epochs " << std::fixed << std::setprecision(4) << j["val_acc"][key].get<double>();
        std::cout << '\n';
    } else {
        std::cout << "  not in the dataset\n";
    }
    if (j.contains("predictions"))
        for (const auto& [model, value] : j["predictions"].items()) {
            std::cout << "  predicted by " << model << ": " << std::fixed << std::setprecision(4) << value.get<double>();
            if (j.contains("intervals") && j["intervals"].contains(model))
                std::cout << " (" << std::setprecision(0) << j["interval_level"].get<double>() * 100 << "% interval "
                          << std::setprecision(4) << j["intervals"][model][0].get<double>() << " to "
                          << j["intervals"][model][1].get<double>() << ')';
            std::cout << '\n';
        }
}

int runInspect(const InspectOptions& opt, const GlobalOptions& global)
{
    const std::vector<Inspected> cells = readCells(opt);
    const Dataset data = loadDataset(opt.data.empty() ? defaultDatasetPath() : opt.data);
    std::vector<Cell> valid;
    for (const Inspected& c : cells)
        if (c.valid())
            valid.push_back(*c.given.pruned);
    std::vector<PredictedAccuracies> predictions;
    if (!opt.models.empty())
        setComputeThreads(global.threads);
    for (const std::string& model : opt.models)
        predictions.push_back(loadPredictor(model)->predictWithIntervals(valid, PredictionIntervals::kDefaultLevel));
    bool allValid = true;
    std::size_t validIndex = 0;
    for (const Inspected& c : cells) {
        const json j = cellReport(c, data, opt.models, predictions, validIndex);
        if (c.valid())
            ++validIndex;
        allValid = allValid && c.valid();
        if (global.json)
            std::cout << j.dump() << '\n';
        else
            printText(j);
    }
    return allValid ? 0 : 1;
}

} // namespace

void addInspectCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<InspectOptions>();
    CLI::App* cmd = app.add_subcommand(
        "inspect", "what ArchScope knows of cells: validity (NAS-Bench-101's rules and order), pruned form, hash, "
                   "parameters, the dataset's accuracies and the models' predictions; exit code 1 when one is invalid");
    auto* file = cmd->add_option("file", opt->file, "JSONL(.gz) of cells or records ({\"ops\":[…],\"adjacency\":[[…]]} a line)");
    auto* ops = cmd->add_option("--ops", opt->ops, "one cell's ops, e.g. input,conv3x3-bn-relu,output")->delimiter(',');
    auto* adjacency = cmd->add_option("--adjacency", opt->adjacency, "that cell's adjacency as JSON: [[0,1,0],[0,0,1],[0,0,0]]");
    file->excludes(ops)->excludes(adjacency);
    ops->needs(adjacency);
    adjacency->needs(ops);
    cmd->add_option("--data", opt->data, "dataset whose accuracies are shown (default: the bundled sample)");
    cmd->add_option("--model", opt->models, "predictor model file (repeatable)");
    cmd->add_option("--threads", global.threads, "CPU threads (default: all cores)")->check(nonNegativeInteger());
    cmd->add_flag("--json", global.json, "one JSON object per cell");
    cmd->callback([opt, &global, &exitCode] {
        if (opt->file.empty() && opt->ops.empty())
            throw std::invalid_argument("inspect needs a FILE or --ops and --adjacency");
        exitCode = runInspect(*opt, global);
    });
}

} // namespace archscope::cli
