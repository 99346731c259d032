// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/ModuleHash.h"

#include <cstddef>
#include <vector>

namespace archscope {

// moduleHash of each of `count` cells, equal to calling it on each, but with all their MD5s of one
// round computed side by side (util/Md5Batch.h): several times faster per cell for a few hundred cells.
std::vector<ModuleHash> moduleHashes(const Cell* cells, std::size_t count);

} // namespace archscope
