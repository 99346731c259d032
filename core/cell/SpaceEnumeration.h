// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "cell/ModuleHash.h"

#include <atomic>
#include <functional>
#include <vector>

namespace archscope {

struct EnumeratedCell {
    Cell cell;
    ModuleHash hash;
};

struct EnumerationOptions {
    int threads = 0;                          // 0: all hardware threads
    const std::atomic<bool>* cancel = nullptr; // checked between work units; throws Cancelled when set
    bool computeHashes = true;                // false: count only, leave the MD5 hashes zero
    // The reference the benchmark measures against: NAS-Bench-101's generate_graphs as written, the
    // MD5 module hash of every candidate (~1.4 million) on one thread, instead of a fast fingerprint
    // first and MD5 only for the 423,624 unique cells, in batches, on `threads` threads.
    bool hashEveryCandidate = false;
};

// Every unique cell of the NAS-Bench-101 space (2 to 7 vertices, at most 9 edges, every vertex on an
// input -> output path), de-duplicated by module hash, as NAS-Bench-101's generate_graphs does: the
// matrices in its order (vertex count, then edge bit pattern), each with every labeling of the
// interior ops, and for each hash the first cell met. The result keeps that order: 423,624 cells.
std::vector<EnumeratedCell> enumerateSpace(const EnumerationOptions& options = {});

} // namespace archscope
