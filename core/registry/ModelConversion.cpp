// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "registry/ModelConversion.h"

#include "model/LegacyModelFile.h"
#include "model/ModelArchive.h"
#include "model/VsGaeLatent.h"
#include "registry/PredictorRegistry.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

namespace archscope {

ConvertedModel convertModelFile(const std::string& from, const std::string& to)
{
    const ModelArchive archive = readLegacyModelFile(from);
    ConvertedModel out;
    try {
        const auto config = nlohmann::json::parse(archive.requireString("config", from));
        out.kind = config.at("model").get<std::string>();
        out.name = config.at("name").get<std::string>();
    } catch (const nlohmann::json::exception& e) {
        throw DataError(from + ": malformed model configuration: " + e.what());
    }
    // Through the readers every model file meets: a file that converts also loads.
    const ModelArchive written = ModelArchive::fromBytes(archive.bytes(), to);
    readingArchive(from, [&] {
        if (out.kind == "vsgae")
            VsGaeLatentModel::readFrom(written, from);
        else
            loadPredictor(written, from);
    });
    out.tensors = written.tensorCount();
    saveArchiveAtomically(written, to);
    return out;
}

} // namespace archscope
