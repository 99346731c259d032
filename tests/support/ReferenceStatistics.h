// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Correlations computed the textbook way, pair by pair in O(n^2), to check the ones the program prints:
// core/metrics counts inversions in O(n log n) and shares its rank code between measures, these share
// nothing with it, so a mistake there shows up as a difference here.

#include <cmath>
#include <cstddef>
#include <vector>

namespace archscope::test {

// Kendall's tau-b: (concordant - discordant) / sqrt((pairs - pairs tied in x) (pairs - pairs tied in y)).
inline double referenceKendallTauB(const std::vector<double>& x, const std::vector<double>& y)
{
    double concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, pairs = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        for (std::size_t j = i + 1; j < x.size(); ++j) {
            pairs += 1;
            const double dx = x[i] - x[j], dy = y[i] - y[j];
            tiedX += dx == 0 ? 1 : 0;
            tiedY += dy == 0 ? 1 : 0;
            if (dx * dy > 0)
                concordant += 1;
            else if (dx * dy < 0)
                discordant += 1;
        }
    }
    return (concordant - discordant) / std::sqrt((pairs - tiedX) * (pairs - tiedY));
}

inline double referencePearson(const std::vector<double>& x, const std::vector<double>& y)
{
    const auto n = static_cast<double>(x.size());
    double meanX = 0, meanY = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        meanX += x[i] / n;
        meanY += y[i] / n;
    }
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - meanX) * (y[i] - meanY);
        sxx += (x[i] - meanX) * (x[i] - meanX);
        syy += (y[i] - meanY) * (y[i] - meanY);
    }
    return sxy / std::sqrt(sxx * syy);
}

// Pearson's correlation of the ranks, tied values sharing the mean of the ranks they span.
inline double referenceSpearman(const std::vector<double>& x, const std::vector<double>& y)
{
    const auto ranks = [](const std::vector<double>& v) {
        std::vector<double> r(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) {
            double below = 0, tied = 0;
            for (std::size_t j = 0; j < v.size(); ++j) {
                below += v[j] < v[i] ? 1 : 0;
                tied += v[j] == v[i] && j != i ? 1 : 0;
            }
            r[i] = 1 + below + tied / 2;
        }
        return r;
    };
    return referencePearson(ranks(x), ranks(y));
}

} // namespace archscope::test
