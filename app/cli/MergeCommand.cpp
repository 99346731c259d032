// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"
#include "MetricsJson.h"

#include "batch/Shards.h"
#include "metrics/Metrics.h"
#include "util/AtomicFile.h"
#include "util/Errors.h"
#include "util/JsonDepth.h"
#include "util/TextFiles.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>

namespace archscope::cli {

namespace {

struct MergeOptions {
    std::vector<std::string> shards;
    std::string out;
};

// A JSON Lines row is one JSON object; anything else was not written by the command the manifest names.
void requireJsonObject(const std::string& line, const std::string& where)
{
    checkJsonDepth(line, where);
    if (!nlohmann::json::parse(line, nullptr, false).is_object())
        throw DataError(where + ": not a JSON object, as every row of a JSON Lines shard is");
}

// A shard's data lines (without a CSV's header, which goes to `header`), checked against its manifest.
std::vector<std::string> shardLines(const std::string& path, const ShardManifest& m, std::string& header)
{
    const auto fields = [](const std::string& row) { return std::count(row.begin(), row.end(), ',') + 1; };
    std::vector<std::string> lines;
    bool first = true;
    forEachJsonlLine(path, [&](const std::string& line, const std::string& where) {
        if (first && m.format == "csv") {
            header = line;
        } else {
            if (m.format == "csv" && fields(line) != fields(header))
                throw DataError(where + ": a row of " + std::to_string(fields(line)) + " fields under a header of "
                                + std::to_string(fields(header)));
            if (m.format == "jsonl")
                requireJsonObject(line, where);
            lines.push_back(line);
        }
        first = false;
        return true;
    });
    if (lines.size() != m.rows)
        throw DataError(path + ": " + std::to_string(lines.size()) + " rows, its manifest says " + std::to_string(m.rows)
                        + " (changed after it was written?)");
    return lines;
}

// eval-ghn's scores (hash,ghn_accuracy,ghn_loss,truth): the correlations of the whole job, which no
// single shard could print, ranked by loss as eval-ghn ranks by default, and by accuracy.
void addScoreCorrelations(const std::vector<std::string>& rows, nlohmann::json& summary)
{
    std::vector<double> accuracy, byLoss, truth;
    for (const std::string& row : rows) {
        std::stringstream fields(row);
        std::string hash, acc, loss, value;
        std::getline(fields, hash, ',');
        std::getline(fields, acc, ',');
        std::getline(fields, loss, ',');
        std::getline(fields, value, ',');
        try {
            accuracy.push_back(std::stod(acc));
            byLoss.push_back(std::exp(-std::stod(loss))); // the GHN score (GhnScore::score)
            truth.push_back(std::stod(value));
        } catch (const std::exception&) {
            throw DataError("merge: row " + std::to_string(truth.size() + 1) + " of the joined scores is not hash,ghn_accuracy,ghn_loss,truth: " + row);
        }
    }
    summary["correlation"] = correlationJson(evaluateRegression(byLoss, truth));
    summary["correlation_by_accuracy"] = correlationJson(evaluateRegression(accuracy, truth));
}

int runMerge(const MergeOptions& opt, const GlobalOptions& global)
{
    checkOutputPath(opt.out, opt.shards);
    std::vector<std::pair<std::string, ShardManifest>> manifests;
    for (const std::string& path : opt.shards)
        manifests.emplace_back(path, readShardManifest(path));
    manifests = completeShards(std::move(manifests));
    std::string header;
    std::vector<std::string> rows;
    for (const auto& [path, m] : manifests) {
        std::string own;
        const std::vector<std::string> lines = shardLines(path, m, own);
        if (m.format == "csv" && !header.empty() && own != header)
            throw DataError(path + ": its columns (" + own + ") differ from " + manifests.front().first + "'s (" + header + ")");
        header = own;
        rows.insert(rows.end(), lines.begin(), lines.end());
    }
    const ShardManifest& job = manifests.front().second;
    // Before writing: a malformed score row leaves no output behind.
    nlohmann::json summary = {{"command", job.command}, {"shards", job.count}, {"rows", rows.size()}, {"out", opt.out}};
    if (job.command == "eval-ghn")
        addScoreCorrelations(rows, summary);
    if (job.format == "csv")
        writeCsvFile(opt.out, header, rows.size(), [&](std::size_t i) { return rows[i]; });
    else
        writeLinesFile(opt.out, rows);
    std::cout << (global.json ? summary.dump() : summary.dump(2)) << '\n';
    return 0;
}

} // namespace

void addMergeCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<MergeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "merge", "join the outputs of a sharded predict, encode, eval-ghn, eval-zc or train-net --cells in shard order, "
                 "checking that every shard is there once");
    cmd->add_option("shards", opt->shards, "the shards' outputs (e.g. preds.shard-*-of-4.csv), in any order")->required();
    cmd->add_option("--out", opt->out, "the joined file")->required();
    cmd->add_flag("--json", global.json, "print the summary as one JSON line");
    cmd->callback([opt, &global, &exitCode] { exitCode = runMerge(*opt, global); });
}

} // namespace archscope::cli
