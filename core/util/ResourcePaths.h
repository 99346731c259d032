// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <filesystem>
#include <vector>

namespace archscope {

// The folders that may hold the bundled files (data/, models/), in the order they are tried:
// - <exe dir>/../share/archscope, the running executable's own install tree, so that a copy installed
//   under another prefix than the one compiled in (a package unpacked into any folder, `cmake --install
//   --prefix`) uses its own files;
// - the install prefix compiled in, for a binary copied away from its tree;
// - the source tree, so that a build runs before it is installed.
std::vector<std::filesystem::path> bundledFileDirs();

// The first <dir>/relative among bundledFileDirs() that is a regular file, or an empty path.
std::filesystem::path findBundledFile(const std::filesystem::path& relative);

} // namespace archscope
