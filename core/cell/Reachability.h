// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"

#include <cstdint>

namespace archscope {

// The vertices on some input -> output path (bit v for vertex v); 0 when the output cannot be reached
// from the input. Pruning keeps exactly these.
std::uint32_t liveVertices(const Cell& cell);

} // namespace archscope
