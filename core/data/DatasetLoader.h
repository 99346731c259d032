// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"

#include <atomic>
#include <string>

namespace archscope {

// The bundled NAS-Bench-101 sample (20,001 records): $ARCHSCOPE_DATA when set, else the first copy in
// bundledFileDirs() (util/ResourcePaths.h). Throws std::runtime_error listing where it looked.
std::string defaultDatasetPath();

// Opens a dataset by its content: JSON Lines (plain or gzip) or an imported cache. Throws DataError
// naming the file and the problem.
Dataset loadDataset(const std::string& path, const std::atomic<bool>* cancel = nullptr);

} // namespace archscope
