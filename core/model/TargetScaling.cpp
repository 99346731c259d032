// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/TargetScaling.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace archscope {

namespace {

bool strictlyIncreasingAndFinite(const std::vector<double>& v)
{
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!std::isfinite(v[i]) || (i > 0 && v[i] <= v[i - 1]))
            return false;
    return true;
}

} // namespace

MonotoneMap::MonotoneMap(std::vector<double> values, std::vector<double> scores)
    : values_(std::move(values)), scores_(std::move(scores))
{
    if (values_.size() != scores_.size() || values_.size() < 2)
        throw std::invalid_argument("target map needs at least two knots with a score each, got "
                                    + std::to_string(values_.size()) + " values and " + std::to_string(scores_.size())
                                    + " scores");
    if (!strictlyIncreasingAndFinite(values_) || !strictlyIncreasingAndFinite(scores_))
        throw std::invalid_argument("target map knots must be finite and strictly increasing");
}

double MonotoneMap::interpolate(const std::vector<double>& from, const std::vector<double>& to, double x)
{
    if (std::isnan(x))
        return x;
    // Past the ends, continue the line through the outermost tenth of the knots: the end segment
    // alone can be almost flat or almost vertical where few cells lie.
    const std::size_t n = from.size();
    const std::size_t reach = std::max<std::size_t>(1, n / 10);
    if (x <= from.front())
        return to.front() + (x - from.front()) * (to[reach] - to.front()) / (from[reach] - from.front());
    if (x >= from.back())
        return to.back() + (x - from.back()) * (to.back() - to[n - 1 - reach]) / (from.back() - from[n - 1 - reach]);
    const std::size_t hi = static_cast<std::size_t>(std::upper_bound(from.begin(), from.end(), x) - from.begin());
    const std::size_t lo = hi - 1;
    const double t = (x - from[lo]) / (from[hi] - from[lo]);
    return to[lo] + t * (to[hi] - to[lo]);
}

nlohmann::json TargetScaling::toJson() const
{
    nlohmann::json j = nlohmann::json::array();
    for (const MonotoneMap& m : outputs)
        j.push_back({{"values", m.values()}, {"scores", m.scores()}});
    return j;
}

TargetScaling TargetScaling::fromJson(const nlohmann::json& j)
{
    TargetScaling s;
    for (const auto& m : j)
        s.outputs.emplace_back(m.at("values").get<std::vector<double>>(), m.at("scores").get<std::vector<double>>());
    if (s.outputs.empty())
        throw std::invalid_argument("no target maps");
    return s;
}

} // namespace archscope
