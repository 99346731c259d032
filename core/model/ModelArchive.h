// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "util/Errors.h"

#include <torch/torch.h>

#include <optional>
#include <string>

namespace archscope {

// ArchScope's model and checkpoint files are LibTorch archives (TorchScript zip containers) with a
// "format" string, a format version and a JSON "config" next to the tensors. These helpers add the
// error handling and atomic writing the raw archive API lacks.
inline constexpr const char* kModelFormat = "archscope-model";
inline constexpr int kModelFormatVersion = 2;

void writeString(torch::serialize::OutputArchive& archive, const std::string& key, const std::string& value);
std::optional<std::string> readString(torch::serialize::InputArchive& archive, const std::string& key);
// Reads a string entry that must be there; throws DataError naming `path` and the key.
std::string requireString(torch::serialize::InputArchive& archive, const std::string& key, const std::string& path);

// Opens an archive; a missing, truncated or foreign file gives a DataError naming the path.
torch::serialize::InputArchive openArchive(const std::string& path);
// Opens a model file or training checkpoint of this format version; throws DataError naming the path
// for anything else.
torch::serialize::InputArchive openModelArchive(const std::string& path);

// Runs `read`, which reads from an opened archive, and turns what LibTorch or the standard library
// throws on a crafted or damaged file into one DataError line naming `path` (c10::Error's what() also
// carries a C++ backtrace). DataError and Cancelled pass unchanged.
std::string archiveErrorText(const std::exception& error);
template <class Read>
auto readingArchive(const std::string& path, Read&& read) -> decltype(read())
{
    try {
        return read();
    } catch (const DataError&) {
        throw;
    } catch (const Cancelled&) {
        throw;
    } catch (const std::exception& e) {
        throw DataError(path + ": cannot read the model: " + archiveErrorText(e));
    }
}

// Saves through a temporary file renamed over `path`, so a crash or error leaves the old file.
void saveArchiveAtomically(torch::serialize::OutputArchive& archive, const std::string& path);

// Copies tensors from `archive` into `module`'s parameters and buffers after checking that each is
// present with the shape the module expects (LibTorch's Module::load would silently resize).
void loadModuleChecked(torch::nn::Module& module, torch::serialize::InputArchive& archive, const std::string& where);

// Copies every parameter and buffer of `from` into the same-named tensor of `to` (same structure),
// across devices; e.g. a CPU copy of a module being trained on a GPU.
void copyModuleState(torch::nn::Module& to, const torch::nn::Module& from);

} // namespace archscope
