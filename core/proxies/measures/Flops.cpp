// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

namespace archscope {

// Multiply-accumulates of the convolutions (every output value of a k×k convolution over C inputs
// costs k·k·C) and of the dense layer for one image. Pooling, sums and batch norm are not counted.
double flopsScore(const ProxyContext& c)
{
    double macs = 0;
    for (std::size_t i : c.measuredLayers()) {
        const Layer& l = c.plan().layers[i];
        if (l.kind == LayerKind::Dense)
            macs += static_cast<double>(l.inChannels) * l.outChannels;
        else
            macs += static_cast<double>(l.kernel) * l.kernel * l.inChannels * l.outChannels * l.height * l.width;
    }
    return macs;
}

} // namespace archscope
