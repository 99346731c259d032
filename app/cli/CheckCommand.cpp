// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"
#include "OptionChecks.h"

#include "cell/NetworkParams.h"
#include "data/JsonlFormat.h"
#include "network/NetworkPlan.h"
#include "util/Errors.h"
#include "util/TextFiles.h"
#include "util/Parallel.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <memory>
#include <numeric>

namespace archscope::cli {

namespace {

struct CheckOptions {
    std::string file;
    int maxReported = 10;
    bool networks = false;
};

// Validates every record and recomputes its hash and parameter count (a record without them has its
// own computed ones, so only a given value can mismatch).
int runCheck(const CheckOptions& opt, const GlobalOptions& global)
{
    std::vector<Record> records;
    std::vector<std::string> where;
    long invalid = 0;
    forEachJsonlLine(opt.file, [&](const std::string& line, const std::string& at) {
        try {
            records.push_back(parseRecordLine(line, at));
            where.push_back(at);
        } catch (const DataError& e) {
            if (invalid++ < opt.maxReported)
                std::cerr << e.what() << '\n';
        }
        return true;
    });
    std::vector<char> hashBad(records.size(), 0), paramsBad(records.size(), 0), networkBad(records.size(), 0);
    parallelFor(records.size(), 256, global.threads, [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
            hashBad[i] = moduleHash(records[i].cell) != records[i].hash;
            paramsBad[i] = networkParameterCount(records[i].cell) != records[i].params;
            networkBad[i] = opt.networks && builtNetworkParameterCount(records[i].cell) != records[i].params;
        }
    });
    // A second record of a cell: every loader refuses the file (Dataset), so check counts it.
    std::vector<std::size_t> byHash(records.size());
    std::iota(byHash.begin(), byHash.end(), std::size_t(0));
    std::stable_sort(byHash.begin(), byHash.end(),
                     [&](std::size_t a, std::size_t b) { return records[a].hash < records[b].hash; });
    long duplicates = 0;
    for (std::size_t k = 1; k < byHash.size(); ++k) {
        const std::size_t first = byHash[k - 1], again = byHash[k];
        if (records[first].hash == records[again].hash && duplicates++ < opt.maxReported)
            std::cerr << where[again] << ": hash " << records[again].hash.hex() << " is also the hash of "
                      << where[first] << '\n';
    }
    long networkMismatches = 0;
    for (std::size_t i = 0; i < records.size(); ++i)
        if (networkBad[i] && networkMismatches++ < opt.maxReported)
            std::cerr << where[i] << ": params " << records[i].params << " but the built LibTorch network has "
                      << builtNetworkParameterCount(records[i].cell) << '\n';
    long hashMismatches = 0, paramMismatches = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (hashBad[i] && hashMismatches++ < opt.maxReported)
            std::cerr << where[i] << ": hash " << records[i].hash.hex() << " does not match the cell's hash "
                      << moduleHash(records[i].cell).hex() << '\n';
        if (paramsBad[i] && paramMismatches++ < opt.maxReported)
            std::cerr << where[i] << ": params " << records[i].params << " but the network has "
                      << networkParameterCount(records[i].cell) << '\n';
    }
    const long total = static_cast<long>(records.size()) + invalid;
    if (global.json) {
        nlohmann::json j{{"records", total},
                         {"invalid", invalid},
                         {"duplicate_hashes", duplicates},
                         {"hash_mismatches", hashMismatches},
                         {"param_mismatches", paramMismatches}};
        if (opt.networks)
            j["network_param_mismatches"] = networkMismatches;
        std::cout << j.dump() << '\n';
    } else {
        std::cout << opt.file << ": " << total << " records, " << invalid << " invalid, " << duplicates
                  << " duplicate hashes, " << hashMismatches << " hash mismatches, " << paramMismatches
                  << " parameter-count mismatches";
        if (opt.networks)
            std::cout << ", " << networkMismatches << " built-network parameter mismatches";
        std::cout << '\n';
    }
    return (invalid == 0 && duplicates == 0 && hashMismatches == 0 && paramMismatches == 0 && networkMismatches == 0)
               ? 0
               : 1;
}

} // namespace

void addCheckCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<CheckOptions>();
    CLI::App* cmd = app.add_subcommand("check", "validate every record of a JSONL(.gz) file and recompute hash and params");
    cmd->add_option("file", opt->file, "JSONL or JSONL.gz file")->required();
    cmd->add_option("--threads", global.threads, "worker threads (default: all cores)")->check(nonNegativeInteger());
    cmd->add_flag("--json", global.json, "print one JSON object");
    cmd->add_flag("--networks", opt->networks,
                  "also build each record's LibTorch network and compare its trainable parameters with params");
    cmd->add_option("--max-reported", opt->maxReported, "problems printed per kind (default 10)")->check(nonNegativeInteger());
    cmd->callback([opt, &global, &exitCode] { exitCode = runCheck(*opt, global); });
}

} // namespace archscope::cli
