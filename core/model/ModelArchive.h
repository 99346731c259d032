// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "util/Errors.h"

#include <torch/torch.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace archscope {

// ArchScope's model and checkpoint files are data: safetensors files (util/SafeTensors.h) whose
// header metadata holds a "format" string, a format version and a JSON "config" (a checkpoint's also
// its "training" state), next to named tensors. Nothing in them is compiled or unpickled.
inline constexpr const char* kModelFormat = "archscope-model";
inline constexpr const char* kCheckpointFormat = "archscope-checkpoint";
// 3: safetensors. 2 and earlier were LibTorch (TorchScript zip) archives, which only `convert-model` reads.
inline constexpr int kModelFormatVersion = 3;

// Named CPU tensors and strings. A nested archive (a module, an ensemble member) is stored under its
// key followed by a dot, so a module's tensors carry PyTorch's state_dict names ("member0.mlp.0.weight").
class ModelArchive {
public:
    void write(const std::string& key, const torch::Tensor& tensor);
    void write(const std::string& key, const ModelArchive& nested);
    void writeString(const std::string& key, std::string value);
    // What every model file starts with: the format, this version and the model's JSON configuration.
    void writeModelConfig(std::string config);
    // Every parameter and buffer of `module` under its dotted name, from CPU copies.
    void writeModule(const torch::nn::Module& module);

    std::optional<torch::Tensor> tensor(const std::string& key) const;
    // The entries under "key."; nullopt when there are none.
    std::optional<ModelArchive> nested(const std::string& key) const;
    std::optional<std::string> string(const std::string& key) const;
    // A string entry that must be there; throws DataError naming `where` and the key.
    std::string requireString(const std::string& key, const std::string& where) const;
    std::size_t tensorCount() const { return tensors_.size(); }
    // Copies the tensors into `module`'s parameters and buffers after checking that each is present
    // with the dtype and shape the module expects; throws DataError naming `where` otherwise.
    void loadModule(torch::nn::Module& module, const std::string& where) const;

    std::string bytes() const;
    // Validates the whole file (util/SafeTensors.h) before it makes any tensor.
    static ModelArchive fromBytes(std::string_view bytes, const std::string& where);

private:
    std::map<std::string, torch::Tensor> tensors_;
    std::map<std::string, std::string> strings_;
};

// Reads a model file or training checkpoint of this format version; throws DataError naming the path
// for anything else (a LibTorch archive of an older ArchScope: with the command that converts it).
ModelArchive openModelArchive(const std::string& path);
// The same from a file's bytes; errors name `where`.
ModelArchive readModelArchive(std::string_view bytes, const std::string& where);

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
void saveArchiveAtomically(const ModelArchive& archive, const std::string& path);

// Copies every parameter and buffer of `from` into the same-named tensor of `to` (same structure),
// across devices; e.g. a CPU copy of a module being trained on a GPU.
void copyModuleState(torch::nn::Module& to, const torch::nn::Module& from);

} // namespace archscope
