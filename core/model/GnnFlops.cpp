// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/GnnFlops.h"

#include "cell/Cell.h"
#include "model/GnnRegressor.h"

namespace archscope {

namespace {

double linearFlops(double in, double out) { return 2.0 * in * out; }

double headFlops(const GnnConfig& c, double vertices)
{
    const double d = c.nodeDim;
    double flops = vertices * (linearFlops(d, c.graphDim) + linearFlops(d, 1));
    double width = c.graphDim;
    for (int i = 0; i + 1 < c.mlpLayers; ++i, width /= 2)
        flops += linearFlops(width, width / 2);
    return flops + linearFlops(width, c.outputs);
}

double gruFlops(double d) { return linearFlops(2 * d, 3 * d) + linearFlops(d, 3 * d); }

} // namespace

double gnnReferenceForwardFlops(const GnnConfig& c, double vertices, double edges)
{
    const double d = c.nodeDim;
    const double perLayer = edges * 2 * linearFlops(2 * d, 2 * d) + vertices * gruFlops(d);
    return c.layers * perLayer + headFlops(c, vertices);
}

double gnnExecutedForwardFlops(const GnnConfig& c)
{
    const double d = c.nodeDim;
    const double n = kMaxVertices;
    // Layers after the first: one product with the stacked [4 x 2d + 3d, d] weights, the four
    // neighbour sums as [N, N] x [N, 2d] products, then W_ih. The first layer works on 5 table rows
    // (shared by the batch) plus the neighbour sums on 3d-wide rows.
    const double general = n * (linearFlops(d, 11 * d) + linearFlops(2 * d, 3 * d)) + 2 * linearFlops(n, 2 * d) * n;
    const double first = 2 * linearFlops(n, 3 * d) * n;
    return first + (c.layers - 1) * general + headFlops(c, n);
}

double gnnInferenceForwardFlops(const GnnConfig& c, const std::vector<double>& classes, const std::vector<double>& neighbours)
{
    const double d = c.nodeDim;
    double flops = 0;
    for (std::size_t l = 1; l < classes.size() && l <= static_cast<std::size_t>(c.layers); ++l) {
        // The previous round's class states projected (the stacked weights, then W_ih on the four
        // message parts), then the neighbours' sums of 3d-wide rows per class.
        flops += classes[l - 1] * (linearFlops(d, 11 * d) + 4 * linearFlops(2 * d, 3 * d));
        flops += classes[l] * neighbours[l] * 3 * d;
    }
    return flops + headFlops(c, classes.back());
}

} // namespace archscope
