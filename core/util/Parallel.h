// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstddef>
#include <functional>

namespace archscope {

// The number of worker threads to use for `requested` (0 or less: all hardware threads).
int resolveThreads(int requested);

// Runs body(begin, end) over [0, n) in chunks of `grain` on `threads` threads (0: all), pulling
// chunks from a shared counter so uneven work balances. Rethrows the first exception a chunk threw.
void parallelFor(std::size_t n, std::size_t grain, int threads,
                 const std::function<void(std::size_t begin, std::size_t end)>& body);

} // namespace archscope
