// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "metrics/Metrics.h"

#include <nlohmann/json.hpp>

namespace archscope::cli {

// The one spelling of metrics in the commands' JSON: how a ranking correlates with the truth
// ("n", "kendall_tau", "spearman", "pearson"), as eval-ghn, eval-sgd, eval-steps and merge print it.
inline nlohmann::json correlationJson(const RegressionMetrics& m)
{
    return {{"n", m.n}, {"kendall_tau", m.kendallTau}, {"spearman", m.spearman}, {"pearson", m.pearson}};
}

// The correlations and the errors of predicted accuracies ("rmse", "mae", "kendall_tau_top10"), as
// train and eval print them.
inline nlohmann::json regressionJson(const RegressionMetrics& m)
{
    nlohmann::json j = correlationJson(m);
    j["rmse"] = m.rmse;
    j["mae"] = m.mae;
    j["kendall_tau_top10"] = m.kendallTauTop10;
    return j;
}

} // namespace archscope::cli
