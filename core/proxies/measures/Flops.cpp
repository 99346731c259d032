// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

namespace archscope {

// The plan's multiply-accumulates for one image: the convolutions and the dense layer, the layers the
// proxies measure (ProxyContext::measuredLayers).
double flopsScore(const ProxyContext& c)
{
    return planMultiplyAccumulates(c.plan());
}

} // namespace archscope
