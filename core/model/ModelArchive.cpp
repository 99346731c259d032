// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/ModelArchive.h"

#include "util/AtomicFile.h"
#include "util/Errors.h"
#include "util/InputFile.h"
#include "util/MappedFile.h"
#include "util/SafeTensors.h"

#include <cstring>
#include <fstream>

namespace archscope {

namespace {

struct DTypePair {
    TensorDType stored;
    torch::ScalarType scalar;
};

constexpr DTypePair kDTypePairs[] = {
    {TensorDType::F64, torch::kFloat64}, {TensorDType::F32, torch::kFloat32}, {TensorDType::F16, torch::kFloat16},
    {TensorDType::BF16, torch::kBFloat16}, {TensorDType::I64, torch::kInt64}, {TensorDType::I32, torch::kInt32},
    {TensorDType::I16, torch::kInt16}, {TensorDType::I8, torch::kInt8}, {TensorDType::U8, torch::kUInt8},
    {TensorDType::Bool, torch::kBool},
};

TensorDType storedType(torch::ScalarType scalar, const std::string& key)
{
    for (const DTypePair& p : kDTypePairs)
        if (p.scalar == scalar)
            return p.stored;
    throw std::invalid_argument("tensor \"" + key + "\" has a dtype a model file cannot hold");
}

torch::ScalarType scalarType(TensorDType stored)
{
    for (const DTypePair& p : kDTypePairs)
        if (p.stored == stored)
            return p.scalar;
    throw std::logic_error("unmapped tensor dtype");
}

std::string shapeText(torch::IntArrayRef sizes)
{
    std::string s = "[";
    for (std::size_t i = 0; i < sizes.size(); ++i)
        s += (i ? ", " : "") + std::to_string(sizes[i]);
    return s + "]";
}

// Errors are one line; some of LibTorch's messages run over several.
std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

bool isZipArchive(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

} // namespace

void ModelArchive::write(const std::string& key, const torch::Tensor& tensor)
{
    tensors_[key] = tensor.detach().to(torch::kCPU).contiguous().clone();
}

void ModelArchive::write(const std::string& key, const ModelArchive& nested)
{
    for (const auto& [name, t] : nested.tensors_)
        tensors_[key + "." + name] = t;
    for (const auto& [name, s] : nested.strings_)
        strings_[key + "." + name] = s;
}

void ModelArchive::writeString(const std::string& key, std::string value) { strings_[key] = std::move(value); }

void ModelArchive::writeModelConfig(std::string config)
{
    writeString("format", kModelFormat);
    writeString("format_version", std::to_string(kModelFormatVersion));
    writeString("config", std::move(config));
}

void ModelArchive::writeModule(const torch::nn::Module& module)
{
    for (const auto& p : module.named_parameters())
        write(p.key(), p.value());
    for (const auto& b : module.named_buffers())
        write(b.key(), b.value());
}

std::optional<torch::Tensor> ModelArchive::tensor(const std::string& key) const
{
    const auto it = tensors_.find(key);
    if (it == tensors_.end())
        return std::nullopt;
    return it->second;
}

std::optional<ModelArchive> ModelArchive::nested(const std::string& key) const
{
    const std::string prefix = key + ".";
    ModelArchive out;
    for (auto it = tensors_.lower_bound(prefix); it != tensors_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
        out.tensors_[it->first.substr(prefix.size())] = it->second;
    for (auto it = strings_.lower_bound(prefix); it != strings_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
        out.strings_[it->first.substr(prefix.size())] = it->second;
    if (out.tensors_.empty() && out.strings_.empty())
        return std::nullopt;
    return out;
}

std::optional<std::string> ModelArchive::string(const std::string& key) const
{
    const auto it = strings_.find(key);
    if (it == strings_.end())
        return std::nullopt;
    return it->second;
}

std::string ModelArchive::requireString(const std::string& key, const std::string& where) const
{
    auto value = string(key);
    if (!value)
        throw DataError(where + ": model file has no \"" + key + "\" entry");
    return *value;
}

void ModelArchive::loadModule(torch::nn::Module& module, const std::string& where) const
{
    torch::NoGradGuard noGrad;
    auto copyChecked = [&](const std::string& name, torch::Tensor& target) {
        const auto it = tensors_.find(name);
        if (it == tensors_.end())
            throw DataError(where + ": missing tensor \"" + name + "\"");
        const torch::Tensor& stored = it->second;
        if (stored.scalar_type() != target.scalar_type())
            throw DataError(where + ": tensor \"" + name + "\" holds " + std::string(c10::toString(stored.scalar_type()))
                            + ", the model expects " + c10::toString(target.scalar_type()));
        if (stored.sizes() != target.sizes())
            throw DataError(where + ": tensor \"" + name + "\" has shape " + shapeText(stored.sizes())
                            + ", the model expects " + shapeText(target.sizes()));
        target.copy_(stored);
    };
    for (auto& p : module.named_parameters())
        copyChecked(p.key(), p.value());
    for (auto& b : module.named_buffers())
        copyChecked(b.key(), b.value());
}

std::string ModelArchive::bytes() const
{
    std::vector<StoredTensor> stored;
    for (const auto& [name, t] : tensors_) {
        StoredTensor s;
        s.name = name;
        s.dtype = storedType(t.scalar_type(), name);
        s.shape = t.sizes().vec();
        s.bytes = std::string_view(static_cast<const char*>(t.data_ptr()), static_cast<std::size_t>(t.nbytes()));
        stored.push_back(std::move(s));
    }
    return writeSafeTensors(strings_, stored);
}

ModelArchive ModelArchive::fromBytes(std::string_view bytes, const std::string& where)
{
    if (isZipArchive(bytes))
        throw DataError(where + ": a model file of an older ArchScope (a LibTorch archive, which can run code when read);"
                                " convert it once with `archscope-cli convert-model " + where + " NEW`");
    const SafeTensorsFile file = readSafeTensors(bytes, where);
    ModelArchive archive;
    archive.strings_ = file.metadata;
    archive.strings_.erase(kTensorsChecksumKey);
    for (const StoredTensor& s : file.tensors) {
        torch::Tensor t = torch::empty(s.shape, torch::TensorOptions().dtype(scalarType(s.dtype)));
        if (!s.bytes.empty())
            std::memcpy(t.data_ptr(), s.bytes.data(), s.bytes.size());
        archive.tensors_[s.name] = t;
    }
    return archive;
}

ModelArchive openModelArchive(const std::string& path)
{
    requireRegularFile(path);
    if (!std::ifstream(path).good())
        throw DataError(path + ": cannot open for reading");
    try {
        const MappedFile file(path);
        return readModelArchive(file.bytes(), path);
    } catch (const DataError&) {
        throw;
    } catch (const std::exception& e) {
        throw DataError(path + ": cannot read the model: " + firstLine(e.what()));
    }
}

ModelArchive readModelArchive(std::string_view bytes, const std::string& where)
{
    ModelArchive archive = ModelArchive::fromBytes(bytes, where);
    const auto format = archive.string("format");
    if (!format || (*format != kModelFormat && *format != kCheckpointFormat))
        throw DataError(where + ": not an ArchScope model file (no \"format\" entry)");
    const std::string version = archive.requireString("format_version", where);
    if (version != std::to_string(kModelFormatVersion))
        throw DataError(where + ": model format version " + version + ", this ArchScope reads version "
                        + std::to_string(kModelFormatVersion));
    return archive;
}

std::string archiveErrorText(const std::exception& error)
{
    if (const auto* c10 = dynamic_cast<const c10::Error*>(&error))
        return firstLine(c10->what_without_backtrace());
    return firstLine(error.what());
}

void saveArchiveAtomically(const ModelArchive& archive, const std::string& path)
{
    const std::string bytes = archive.bytes();
    writeFileAtomically(path, [&](const std::string& temp) { writeBytes(temp, bytes, path); });
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
