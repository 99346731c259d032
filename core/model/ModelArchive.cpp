// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/ModelArchive.h"

#include "util/AtomicFile.h"
#include "util/Errors.h"
#include "util/InputFile.h"

#include <fstream>

namespace archscope {

namespace {

std::string shapeText(const torch::Tensor& t)
{
    std::string s = "[";
    for (std::int64_t i = 0; i < t.dim(); ++i)
        s += (i ? ", " : "") + std::to_string(t.size(i));
    return s + "]";
}

// Errors are one line; some of LibTorch's messages run over several.
std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

} // namespace

void writeString(torch::serialize::OutputArchive& archive, const std::string& key, const std::string& value)
{
    archive.write(key, c10::IValue(value));
}

std::optional<std::string> readString(torch::serialize::InputArchive& archive, const std::string& key)
{
    c10::IValue value;
    if (!archive.try_read(key, value) || !value.isString())
        return std::nullopt;
    return value.toStringRef();
}

std::string requireString(torch::serialize::InputArchive& archive, const std::string& key, const std::string& path)
{
    auto value = readString(archive, key);
    if (!value)
        throw DataError(path + ": model file has no \"" + key + "\" entry");
    return *value;
}

torch::serialize::InputArchive openArchive(const std::string& path)
{
    requireRegularFile(path);
    if (!std::ifstream(path).good())
        throw DataError(path + ": cannot open for reading");
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(path, torch::kCPU);
    } catch (const std::exception& e) {
        // Not only c10::Error: the unpickler reports a broken archive with standard exceptions too.
        throw DataError(path + ": not a readable ArchScope model or checkpoint (corrupt or truncated?): "
                        + archiveErrorText(e));
    }
    return archive;
}

torch::serialize::InputArchive openModelArchive(const std::string& path)
{
    torch::serialize::InputArchive archive = openArchive(path);
    readingArchive(path, [&] {
        const auto format = readString(archive, "format");
        if (!format || (*format != kModelFormat && *format != "archscope-checkpoint"))
            throw DataError(path + ": not an ArchScope model file (no \"format\" entry)");
        const std::string version = requireString(archive, "format_version", path);
        if (version != std::to_string(kModelFormatVersion))
            throw DataError(path + ": model format version " + version + ", this ArchScope reads version "
                            + std::to_string(kModelFormatVersion));
    });
    return archive;
}

std::string archiveErrorText(const std::exception& error)
{
    if (const auto* c10 = dynamic_cast<const c10::Error*>(&error))
        return firstLine(c10->what_without_backtrace());
    return firstLine(error.what());
}

void saveArchiveAtomically(torch::serialize::OutputArchive& archive, const std::string& path)
{
    // Serialised in memory first: LibTorch's file writer, when a write fails (a full disk), throws, and
    // its destructor then writes again and throws during the unwinding, which aborts the process and
    // leaves the temporary file. Writing the finished bytes ourselves turns that into an error.
    std::string bytes;
    try {
        archive.save_to([&bytes](const void* data, std::size_t size) {
            bytes.append(static_cast<const char*>(data), size);
            return size;
        });
    } catch (const c10::Error& e) {
        throw std::runtime_error(path + ": cannot write: " + firstLine(e.what_without_backtrace()));
    }
    writeFileAtomically(path, [&](const std::string& temp) { writeBytes(temp, bytes, path); });
}

void loadModuleChecked(torch::nn::Module& module, torch::serialize::InputArchive& archive, const std::string& where)
{
    // Module::save writes a module's own tensors under their local names and each child module as a
    // nested archive under the child's name; walk the same tree.
    torch::NoGradGuard noGrad;
    auto copyChecked = [&](const std::string& name, torch::Tensor& target, bool isBuffer) {
        torch::Tensor stored;
        if (!archive.try_read(name, stored, isBuffer))
            throw DataError(where + ": missing tensor \"" + name + "\"");
        if (stored.sizes() != target.sizes())
            throw DataError(where + ": tensor \"" + name + "\" has shape " + shapeText(stored) + ", the model expects "
                            + shapeText(target));
        target.copy_(stored);
    };
    for (auto& p : module.named_parameters(/*recurse=*/false))
        copyChecked(p.key(), p.value(), false);
    for (auto& b : module.named_buffers(/*recurse=*/false))
        copyChecked(b.key(), b.value(), true);
    for (auto& child : module.named_children()) {
        torch::serialize::InputArchive nested;
        if (!archive.try_read(child.key(), nested))
            throw DataError(where + ": missing module \"" + child.key() + "\"");
        loadModuleChecked(*child.value(), nested, where + "." + child.key());
    }
}

void copyModuleState(torch::nn::Module& to, const torch::nn::Module& from)
{
    torch::NoGradGuard noGrad;
    const auto params = from.named_parameters();
    for (auto& p : to.named_parameters())
        p.value().copy_(params[p.key()]);
    const auto buffers = from.named_buffers();
    for (auto& b : to.named_buffers())
        b.value().copy_(buffers[b.key()]);
}

} // namespace archscope
