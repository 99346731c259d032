// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstddef>
#include <string>

namespace archscope {

struct ConvertedModel {
    std::string kind; // "gnn", "ghn", "vsgae", …
    std::string name;
    std::size_t tensors = 0;
};

// Rewrites a model file of an older ArchScope (a LibTorch archive, format version 2) as a model file
// of this version at `to`: the same tensors under the same names, nothing else changed. The converted
// model is loaded, as any reader would, before `to` is written (atomically). Throws DataError naming
// `from` for a file it cannot convert, and then writes nothing.
ConvertedModel convertModelFile(const std::string& from, const std::string& to);

} // namespace archscope
