// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "MetricsJson.h"

#include "cell/NetworkParams.h"
#include "data/Dataset.h"
#include "model/PredictionIntervals.h"
#include "model/Predictor.h"

#include <cmath>
#include <vector>

namespace archscope::cli {

// Metrics of `predictor` on the records at `rows` that have an accuracy at its budget, as train, eval
// and eval-budgets print them, with the parameter count's correlations on the same cells: the
// label-free baseline every ranking report carries.
inline nlohmann::json evaluateOn(const Predictor& predictor, const Dataset& data, const std::vector<std::size_t>& rows)
{
    const int budget = budgetIndex(predictor.budgetEpochs());
    std::vector<Cell> cells;
    std::vector<double> truth, params;
    for (std::size_t i : rows) {
        const float acc = data[i].validationAccuracy(budget);
        if (std::isnan(acc))
            continue;
        cells.push_back(data[i].cell);
        truth.push_back(acc);
        params.push_back(static_cast<double>(data[i].params > 0 ? data[i].params : networkParameterCount(data[i].cell)));
    }
    const PredictedAccuracies pred = predictor.predictWithIntervals(cells, PredictionIntervals::kDefaultLevel);
    nlohmann::json m = regressionJson(evaluateRegression(std::vector<double>(pred.value.begin(), pred.value.end()), truth));
    if (pred.hasIntervals()) {
        std::size_t inside = 0;
        double width = 0;
        for (std::size_t i = 0; i < truth.size(); ++i) {
            inside += pred.low[i] <= truth[i] && truth[i] <= pred.high[i];
            width += static_cast<double>(pred.high[i] - pred.low[i]);
        }
        const auto n = static_cast<double>(truth.size());
        m["interval_level"] = PredictionIntervals::kDefaultLevel;
        m["interval_coverage"] = static_cast<double>(inside) / n;
        m["interval_mean_width"] = width / n;
    }
    const RegressionMetrics byParams = evaluateRegression(params, truth);
    m["parameter_count"] = correlationJson(byParams);
    m["parameter_count"].erase("n");
    m["parameter_count"]["kendall_tau_top10"] = byParams.kendallTauTop10;
    return m;
}

} // namespace archscope::cli
