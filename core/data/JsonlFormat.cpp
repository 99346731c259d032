// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "data/JsonlFormat.h"

#include "cell/NetworkParams.h"
#include "cell/Reachability.h"
#include "util/Errors.h"
#include "util/TextFiles.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace archscope {

namespace {

using nlohmann::json;

// A value as an error message shows it: numbers, booleans and short strings as written, anything
// longer or structured by its kind, so a crafted value never floods or recurses through the message.
std::string shown(const json& j)
{
    if (j.is_array())
        return "an array";
    if (j.is_object())
        return "an object";
    std::string text = j.dump();
    constexpr std::size_t kLongest = 40;
    if (text.size() > kLongest)
        text = text.substr(0, kLongest) + "…";
    return text;
}

// The value of an adjacency entry or a count as written, however large: nlohmann's get<int>() would
// wrap 4294967297 to 1.
std::optional<std::int64_t> exactInteger(const json& j)
{
    if (j.is_number_unsigned()) {
        const auto v = j.get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return std::nullopt;
        return static_cast<std::int64_t>(v);
    }
    if (j.is_number_integer())
        return j.get<std::int64_t>();
    return std::nullopt;
}

// The ops and matrix of a cell object. With `unknownOps`, a name outside the five ops gets a
// placeholder op and is kept there, because NAS-Bench-101 accepts it on a vertex that pruning
// removes; without, it is an error.
Cell cellFromJsonObject(const json& j, const std::string& where, std::vector<std::string>* unknownOps)
{
    if (!j.contains("ops") || !j["ops"].is_array())
        throw DataError(where + ": missing \"ops\" array");
    if (!j.contains("adjacency") || !j["adjacency"].is_array())
        throw DataError(where + ": missing \"adjacency\" matrix");
    const json& names = j["ops"];
    std::vector<Op> ops;
    if (unknownOps)
        unknownOps->assign(names.size(), std::string());
    for (std::size_t v = 0; v < names.size(); ++v) {
        if (!names[v].is_string())
            throw DataError(where + ": op of vertex " + std::to_string(v) + " is not a string");
        const std::string name = names[v].get<std::string>();
        const auto op = opFromName(name);
        if (!op && !unknownOps)
            throw DataError(where + ": unknown op \"" + name + "\" at vertex " + std::to_string(v)
                            + " (expected input, conv3x3-bn-relu, conv1x1-bn-relu, maxpool3x3 or output)");
        if (!op)
            (*unknownOps)[v] = name;
        ops.push_back(op.value_or(Op::Conv3x3));
    }
    std::vector<std::vector<int>> adjacency;
    for (std::size_t i = 0; i < j["adjacency"].size(); ++i) {
        const json& row = j["adjacency"][i];
        if (!row.is_array())
            throw DataError(where + ": adjacency row " + std::to_string(i) + " is not an array");
        std::vector<int> r;
        for (std::size_t k = 0; k < row.size(); ++k) {
            const auto e = exactInteger(row[k]);
            if (!e || (*e != 0 && *e != 1))
                throw DataError(where + ": adjacency[" + std::to_string(i) + "][" + std::to_string(k) + "] is "
                                + shown(row[k]) + ", expected 0 or 1");
            r.push_back(static_cast<int>(*e));
        }
        adjacency.push_back(std::move(r));
    }
    try {
        return Cell(std::move(ops), adjacency);
    } catch (const std::invalid_argument& e) {
        throw DataError(where + ": " + e.what());
    }
}

GivenCell checkedCell(const json& j, const std::string& where)
{
    GivenCell g;
    g.cell = cellFromJsonObject(j, where, &g.unknownOps);
    g.validation = validateCell(g.cell, g.unknownOps);
    if (!g.validation.ok())
        return g;
    g.pruned = pruneCell(g.cell);
    const std::uint32_t keep = liveVertices(g.cell);
    std::string dropped;
    int count = 0;
    for (int v = 0; v < g.cell.numVertices(); ++v) {
        if (keep >> v & 1u)
            continue;
        const std::string& unknown = g.unknownOps[static_cast<std::size_t>(v)];
        dropped += (count++ ? ", " : "") + std::to_string(v) + " ("
                   + (unknown.empty() ? std::string(opName(g.cell.op(v))) : unknown) + ")";
    }
    if (count > 0)
        g.pruning = (count == 1 ? "pruned vertex " : "pruned vertices ") + dropped
                    + ": not on a path from input to output";
    return g;
}

json parseObject(std::string_view line, const std::string& where)
{
    checkJsonDepth(line, where);
    json j;
    try {
        j = json::parse(line.begin(), line.end());
    } catch (const json::exception& e) {
        // Also out_of_range.406, nlohmann's report of a number like 1e999.
        throw DataError(where + ": malformed JSON: " + e.what());
    }
    if (!j.is_object())
        throw DataError(where + ": expected a JSON object");
    return j;
}

json cellJson(const Cell& cell)
{
    json ops = json::array();
    for (Op op : cell.ops())
        ops.push_back(std::string(opName(op)));
    return json{{"ops", ops}, {"adjacency", cell.adjacency()}};
}

// A finite number in [lo, hi] as a float, the type records keep: 1e308 is finite as a double but
// not as a float.
float numberIn(const json& j, double lo, double hi, const std::string& where, const std::string& field)
{
    const double v = j.is_number() ? j.get<double>() : std::nan("");
    if (!(v >= lo && v <= hi) || !std::isfinite(static_cast<float>(v)))
        throw DataError(where + ": " + field + " is " + shown(j) + ", expected a number from " + json(lo).dump()
                        + " to " + json(hi).dump());
    return static_cast<float>(v);
}

Record parseRecordObject(const json& j, const std::string& where)
{
    const GivenCell given = checkedCell(j, where);
    if (!given.validation.ok())
        throw DataError(where + ": invalid cell: " + given.validation.message);
    Record r;
    r.cell = *given.pruned;
    if (j.contains("hash")) {
        const auto hash = j["hash"].is_string() ? ModuleHash::fromHex(j["hash"].get<std::string>()) : std::nullopt;
        if (!hash)
            throw DataError(where + ": \"hash\" is not 32 hex digits");
        r.hash = *hash;
    } else {
        r.hash = moduleHash(r.cell);
    }
    // A missing count is computed like a missing hash: not given is not a mismatch.
    if (j.contains("params")) {
        const auto params = exactInteger(j["params"]);
        if (!params || *params < 1)
            throw DataError(where + ": \"params\" is " + shown(j["params"])
                            + ", expected a positive integer below 2^63");
        r.params = *params;
    } else {
        r.params = networkParameterCount(r.cell);
    }
    // NAS-Bench-101's longest 108-epoch run took under 10^4 s; no real time reaches a day.
    constexpr double kMaxTrainingSeconds = 86400;
    const float trainingTime = j.contains("training_time")
                                   ? numberIn(j["training_time"], 0, kMaxTrainingSeconds, where, "\"training_time\"")
                                   : kUnknown;
    if (j.contains("val_acc")) {
        const json& acc = j["val_acc"];
        if (!acc.is_object())
            throw DataError(where + ": \"val_acc\" is not an object of epochs");
        for (const auto& [key, value] : acc.items()) {
            int b = 0;
            while (b < kNumBudgets && key != std::to_string(kBudgetEpochs[b]))
                ++b;
            if (b == kNumBudgets)
                throw DataError(where + ": \"val_acc\" has budget \"" + key + "\", expected 4, 12, 36 or 108");
            BudgetRuns& runs = r.budgets[static_cast<std::size_t>(b)];
            runs.count = 1;
            runs.runs[0].final.epoch = static_cast<float>(kBudgetEpochs[b]);
            runs.runs[0].final.validationAccuracy = numberIn(value, 0, 1, where, "val_acc[\"" + key + "\"]");
            if (b == kBudget108)
                runs.runs[0].final.trainingTime = trainingTime;
        }
    }
    return r;
}

} // namespace

Record parseRecordLine(std::string_view line, const std::string& where)
{
    return parseRecordObject(parseObject(line, where), where);
}

GivenCell parseGivenCell(std::string_view text, const std::string& where)
{
    return checkedCell(parseObject(text, where), where);
}

std::string recordToJsonLine(const Record& record)
{
    json j = cellJson(record.cell);
    json out = {{"hash", record.hash.hex()}, {"ops", j["ops"]}, {"adjacency", j["adjacency"]},
                {"params", record.params}};
    const float time = record.hasBudget(kBudget108) ? record.budgets[kBudget108].runs[0].final.trainingTime : kUnknown;
    if (!std::isnan(time))
        out["training_time"] = time;
    json acc = json::object();
    for (int b = 0; b < kNumBudgets; ++b)
        if (record.hasBudget(b))
            acc[std::to_string(kBudgetEpochs[b])] = record.budgets[static_cast<std::size_t>(b)].runs[0].final.validationAccuracy;
    if (!acc.empty())
        out["val_acc"] = acc;
    return out.dump();
}

Dataset loadJsonl(const std::string& path, const std::atomic<bool>* cancel)
{
    std::vector<Record> records;
    forEachJsonlLine(path, [&](const std::string& line, const std::string& where) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw Cancelled();
        records.push_back(parseRecordLine(line, where));
        return true;
    });
    return Dataset(std::move(records), path);
}

void writeJsonl(const std::string& path, const std::vector<Record>& records)
{
    writeTextFile(path, [&](std::ostream& out) {
        for (const Record& r : records)
            out << recordToJsonLine(r) << '\n';
    });
}

std::string cellToJson(const Cell& cell) { return cellJson(cell).dump(); }

Cell cellFromJson(std::string_view text, const std::string& where)
{
    return cellFromJsonObject(parseObject(text, where), where, nullptr);
}

} // namespace archscope
