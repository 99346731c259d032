// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "GroundTruth.h"

#include "cell/ModuleHash.h"
#include "cell/NetworkParams.h"
#include "data/DatasetLoader.h"
#include "util/Errors.h"
#include "util/TextFiles.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

namespace archscope::cli {

// The positions, in file order, of the `top` cells of highest truth (all of them for 0): the Top-50
// of Zhang et al.'s Table 1 is the 50 best of its Rand-100.
static std::vector<std::size_t> topByTruth(const std::vector<double>& truth, std::size_t top, const std::string& source)
{
    std::vector<std::size_t> order(truth.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (top == 0)
        return order;
    if (top > truth.size())
        throw std::invalid_argument("--top " + std::to_string(top) + ": " + source + " has only "
                                    + std::to_string(truth.size()) + " cells");
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return truth[a] > truth[b]; });
    order.resize(top);
    std::sort(order.begin(), order.end());
    return order;
}

template <typename T>
static std::vector<T> pick(const std::vector<T>& values, const std::vector<std::size_t>& at)
{
    std::vector<T> out;
    out.reserve(at.size());
    for (std::size_t i : at)
        out.push_back(values[i]);
    return out;
}

void readTruth(const TruthSource& opt, std::vector<Cell>& cells, std::vector<double>& truth,
               std::vector<NetTrainingRecord>* results, std::vector<double>* params)
{
    if (!opt.truth.empty()) {
        // A cell twice would be ranked against itself: two files concatenated, or a shard merged twice.
        std::unordered_map<std::string, std::string> seenAt;
        forEachJsonlLine(opt.truth, [&](const std::string& line, const std::string& at) {
            if (opt.limit > 0 && cells.size() >= opt.limit)
                return false;
            NetTrainingRecord r = parseNetTrainingRecord(line, at);
            if (const auto [it, added] = seenAt.emplace(r.hash.hex(), at); !added)
                throw DataError(at + ": cell " + r.hash.hex() + " again (first at " + it->second
                                + "); a ground truth holds each cell once");
            if (params && !r.params)
                throw DataError(at + ": not a train-net result: it has no \"params\"");
            cells.push_back(r.cell);
            truth.push_back(r.validationAccuracy);
            if (params)
                params->push_back(static_cast<double>(*r.params));
            if (results)
                results->push_back(std::move(r));
            return true;
        });
    } else {
        const Dataset data = loadDataset(opt.data.empty() ? defaultDatasetPath() : opt.data);
        for (const Record& r : data.records()) {
            if (opt.limit > 0 && cells.size() >= opt.limit)
                break;
            const float acc = r.validationAccuracy(budgetIndex(108));
            if (std::isnan(acc))
                continue;
            cells.push_back(r.cell);
            truth.push_back(acc);
            if (params)
                params->push_back(static_cast<double>(r.params > 0 ? r.params : networkParameterCount(r.cell)));
        }
    }
    const std::string source = opt.truth.empty() ? (opt.data.empty() ? std::string("the bundled sample") : opt.data) : opt.truth;
    if (truth.size() >= 2 && std::all_of(truth.begin(), truth.end(), [&](double t) { return t == truth.front(); }))
        throw DataError(source + ": every cell's accuracy is " + std::to_string(truth.front())
                        + "; a constant ground truth cannot rank anything");
    const auto kept = topByTruth(truth, opt.top, opt.truth.empty() ? "the data" : opt.truth);
    cells = pick(cells, kept);
    truth = pick(truth, kept);
    if (results)
        *results = pick(*results, kept);
    if (params)
        *params = pick(*params, kept);
}


} // namespace archscope::cli
