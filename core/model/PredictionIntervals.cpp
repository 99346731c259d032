// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/PredictionIntervals.h"

#include "model/ModelArchive.h"
#include "util/Errors.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace archscope {

namespace {

// Order statistics of (1 - a)(E + 1) are taken with a tolerance, so that level 0.9 of 59 errors asks
// for the 54th, not the 55th, because 0.1 * 60 is 5.999… in binary.
constexpr double kRankSlack = 1e-9;

} // namespace

double checkedIntervalLevel(double level)
{
    if (!(level > 0 && level < 1))
        throw std::invalid_argument("the interval level must be between 0 and 1 (e.g. 0.9), not " + std::to_string(level));
    return level;
}

PredictionIntervals::PredictionIntervals(std::vector<std::vector<float>> errors, std::string source)
    : errors_(std::move(errors)), source_(std::move(source))
{
    for (auto& e : errors_) {
        for (float r : e)
            if (!(r >= 0) || !std::isfinite(r))
                throw std::invalid_argument("a calibration error must be finite and not negative");
        std::sort(e.begin(), e.end());
        total_ += e.size();
    }
}

std::pair<float, float> PredictionIntervals::interval(const float* memberPredictions, double level) const
{
    const double a = 1 - checkedIntervalLevel(level);
    const auto e = static_cast<double>(total_);
    const auto kLow = static_cast<std::size_t>(std::max(0.0, std::floor(a * (e + 1) + kRankSlack)));
    const auto kHigh = static_cast<std::size_t>(std::ceil((1 - a) * (e + 1) - kRankSlack));
    // Both ends are order statistics at the large errors' end: walk the members' sorted errors from
    // the largest down, merging them, kLow steps for the lower end and E - kHigh + 1 for the upper.
    const std::size_t m = errors_.size();
    const auto walk = [&](std::size_t steps, bool upper) {
        std::vector<std::size_t> left(m);
        for (std::size_t j = 0; j < m; ++j)
            left[j] = errors_[j].size();
        double value = 0;
        for (std::size_t s = 0; s < steps; ++s) {
            std::size_t pick = m;
            for (std::size_t j = 0; j < m; ++j) {
                if (left[j] == 0)
                    continue;
                const double v = upper ? memberPredictions[j] + errors_[j][left[j] - 1]
                                       : memberPredictions[j] - errors_[j][left[j] - 1];
                if (pick == m || (upper ? v > value : v < value)) {
                    pick = j;
                    value = v;
                }
            }
            --left[pick];
        }
        return value;
    };
    const double low = kLow == 0 ? 0.0 : walk(kLow, false);
    const double high = kHigh > total_ ? 1.0 : walk(total_ - kHigh + 1, true);
    return {static_cast<float>(std::clamp(low, 0.0, 1.0)), static_cast<float>(std::clamp(high, 0.0, 1.0))};
}

void PredictionIntervals::writeTo(ModelArchive& archive) const
{
    if (empty())
        return;
    std::vector<float> all;
    std::vector<std::int64_t> counts;
    for (const auto& e : errors_) {
        all.insert(all.end(), e.begin(), e.end());
        counts.push_back(static_cast<std::int64_t>(e.size()));
    }
    archive.write("calibration.errors", torch::tensor(all, torch::kFloat32));
    archive.write("calibration.counts", torch::tensor(counts, torch::kInt64));
    archive.writeString("calibration.source", source_);
}

PredictionIntervals PredictionIntervals::readFrom(const ModelArchive& archive, std::size_t members, const std::string& where)
{
    const auto errors = archive.tensor("calibration.errors");
    const auto counts = archive.tensor("calibration.counts");
    if (!errors && !counts)
        return {};
    if (!errors || !counts)
        throw DataError(where + ": incomplete calibration (needs both calibration.errors and calibration.counts)");
    const auto lists = static_cast<std::size_t>(counts->numel());
    if (counts->dim() != 1 || counts->scalar_type() != torch::kInt64 || (lists != members && lists != 1))
        throw DataError(where + ": calibration.counts must list one 64-bit count, or one per member (" + std::to_string(members)
                        + ")");
    if (errors->dim() != 1 || errors->scalar_type() != torch::kFloat32)
        throw DataError(where + ": calibration.errors must be a vector of 32-bit floats");
    const torch::Tensor c = counts->contiguous();
    const torch::Tensor r = errors->contiguous();
    const float* values = r.data_ptr<float>();
    std::vector<std::vector<float>> perMember;
    std::int64_t at = 0;
    for (std::size_t j = 0; j < lists; ++j) {
        const std::int64_t n = c.data_ptr<std::int64_t>()[j];
        if (n < 0 || static_cast<std::size_t>(n) > kMaxErrors || n > r.numel() - at)
            throw DataError(where + ": calibration.counts[" + std::to_string(j) + "] = " + std::to_string(n)
                            + " does not fit the " + std::to_string(r.numel()) + " calibration errors");
        perMember.emplace_back(values + at, values + at + n);
        at += n;
    }
    if (at != r.numel())
        throw DataError(where + ": calibration.counts add up to " + std::to_string(at) + ", not the "
                        + std::to_string(r.numel()) + " calibration errors");
    try {
        return PredictionIntervals(std::move(perMember), archive.string("calibration.source").value_or(""));
    } catch (const std::invalid_argument& e) {
        throw DataError(where + ": " + e.what());
    }
}

} // namespace archscope
