// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/LegacyModelFile.h"

#include "util/Errors.h"
#include "util/InputFile.h"

#include <fstream>

namespace archscope {

namespace {

// Module::save's nesting is as deep as the module tree: a few levels.
constexpr int kMaxNesting = 16;

ModelArchive entriesOf(torch::serialize::InputArchive& in, const std::string& where, int depth)
{
    if (depth > kMaxNesting)
        throw DataError(where + ": nested deeper than " + std::to_string(kMaxNesting) + " levels");
    ModelArchive out;
    for (const std::string& key : in.keys()) {
        c10::IValue value;
        if (!in.try_read(key, value))
            continue;
        if (value.isTensor()) {
            out.write(key, value.toTensor());
        } else if (value.isString()) {
            out.writeString(key, value.toStringRef());
        } else if (value.isObject()) {
            torch::serialize::InputArchive nested;
            if (in.try_read(key, nested))
                out.write(key, entriesOf(nested, where + "." + key, depth + 1));
        } else if (!value.isBool()) {
            // Every TorchScript module carries a "training" flag; anything else is not ArchScope's.
            throw DataError(where + ": entry \"" + key + "\" is a " + value.tagKind() + ", not a tensor or text");
        }
    }
    return out;
}

} // namespace

ModelArchive readLegacyModelFile(const std::string& path)
{
    requireRegularFile(path);
    if (!std::ifstream(path).good())
        throw DataError(path + ": cannot open for reading");
    torch::serialize::InputArchive archive;
    ModelArchive entries;
    try {
        archive.load_from(path, torch::kCPU);
        entries = entriesOf(archive, path, 0);
    } catch (const DataError&) {
        throw;
    } catch (const std::exception& e) {
        throw DataError(path + ": not a model file of an older ArchScope (a LibTorch archive): " + archiveErrorText(e));
    }
    const auto format = entries.string("format");
    if (format == std::string(kCheckpointFormat))
        throw DataError(path + ": a training checkpoint of an older ArchScope; checkpoints are not converted, "
                               "start the run again (its finished model file converts)");
    if (format != std::string(kModelFormat))
        throw DataError(path + ": not an ArchScope model file (no \"format\" entry)");
    const std::string version = entries.requireString("format_version", path);
    if (version != "2")
        throw DataError(path + ": model format version " + version + "; convert-model reads version 2");
    entries.writeString("format_version", std::to_string(kModelFormatVersion));
    return entries;
}

} // namespace archscope
