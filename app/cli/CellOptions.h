// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "util/JsonDepth.h"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace archscope::cli {

// One cell given as --ops and --adjacency (inspect, train-net) as the cell object {"ops":[…],
// "adjacency":[[…]]} that the readers of cell files parse, so options and files pass the same checks.
// What is wrong with the options themselves is said in their names: ops written with spaces instead
// of commas ("input conv3x3-bn-relu output", one op) used to surface as "adjacency has 3 rows for 1 ops".
inline std::string cellObjectFromOptions(const std::vector<std::string>& ops, const std::string& adjacency)
{
    checkJsonDepth(adjacency, "--adjacency");
    nlohmann::json matrix;
    try {
        matrix = nlohmann::json::parse(adjacency);
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument("--adjacency: not JSON: " + std::string(e.what()));
    }
    if (!matrix.is_array())
        throw std::invalid_argument("--adjacency: expected a matrix such as [[0,1,0],[0,0,1],[0,0,0]]");
    if (matrix.size() != ops.size())
        throw std::invalid_argument("--ops: " + std::to_string(ops.size()) + (ops.size() == 1 ? " op" : " ops") + " for the "
                                    + std::to_string(matrix.size())
                                    + " rows of --adjacency; give one op per vertex, separated by commas, e.g. "
                                      "input,conv3x3-bn-relu,output");
    return nlohmann::json{{"ops", ops}, {"adjacency", matrix}}.dump();
}

} // namespace archscope::cli
