// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <nlohmann/json_fwd.hpp>

#include <vector>

namespace archscope {

// A monotone map between an output's accuracies and the scores a model is trained on: piecewise
// linear through knots (value_i, score_i), both strictly increasing, extended linearly past the ends.
//
// The trainer places the knots at the training cells' accuracies and the standard-normal quantiles
// of their ranks (a quantile-normal transform). NAS-Bench-101's accuracies have a long lower tail
// (cells that failed to train sit near 10%); z-scoring leaves those cells ten standard deviations
// out, where the squared error of a few of them outweighs the ordering of all the others. On rank
// scores every cell weighs the same, which is what Kendall tau measures (docs/BENCHMARKS.md).
class MonotoneMap {
public:
    MonotoneMap() = default;
    // Throws std::invalid_argument unless there are at least two knots, both sequences strictly
    // increasing and finite.
    MonotoneMap(std::vector<double> values, std::vector<double> scores);

    double toScore(double value) const { return interpolate(values_, scores_, value); }
    double toValue(double score) const { return interpolate(scores_, values_, score); }
    const std::vector<double>& values() const { return values_; }
    const std::vector<double>& scores() const { return scores_; }

private:
    static double interpolate(const std::vector<double>& from, const std::vector<double>& to, double x);
    std::vector<double> values_, scores_;
};

// One map per model output (auxiliary budgets first, the target budget last).
struct TargetScaling {
    std::vector<MonotoneMap> outputs;

    const MonotoneMap& target() const { return outputs.back(); }
    nlohmann::json toJson() const;
    // Throws std::invalid_argument (or nlohmann::json::exception) on malformed input.
    static TargetScaling fromJson(const nlohmann::json& j);
};

} // namespace archscope
