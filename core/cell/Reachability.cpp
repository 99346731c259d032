// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "cell/Reachability.h"

namespace archscope {

std::uint32_t liveVertices(const Cell& cell)
{
    const int n = cell.numVertices();
    if (n < 2)
        return 0u;
    // Upper triangular: a forward sweep finds everything reachable from the input and a backward
    // sweep everything that reaches the output.
    std::uint32_t fromInput = 1u;
    for (int v = 0; v < n; ++v)
        if (fromInput & (1u << v))
            fromInput |= cell.outMask(v);
    std::uint32_t toOutput = 1u << (n - 1);
    for (int v = n - 1; v >= 0; --v)
        if (cell.outMask(v) & toOutput)
            toOutput |= 1u << v;
    const std::uint32_t live = fromInput & toOutput;
    return (live & 1u) && (live & (1u << (n - 1))) ? live : 0u;
}

} // namespace archscope
