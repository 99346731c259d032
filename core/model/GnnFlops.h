// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <vector>

namespace archscope {

struct GnnConfig;

// Floating-point operations (multiply and add counted apart) of one forward pass of the GNN
// predictor for a cell with `vertices` vertices and `edges` edges, as the reference computes it:
// per edge a forward and a reverse message Linear(2d, 2d), per vertex a GRU cell and the readout.
// At the paper's sizes and a 7-vertex, 9-edge cell this is about 32 MFLOP.
double gnnReferenceForwardFlops(const GnnConfig& config, double vertices, double edges);

// What ArchScope executes per cell, every layer running once per vertex class (VertexClasses), in
// training and in prediction: `classes[l]` is the number of classes after l rounds per cell (l = 0 ..
// layers; the op types at 0), `neighbours[l]` the mean number of in- and out-neighbours of a class of
// round l, and the readout runs on `readoutRows` rows per cell (the classes of the last round in
// prediction; every vertex slot, 7 a cell, in training).
double gnnClassForwardFlops(const GnnConfig& config, const std::vector<double>& classes,
                            const std::vector<double>& neighbours, double readoutRows);

} // namespace archscope
