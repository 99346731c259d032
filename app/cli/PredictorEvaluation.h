// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "MetricsJson.h"

#include "data/Dataset.h"
#include "model/Predictor.h"

#include <cmath>
#include <vector>

namespace archscope::cli {

// Metrics of `predictor` on the records at `rows` that have an accuracy at its budget, as train, eval
// and eval-budgets print them.
inline nlohmann::json evaluateOn(const Predictor& predictor, const Dataset& data, const std::vector<std::size_t>& rows)
{
    const int budget = budgetIndex(predictor.budgetEpochs());
    std::vector<Cell> cells;
    std::vector<double> truth;
    for (std::size_t i : rows) {
        const float acc = data[i].validationAccuracy(budget);
        if (std::isnan(acc))
            continue;
        cells.push_back(data[i].cell);
        truth.push_back(acc);
    }
    const std::vector<float> pred = predictor.predict(cells);
    return regressionJson(evaluateRegression(std::vector<double>(pred.begin(), pred.end()), truth));
}

} // namespace archscope::cli
