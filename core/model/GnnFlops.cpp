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

double gnnClassForwardFlops(const GnnConfig& c, const std::vector<double>& classes, const std::vector<double>& neighbours,
                            double readoutRows)
{
    const double d = c.nodeDim;
    double flops = 0;
    for (std::size_t l = 1; l < classes.size() && l <= static_cast<std::size_t>(c.layers); ++l) {
        // The previous round's class states times the stacked weights; W_ih on their four message
        // parts or on each class's sums, whichever is cheaper (GnnLayerImpl::project); the neighbours'
        // sums of 3d- or 2d-wide rows.
        flops += classes[l - 1] * linearFlops(d, 11 * d);
        if (4 * classes[l - 1] <= classes[l])
            flops += classes[l - 1] * 4 * linearFlops(2 * d, 3 * d) + classes[l] * neighbours[l] * 3 * d;
        else
            flops += classes[l] * (neighbours[l] * 2 * d + linearFlops(2 * d, 3 * d));
    }
    return flops + headFlops(c, readoutRows);
}

} // namespace archscope
