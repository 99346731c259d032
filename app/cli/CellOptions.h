// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "util/JsonDepth.h"

#include <CLI/CLI.hpp>
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

// One cell chosen on the command line: --hash (in --data), --cell (a cell file) or --ops with --adjacency.
struct CellChoice {
    std::string hash;
    std::string data;
    std::string cellFile;
    std::vector<std::string> ops;
    std::string adjacency;
    bool given() const { return !hash.empty() || !cellFile.empty() || !ops.empty(); }
};

struct CellChoiceOptions {
    CLI::Option* hash;
    CLI::Option* cellFile;
    CLI::Option* ops;
};

// Adds --hash, --data, --cell, --ops and --adjacency to `cmd`, each excluding the other ways.
CellChoiceOptions addCellChoiceOptions(CLI::App* cmd, CellChoice& choice);

// The chosen cell, as given (not yet validated); std::invalid_argument or DataError naming the option.
Cell chosenCell(const CellChoice& choice);

} // namespace archscope::cli
