// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace archscope {

// The five vertex operations of the NAS-Bench-101 space, in the order NAS-Bench-101 labels the
// interior ops (conv3x3 = 0, conv1x1 = 1, maxpool = 2); that order feeds the module hash.
enum class Op : std::uint8_t { Input, Conv3x3, Conv1x1, MaxPool3x3, Output };

inline constexpr int kNumOps = 5;
inline constexpr int kNumInteriorOps = 3;
inline constexpr Op kInteriorOps[kNumInteriorOps] = {Op::Conv3x3, Op::Conv1x1, Op::MaxPool3x3};

// NAS-Bench-101's spelling: "input", "conv3x3-bn-relu", "conv1x1-bn-relu", "maxpool3x3", "output".
std::string_view opName(Op op);
// A short label for drawings ("in", "3x3", "1x1", "pool", "out").
std::string_view opShortName(Op op);
std::optional<Op> opFromName(std::string_view name);

// The integer label NAS-Bench-101's hash uses: input -1, output -2, interior ops 0..2.
int opHashLabel(Op op);

inline bool isInteriorOp(Op op) { return op != Op::Input && op != Op::Output; }

} // namespace archscope
