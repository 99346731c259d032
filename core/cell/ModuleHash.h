// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Op.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace archscope {

class Cell;

// NAS-Bench-101's module hash (graph_util.hash_module): an MD5-based Weisfeiler-Lehman fingerprint
// that is equal for isomorphic cells. Held as its 16 bytes; printed as 32 lowercase hex digits.
struct ModuleHash {
    std::array<std::uint8_t, 16> bytes{};

    std::string hex() const;
    static std::optional<ModuleHash> fromHex(std::string_view hex);

    friend bool operator==(const ModuleHash& a, const ModuleHash& b) { return a.bytes == b.bytes; }
    friend bool operator!=(const ModuleHash& a, const ModuleHash& b) { return a.bytes != b.bytes; }
    friend bool operator<(const ModuleHash& a, const ModuleHash& b) { return a.bytes < b.bytes; }
};

// The hash of a cell as given (call it on the pruned cell, as NAS-Bench-101 does). Bit-identical to
// hash_module(matrix, labeling) with labeling input -1, output -2, conv3x3 0, conv1x1 1, maxpool 2.
ModuleHash moduleHash(const Cell& cell);

// A 64-bit fingerprint built like moduleHash (same initial labels, same number of rounds, the same
// in/out neighbour multisets, summed instead of sorted) with a fast mixer instead of MD5: two cells get
// equal fingerprints exactly when they get equal module hashes, barring a 64-bit collision. The space
// enumeration de-duplicates with it and computes MD5 only for the unique cells (cell/ModuleHashBatch.h).
std::uint64_t moduleFingerprint(const Cell& cell);
// The same on a raw cell (n vertices, out-edge bit rows, ops), for hot loops that avoid building Cells.
std::uint64_t moduleFingerprint(int n, const std::uint32_t* rows, const Op* ops);

} // namespace archscope
