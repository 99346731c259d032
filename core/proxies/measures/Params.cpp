// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"

namespace archscope {

// The trainable values of the network at the configuration the proxies run at.
double paramsScore(const ProxyContext& c)
{
    return static_cast<double>(planParameterCount(c.plan()));
}

} // namespace archscope
