// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/ModelArchive.h"

#include <string>

namespace archscope {

// Reads a model file of format version 2 or earlier: a LibTorch (TorchScript zip) archive. Reading
// one unpickles it with LibTorch, so this serves only `convert-model`, which a user runs on a file
// they trust; every other reader takes model files of the current, data-only format. Each nested
// archive becomes the entries under its name, so a module's tensors get their dotted names. Training
// checkpoints are refused: their optimizer state has no stable layout to convert.
ModelArchive readLegacyModelFile(const std::string& path);

} // namespace archscope
