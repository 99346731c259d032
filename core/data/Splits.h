// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace archscope {

// How the training set is drawn from the records left after the validation set. Even and Edit are
// the strategies of Friede, Lukasik, Stuckenschmidt and Keuper, "A Variational-Sequential Graph
// Autoencoder for Neural Architecture Performance Prediction" (arXiv 1912.05317), which show how a
// predictor copes with training sets that cover the space differently from a uniform draw.
enum class Sampler {
    Random, // uniform without replacement
    Even,   // spread evenly over a grid laid on a 4-d description of the cells (see sampleEven)
    Edit,   // stratified by edit distance to a reference cell, each distance in proportion to its size
};

std::optional<Sampler> samplerFromName(std::string_view name); // "random", "even", "edit"
std::string_view samplerName(Sampler sampler);

struct SplitOptions {
    std::size_t trainSize = 0;
    std::size_t valSize = 0;
    double trainFraction = 0;   // of the records train and validation are drawn from; used when trainSize == 0
    std::uint64_t seed = 0;
    Sampler sampler = Sampler::Random;
    // k > 0: zero-shot extrapolation (Lukasik et al. 2020): train and validation come from cells with
    // at most k vertices, the test set is every cell with exactly k + 1.
    int maxTrainVertices = 0;
    int budget = kBudget108;    // only records with a validation accuracy at this budget take part
};

// Indices into the dataset, disjoint, each list in ascending order.
struct Split {
    std::vector<std::size_t> train, validation, test;
};

// The same options and dataset give the same split on every platform and standard library.
// Throws std::invalid_argument when the options are inconsistent or too few records are eligible.
Split makeSplit(const Dataset& data, const SplitOptions& options);

// Edit distance between two cells as the VS-GAE paper's edit sampling uses it: both cells padded to
// 7 vertices with the output last, then the number of differing entries of the upper triangle of
// the adjacency plus the number of interior vertices whose op differs (a missing vertex differs
// from every op).
int cellEditDistance(const Cell& a, const Cell& b);

// The cell Edit sampling measures distances from: the Inception-like example cell of the
// NAS-Bench-101 README (conv1x1, three conv3x3 and a maxpool, 9 edges).
const Cell& editSamplingReference();

// The Even sampler on arbitrary points: picks `count` of them (count <= points.size()), one per
// occupied cell of the finest grid that has at most `count` occupied cells (the point nearest the
// cell's centre), then tops up round-robin over the cells in a seeded order, one more point per
// cell and pass, so no cell gets two more points than another unless it runs out. Returns indices
// into `points`, ascending.
using EvenPoint = std::array<double, 4>;
std::vector<std::size_t> sampleEven(const std::vector<EvenPoint>& points, std::size_t count, std::uint64_t seed);

// The 4-d description Even sampling lays its grid on: parameters, edges, vertices and conv3x3 ops.
EvenPoint evenSamplingPoint(const Record& record);

} // namespace archscope
