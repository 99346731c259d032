// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace archscope {

// Agreement between predicted and true accuracies. Every function takes two vectors of the same
// length (std::invalid_argument otherwise, and for NaN inputs, which have no rank) and returns NaN
// where the measure is undefined (too few values, a constant side), so a caller can show "n/a"
// instead of a misleading 0.

// Kendall's tau-b, which corrects for ties on either side; O(n log n) (Knight 1966).
double kendallTau(const std::vector<double>& x, const std::vector<double>& y);
// The rank of each value from 1 (the smallest) to n, tied values sharing the mean of their ranks.
std::vector<double> averageRanks(const std::vector<double>& v);
// Pearson correlation of the average ranks (tied values share the mean of their ranks).
double spearman(const std::vector<double>& x, const std::vector<double>& y);
double pearson(const std::vector<double>& x, const std::vector<double>& y);
double rmse(const std::vector<double>& pred, const std::vector<double>& truth);
double mae(const std::vector<double>& pred, const std::vector<double>& truth);

// |top k by pred ∩ top k by truth| / k, higher being better on both sides. Values tied at the
// k-th place are ordered by index (the earlier one is in), so the result never depends on the
// sort algorithm; a predictor that ties many cells is not rewarded by the tie. 1 <= k <= n.
double precisionAtTopK(const std::vector<double>& pred, const std::vector<double>& truth, std::size_t k);

// Kendall's tau-b on the cells whose true value is among the best `fraction` (0 < fraction <= 1):
// the ceil(fraction * n) best, at least 2, ties at the boundary ordered by index as above. Search
// methods only care how well the predictor orders the good cells, which the full tau hides.
double kendallTauTopFraction(const std::vector<double>& pred, const std::vector<double>& truth, double fraction);

// How much better score `a` ranks the cells than score `b` does: tau-b(a, truth) - tau-b(b, truth),
// with a 95% percentile bootstrap interval. Each resample draws the n cells with replacement and
// scores both on the same draw, so the cells' shared difficulty cancels and the interval is that of
// the difference, far narrower than two separate intervals would suggest. Resamples on which a tau
// is undefined (a constant side) are skipped; the interval is NaN if more than half are.
struct TauGain {
    double gain = 0;
    double low = 0;  // 2.5th percentile of the resampled gains
    double high = 0; // 97.5th percentile
    std::size_t resamples = 0;
};

TauGain pairedKendallTauGain(const std::vector<double>& a, const std::vector<double>& b,
                             const std::vector<double>& truth, std::size_t resamples = 2000,
                             std::uint64_t seed = 0);

struct RegressionMetrics {
    std::size_t n = 0;
    double kendallTau = 0;
    double spearman = 0;
    double pearson = 0;
    double rmse = 0;
    double mae = 0;
    double kendallTauTop10 = 0; // tau-b on the best 10% by truth
};

RegressionMetrics evaluateRegression(const std::vector<double>& pred, const std::vector<double>& truth);

} // namespace archscope
