// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "data/Splits.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>
#include <string>

namespace archscope {

namespace {

// std::mt19937_64's output sequence is fixed by the standard, but std::shuffle and the
// std::uniform_*_distribution algorithms are not, so a split made with them would differ between
// libstdc++, libc++ and MSVC. The draws below use only the engine's raw output.

// Uniform in [0, bound) without modulo bias: raw values below 2^64 mod bound are rejected, which
// leaves a range whose size is a multiple of bound.
std::uint64_t boundedDraw(std::mt19937_64& rng, std::uint64_t bound)
{
    const std::uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const std::uint64_t r = rng();
        if (r >= threshold)
            return r % bound;
    }
}

// Uniform in [0, 1) from the top 53 bits, exactly representable as a double.
double unitDraw(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

template <typename T>
void fisherYates(std::vector<T>& v, std::mt19937_64& rng)
{
    for (std::size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[static_cast<std::size_t>(boundedDraw(rng, i))]);
}

using GridCell = std::array<std::int64_t, 4>;

// The grid of sampleEven at b cells per dimension: each coordinate scaled to [0, b] over the
// points' range and shifted by a random fraction of a cell (as the reference does), so the cell
// boundaries do not always fall on the same values.
struct EvenGrid {
    const std::vector<EvenPoint>& points;
    EvenPoint low{}, span{}, shift{};

    double scaled(std::size_t i, int d, std::int64_t b) const
    {
        const auto dd = static_cast<std::size_t>(d);
        const double unit = span[dd] > 0 ? (points[i][dd] - low[dd]) / span[dd] : 0.0;
        return unit * static_cast<double>(b) + shift[dd];
    }

    GridCell cellOf(std::size_t i, std::int64_t b) const
    {
        GridCell c{};
        for (int d = 0; d < 4; ++d)
            c[static_cast<std::size_t>(d)] = static_cast<std::int64_t>(std::floor(scaled(i, d, b)));
        return c;
    }

    double distanceToCentre(std::size_t i, std::int64_t b) const
    {
        double sum = 0;
        for (int d = 0; d < 4; ++d) {
            const double u = scaled(i, d, b);
            const double offset = u - std::floor(u) - 0.5;
            sum += offset * offset;
        }
        return sum;
    }

    std::size_t occupied(std::int64_t b) const
    {
        std::vector<GridCell> cells(points.size());
        for (std::size_t i = 0; i < points.size(); ++i)
            cells[i] = cellOf(i, b);
        std::sort(cells.begin(), cells.end());
        return static_cast<std::size_t>(std::unique(cells.begin(), cells.end()) - cells.begin());
    }
};

std::size_t distinctPoints(std::vector<EvenPoint> points)
{
    std::sort(points.begin(), points.end());
    return static_cast<std::size_t>(std::unique(points.begin(), points.end()) - points.begin());
}

// The reference looks the resolution up in a table made for its latent space; here it is searched:
// the largest b (by doubling, then bisection) whose grid has at most `count` occupied cells, or 1
// when even the coarsest grid has more.
std::int64_t evenResolution(const EvenGrid& grid, std::size_t count)
{
    constexpr std::int64_t kMaxResolution = std::int64_t{1} << 20;
    if (grid.occupied(1) > count)
        return 1;
    const std::size_t distinct = distinctPoints(grid.points);
    std::int64_t good = 1, bad = 0;
    for (std::int64_t b = 2; b <= kMaxResolution; b *= 2) {
        const std::size_t occupied = grid.occupied(b);
        if (occupied > count) {
            bad = b;
            break;
        }
        good = b;
        if (occupied == distinct) // no finer grid separates more points
            break;
    }
    while (bad != 0 && bad - good > 1) {
        const std::int64_t mid = good + (bad - good) / 2;
        (grid.occupied(mid) <= count ? good : bad) = mid;
    }
    return good;
}

std::vector<std::size_t> sampleEdit(const Dataset& data, const std::vector<std::size_t>& candidates, std::size_t count)
{
    // Candidates arrive shuffled, so the first ones of each distance are a uniform draw from it.
    std::map<int, std::vector<std::size_t>> byDistance;
    for (std::size_t i : candidates)
        byDistance[cellEditDistance(data[i].cell, editSamplingReference())].push_back(i);

    // Largest-remainder apportionment: each distance gets floor or ceil of its exact share
    // count * size / total, and the shares add up to count. The reference takes ceil of every share
    // and so overshoots the requested size by up to one record per distance.
    const std::uint64_t total = candidates.size();
    struct Stratum {
        std::vector<std::size_t>* members;
        std::uint64_t take;
        std::uint64_t remainder;
        int distance;
    };
    std::vector<Stratum> strata;
    std::uint64_t assigned = 0;
    for (auto& [distance, members] : byDistance) {
        const std::uint64_t exact = count * members.size();
        strata.push_back({&members, exact / total, exact % total, distance});
        assigned += exact / total;
    }
    std::vector<Stratum*> byRemainder;
    for (Stratum& s : strata)
        byRemainder.push_back(&s);
    std::sort(byRemainder.begin(), byRemainder.end(), [](const Stratum* a, const Stratum* b) {
        return a->remainder > b->remainder || (a->remainder == b->remainder && a->distance < b->distance);
    });
    for (std::size_t i = 0; assigned < count; ++i, ++assigned)
        ++byRemainder[i]->take;

    std::vector<std::size_t> picked;
    for (const Stratum& s : strata)
        picked.insert(picked.end(), s.members->begin(), s.members->begin() + static_cast<std::ptrdiff_t>(s.take));
    return picked;
}

std::string describe(const SplitOptions& o)
{
    std::string s = "budget " + std::to_string(kBudgetEpochs[static_cast<std::size_t>(o.budget)]) + " epochs";
    if (o.maxTrainVertices > 0)
        s += ", zero-shot with at most " + std::to_string(o.maxTrainVertices) + " vertices in training";
    return s;
}

} // namespace

std::optional<Sampler> samplerFromName(std::string_view name)
{
    for (Sampler s : {Sampler::Random, Sampler::Even, Sampler::Edit})
        if (samplerName(s) == name)
            return s;
    return std::nullopt;
}

std::string_view samplerName(Sampler sampler)
{
    switch (sampler) {
    case Sampler::Random: return "random";
    case Sampler::Even: return "even";
    case Sampler::Edit: return "edit";
    }
    return "random";
}

int cellEditDistance(const Cell& a, const Cell& b)
{
    // Vertex v of a cell with n vertices sits at v, except the output, which moves to slot 6.
    const auto slots = [](const Cell& c) {
        std::array<int, kMaxVertices> slot{};
        slot.fill(-1);
        const int n = c.numVertices();
        for (int v = 0; v < n; ++v)
            slot[static_cast<std::size_t>(v == n - 1 ? kMaxVertices - 1 : v)] = v;
        return slot;
    };
    if (a.numVertices() > kMaxVertices || b.numVertices() > kMaxVertices)
        throw std::invalid_argument("cellEditDistance: cells have " + std::to_string(a.numVertices()) + " and "
                                    + std::to_string(b.numVertices()) + " vertices, at most 7 are comparable");
    const auto sa = slots(a), sb = slots(b);
    const auto edge = [](const Cell& c, const std::array<int, kMaxVertices>& slot, int i, int j) {
        const int from = slot[static_cast<std::size_t>(i)], to = slot[static_cast<std::size_t>(j)];
        return from >= 0 && to >= 0 && c.hasEdge(from, to);
    };
    int distance = 0;
    for (int i = 0; i < kMaxVertices; ++i) {
        for (int j = i + 1; j < kMaxVertices; ++j)
            distance += edge(a, sa, i, j) != edge(b, sb, i, j);
        if (i > 0 && i < kMaxVertices - 1) {
            const int va = sa[static_cast<std::size_t>(i)], vb = sb[static_cast<std::size_t>(i)];
            const bool same = va >= 0 && vb >= 0 ? a.op(va) == b.op(vb) : va < 0 && vb < 0;
            distance += !same;
        }
    }
    return distance;
}

const Cell& editSamplingReference()
{
    static const Cell cell({Op::Input, Op::Conv1x1, Op::Conv3x3, Op::Conv3x3, Op::Conv3x3, Op::MaxPool3x3, Op::Output},
                           std::vector<std::vector<int>>{{0, 1, 1, 1, 0, 1, 0},
                                                         {0, 0, 0, 0, 0, 0, 1},
                                                         {0, 0, 0, 0, 0, 0, 1},
                                                         {0, 0, 0, 0, 1, 0, 0},
                                                         {0, 0, 0, 0, 0, 0, 1},
                                                         {0, 0, 0, 0, 0, 0, 1},
                                                         {0, 0, 0, 0, 0, 0, 0}});
    return cell;
}

EvenPoint evenSamplingPoint(const Record& record)
{
    const Cell& c = record.cell;
    const auto conv3x3 = std::count(c.ops().begin(), c.ops().end(), Op::Conv3x3);
    return {static_cast<double>(record.params), static_cast<double>(c.numEdges()),
            static_cast<double>(c.numVertices()), static_cast<double>(conv3x3)};
}

std::vector<std::size_t> sampleEven(const std::vector<EvenPoint>& points, std::size_t count, std::uint64_t seed)
{
    if (count > points.size())
        throw std::invalid_argument("sampleEven: " + std::to_string(count) + " points wanted from "
                                    + std::to_string(points.size()));
    if (count == 0)
        return {};
    std::mt19937_64 rng(seed);
    EvenGrid grid{points, {}, {}, {}};
    for (std::size_t d = 0; d < 4; ++d) {
        double lo = points[0][d], hi = points[0][d];
        for (const EvenPoint& p : points) {
            lo = std::min(lo, p[d]);
            hi = std::max(hi, p[d]);
        }
        grid.low[d] = lo;
        grid.span[d] = hi - lo;
        grid.shift[d] = unitDraw(rng);
    }
    const std::int64_t b = evenResolution(grid, count);

    std::map<GridCell, std::vector<std::size_t>> cells;
    for (std::size_t i = 0; i < points.size(); ++i)
        cells[grid.cellOf(i, b)].push_back(i);

    std::vector<std::size_t> picked;
    std::vector<std::vector<std::size_t>*> remaining;
    for (auto& [cell, members] : cells) {
        const auto nearest = std::min_element(members.begin(), members.end(), [&](std::size_t x, std::size_t y) {
            const double dx = grid.distanceToCentre(x, b), dy = grid.distanceToCentre(y, b);
            return dx < dy || (dx == dy && x < y);
        });
        picked.push_back(*nearest);
        members.erase(nearest);
        remaining.push_back(&members);
    }

    if (picked.size() > count) {
        // Only at the coarsest grid: as the reference, drop random picks.
        fisherYates(picked, rng);
        picked.resize(count);
    }
    while (picked.size() < count) {
        fisherYates(remaining, rng);
        for (std::vector<std::size_t>* members : remaining) {
            if (picked.size() == count)
                break;
            if (members->empty())
                continue;
            const auto k = static_cast<std::ptrdiff_t>(boundedDraw(rng, members->size()));
            picked.push_back(members->at(static_cast<std::size_t>(k)));
            members->erase(members->begin() + k);
        }
    }
    std::sort(picked.begin(), picked.end());
    return picked;
}

Split makeSplit(const Dataset& data, const SplitOptions& options)
{
    if (options.budget < 0 || options.budget >= kNumBudgets)
        throw std::invalid_argument("makeSplit: budget index " + std::to_string(options.budget) + " is outside 0.."
                                    + std::to_string(kNumBudgets - 1));
    const int k = options.maxTrainVertices;
    if (k < 0 || k >= kMaxVertices)
        throw std::invalid_argument("makeSplit: maxTrainVertices " + std::to_string(k)
                                    + " leaves no larger cells to test on (0 for no zero-shot, else 1.."
                                    + std::to_string(kMaxVertices - 1) + ")");

    std::vector<std::size_t> pool, zeroShotTest;
    std::size_t eligible = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (std::isnan(data[i].validationAccuracy(options.budget)))
            continue;
        ++eligible;
        const int n = data[i].cell.numVertices();
        if (k == 0 || n <= k)
            pool.push_back(i);
        else if (n == k + 1)
            zeroShotTest.push_back(i);
    }
    if (k > 0 && zeroShotTest.empty())
        throw std::invalid_argument("makeSplit: no eligible cell has " + std::to_string(k + 1) + " vertices to test on ("
                                    + describe(options) + ")");

    std::size_t trainSize = options.trainSize;
    if (trainSize == 0) {
        if (!(options.trainFraction > 0 && options.trainFraction <= 1))
            throw std::invalid_argument("makeSplit: neither a training size nor a training fraction in (0, 1] (got "
                                        + std::to_string(options.trainFraction) + ")");
        trainSize = static_cast<std::size_t>(std::floor(options.trainFraction * static_cast<double>(pool.size()) + 0.5));
    }
    if (trainSize == 0 || trainSize + options.valSize > pool.size())
        throw std::invalid_argument("makeSplit: " + std::to_string(trainSize) + " training and "
                                    + std::to_string(options.valSize) + " validation records wanted, but only "
                                    + std::to_string(pool.size()) + " of the " + std::to_string(data.size())
                                    + " records can be drawn (" + std::to_string(eligible) + " eligible; "
                                    + describe(options) + ")");

    std::mt19937_64 rng(options.seed);
    fisherYates(pool, rng);
    Split split;
    split.validation.assign(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(options.valSize));
    const std::vector<std::size_t> candidates(pool.begin() + static_cast<std::ptrdiff_t>(options.valSize), pool.end());

    switch (options.sampler) {
    case Sampler::Random:
        split.train.assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(trainSize));
        break;
    case Sampler::Even: {
        std::vector<EvenPoint> points;
        points.reserve(candidates.size());
        for (std::size_t i : candidates)
            points.push_back(evenSamplingPoint(data[i]));
        for (std::size_t j : sampleEven(points, trainSize, rng()))
            split.train.push_back(candidates[j]);
        break;
    }
    case Sampler::Edit:
        split.train = sampleEdit(data, candidates, trainSize);
        break;
    }

    std::sort(split.train.begin(), split.train.end());
    std::sort(split.validation.begin(), split.validation.end());
    if (k > 0) {
        split.test = std::move(zeroShotTest);
    } else {
        std::vector<std::size_t> sortedCandidates = candidates;
        std::sort(sortedCandidates.begin(), sortedCandidates.end());
        std::set_difference(sortedCandidates.begin(), sortedCandidates.end(), split.train.begin(), split.train.end(),
                            std::back_inserter(split.test));
    }
    return split;
}

} // namespace archscope
