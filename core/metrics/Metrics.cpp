// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "metrics/Metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>

namespace archscope {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void checkInputs(const std::vector<double>& x, const std::vector<double>& y, const char* what)
{
    if (x.size() != y.size())
        throw std::invalid_argument(std::string(what) + ": the two inputs differ in length (" + std::to_string(x.size())
                                    + " and " + std::to_string(y.size()) + ")");
    for (std::size_t i = 0; i < x.size(); ++i)
        if (std::isnan(x[i]) || std::isnan(y[i]))
            throw std::invalid_argument(std::string(what) + ": value " + std::to_string(i) + " is NaN");
}

std::uint64_t tiedPairs(std::uint64_t runLength) { return runLength * (runLength - 1) / 2; }

// Sorts v stably and returns the number of swaps an insertion sort would make (pairs i < j with
// v[i] > v[j]); equal values are never counted.
std::uint64_t sortCountingInversions(std::vector<double>& v, std::vector<double>& buffer, std::size_t begin, std::size_t end)
{
    if (end - begin < 2)
        return 0;
    const std::size_t mid = begin + (end - begin) / 2;
    std::uint64_t swaps = sortCountingInversions(v, buffer, begin, mid) + sortCountingInversions(v, buffer, mid, end);
    std::size_t i = begin, j = mid, out = begin;
    while (i < mid && j < end) {
        if (v[j] < v[i]) {
            swaps += mid - i; // v[j] jumps over every value left in the first half
            buffer[out++] = v[j++];
        } else {
            buffer[out++] = v[i++];
        }
    }
    std::copy(v.begin() + static_cast<std::ptrdiff_t>(i), v.begin() + static_cast<std::ptrdiff_t>(mid), buffer.begin() + static_cast<std::ptrdiff_t>(out));
    out += mid - i;
    std::copy(v.begin() + static_cast<std::ptrdiff_t>(j), v.begin() + static_cast<std::ptrdiff_t>(end), buffer.begin() + static_cast<std::ptrdiff_t>(out));
    std::copy(buffer.begin() + static_cast<std::ptrdiff_t>(begin), buffer.begin() + static_cast<std::ptrdiff_t>(end), v.begin() + static_cast<std::ptrdiff_t>(begin));
    return swaps;
}

double tauB(const std::vector<double>& x, const std::vector<double>& y)
{
    const std::size_t n = x.size();
    if (n < 2)
        return kNaN;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return x[a] < x[b] || (x[a] == x[b] && y[a] < y[b]);
    });

    std::uint64_t tiedX = 0, tiedXY = 0;
    for (std::size_t start = 0; start < n;) {
        std::size_t endX = start + 1;
        while (endX < n && x[order[endX]] == x[order[start]])
            ++endX;
        tiedX += tiedPairs(endX - start);
        for (std::size_t s = start; s < endX;) {
            std::size_t e = s + 1;
            while (e < endX && y[order[e]] == y[order[s]])
                ++e;
            tiedXY += tiedPairs(e - s);
            s = e;
        }
        start = endX;
    }

    std::vector<double> ys(n), buffer(n);
    for (std::size_t i = 0; i < n; ++i)
        ys[i] = y[order[i]];
    const std::uint64_t swaps = sortCountingInversions(ys, buffer, 0, n);

    std::uint64_t tiedY = 0;
    for (std::size_t start = 0; start < n;) {
        std::size_t end = start + 1;
        while (end < n && ys[end] == ys[start])
            ++end;
        tiedY += tiedPairs(end - start);
        start = end;
    }

    const std::uint64_t pairs = tiedPairs(n);
    if (tiedX == pairs || tiedY == pairs)
        return kNaN;
    // Every pair is concordant, discordant (= a swap) or tied in x, in y or in both.
    const double concordantMinusDiscordant = static_cast<double>(pairs) - static_cast<double>(tiedX)
        - static_cast<double>(tiedY) + static_cast<double>(tiedXY) - 2.0 * static_cast<double>(swaps);
    return concordantMinusDiscordant
        / std::sqrt(static_cast<double>(pairs - tiedX) * static_cast<double>(pairs - tiedY));
}

double pearsonUnchecked(const std::vector<double>& x, const std::vector<double>& y)
{
    const std::size_t n = x.size();
    if (n < 2)
        return kNaN;
    double meanX = 0, meanY = 0;
    for (std::size_t i = 0; i < n; ++i) {
        meanX += x[i];
        meanY += y[i];
    }
    meanX /= static_cast<double>(n);
    meanY /= static_cast<double>(n);
    // Centred sums: accuracies sit near 0.9 with tiny spread, where sum(x^2) - n*mean^2 cancels badly.
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = x[i] - meanX, dy = y[i] - meanY;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx == 0 || syy == 0)
        return kNaN;
    return sxy / std::sqrt(sxx * syy);
}

// Indices of the k largest values, ties ordered by index.
std::vector<std::size_t> topIndices(const std::vector<double>& v, std::size_t k)
{
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto better = [&](std::size_t a, std::size_t b) { return v[a] > v[b] || (v[a] == v[b] && a < b); };
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), better);
    order.resize(k);
    return order;
}

} // namespace

std::vector<double> averageRanks(const std::vector<double>& v)
{
    const std::size_t n = v.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> ranks(n);
    for (std::size_t start = 0; start < n;) {
        std::size_t end = start + 1;
        while (end < n && v[order[end]] == v[order[start]])
            ++end;
        // Positions start..end-1 hold ranks start+1..end; their mean is (start + 1 + end) / 2.
        const double rank = static_cast<double>(start + 1 + end) / 2.0;
        for (std::size_t i = start; i < end; ++i)
            ranks[order[i]] = rank;
        start = end;
    }
    return ranks;
}

double kendallTau(const std::vector<double>& x, const std::vector<double>& y)
{
    checkInputs(x, y, "kendallTau");
    return tauB(x, y);
}

double spearman(const std::vector<double>& x, const std::vector<double>& y)
{
    checkInputs(x, y, "spearman");
    return pearsonUnchecked(averageRanks(x), averageRanks(y));
}

double pearson(const std::vector<double>& x, const std::vector<double>& y)
{
    checkInputs(x, y, "pearson");
    return pearsonUnchecked(x, y);
}

double rmse(const std::vector<double>& pred, const std::vector<double>& truth)
{
    checkInputs(pred, truth, "rmse");
    if (pred.empty())
        return kNaN;
    double sum = 0;
    for (std::size_t i = 0; i < pred.size(); ++i)
        sum += (pred[i] - truth[i]) * (pred[i] - truth[i]);
    return std::sqrt(sum / static_cast<double>(pred.size()));
}

double mae(const std::vector<double>& pred, const std::vector<double>& truth)
{
    checkInputs(pred, truth, "mae");
    if (pred.empty())
        return kNaN;
    double sum = 0;
    for (std::size_t i = 0; i < pred.size(); ++i)
        sum += std::abs(pred[i] - truth[i]);
    return sum / static_cast<double>(pred.size());
}

double precisionAtTopK(const std::vector<double>& pred, const std::vector<double>& truth, std::size_t k)
{
    checkInputs(pred, truth, "precisionAtTopK");
    if (k == 0 || k > pred.size())
        throw std::invalid_argument("precisionAtTopK: k = " + std::to_string(k) + " is outside 1.."
                                    + std::to_string(pred.size()));
    std::vector<std::size_t> byPred = topIndices(pred, k), byTruth = topIndices(truth, k);
    std::sort(byPred.begin(), byPred.end());
    std::sort(byTruth.begin(), byTruth.end());
    std::vector<std::size_t> common;
    std::set_intersection(byPred.begin(), byPred.end(), byTruth.begin(), byTruth.end(), std::back_inserter(common));
    return static_cast<double>(common.size()) / static_cast<double>(k);
}

double kendallTauTopFraction(const std::vector<double>& pred, const std::vector<double>& truth, double fraction)
{
    checkInputs(pred, truth, "kendallTauTopFraction");
    if (!(fraction > 0 && fraction <= 1))
        throw std::invalid_argument("kendallTauTopFraction: fraction " + std::to_string(fraction)
                                    + " is outside (0, 1]");
    const std::size_t n = pred.size();
    if (n < 2)
        return kNaN;
    // The small slack keeps 0.1 * 30 = 3.0000000000000004 at 3 cells instead of 4.
    const auto wanted = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(n) - 1e-9));
    const std::size_t m = std::min(n, std::max<std::size_t>(2, wanted));
    std::vector<double> topPred, topTruth;
    for (std::size_t i : topIndices(truth, m)) {
        topPred.push_back(pred[i]);
        topTruth.push_back(truth[i]);
    }
    return tauB(topPred, topTruth);
}

RegressionMetrics evaluateRegression(const std::vector<double>& pred, const std::vector<double>& truth)
{
    checkInputs(pred, truth, "evaluateRegression");
    RegressionMetrics m;
    m.n = pred.size();
    m.kendallTau = tauB(pred, truth);
    m.spearman = pearsonUnchecked(averageRanks(pred), averageRanks(truth));
    m.pearson = pearsonUnchecked(pred, truth);
    m.rmse = rmse(pred, truth);
    m.mae = mae(pred, truth);
    m.kendallTauTop10 = kendallTauTopFraction(pred, truth, 0.1);
    return m;
}

TauGain pairedKendallTauGain(const std::vector<double>& a, const std::vector<double>& b,
                             const std::vector<double>& truth, std::size_t resamples, std::uint64_t seed)
{
    checkInputs(a, truth, "pairedKendallTauGain (first score)");
    checkInputs(b, truth, "pairedKendallTauGain (second score)");
    if (resamples == 0)
        throw std::invalid_argument("pairedKendallTauGain: 0 resamples");
    TauGain out;
    out.resamples = resamples;
    out.gain = tauB(a, truth) - tauB(b, truth);
    const std::size_t n = truth.size();
    if (n < 2) {
        out.low = out.high = kNaN;
        return out;
    }
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pickCell(0, n - 1);
    std::vector<double> ra(n), rb(n), rt(n), gains;
    gains.reserve(resamples);
    for (std::size_t r = 0; r < resamples; ++r) {
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t k = pickCell(rng);
            ra[i] = a[k];
            rb[i] = b[k];
            rt[i] = truth[k];
        }
        const double g = tauB(ra, rt) - tauB(rb, rt);
        if (!std::isnan(g))
            gains.push_back(g);
    }
    if (2 * gains.size() < resamples) {
        out.low = out.high = kNaN;
        return out;
    }
    std::sort(gains.begin(), gains.end());
    const auto at = [&](double q) {
        return gains[static_cast<std::size_t>(std::lround(q * static_cast<double>(gains.size() - 1)))];
    };
    out.low = at(0.025);
    out.high = at(0.975);
    return out;
}

} // namespace archscope
