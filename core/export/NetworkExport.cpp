// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "export/NetworkExport.h"

#include "cell/ModuleHash.h"
#include "data/JsonlFormat.h"
#include "export/PyTorchScript.h"
#include "model/ModelArchive.h"
#include "network/CellNetwork.h"
#include "network/ImageData.h"
#include "runtime/Runtime.h"
#include "util/AtomicFile.h"
#include "util/Errors.h"
#include "util/InputFile.h"

#ifdef ARCHSCOPE_HAS_ONNX
#include "export/OnnxExport.h"
#endif

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <stdexcept>

namespace archscope {

namespace {

// What a train-net checkpoint says it was trained for: its "training" entry's configuration.
struct CheckpointNetwork {
    Cell cell;
    NetworkConfig network;
    std::string task;
    ModelArchive tensors;
};

CheckpointNetwork readCheckpointNetwork(const std::string& path)
{
    const ModelArchive archive = openModelArchive(path);
    if (archive.string("format") != std::string(kCheckpointFormat))
        throw DataError(path + ": not a train-net checkpoint (a model file? export takes the --checkpoint of train-net)");
    CheckpointNetwork c;
    try {
        const auto config = nlohmann::json::parse(archive.requireString("training", path)).at("config");
        if (!config.contains("task") || !config.contains("stem"))
            throw DataError(path + ": the checkpoint of another training (a predictor's?), not of train-net");
        c.cell = cellFromJson(config.at("cell").dump(), path + ": cell");
        c.task = config.at("task").get<std::string>();
        c.network.stemChannels = config.at("stem").get<int>();
        c.network.numStacks = config.at("stacks").get<int>();
        c.network.cellsPerStack = config.at("modules").get<int>();
    } catch (const nlohmann::json::exception& e) {
        throw DataError(path + ": malformed training state: " + e.what());
    }
    const auto net = archive.nested("network");
    if (!net)
        throw DataError(path + ": no network in the checkpoint");
    c.tensors = *net;
    return c;
}

// Throws when an option the caller gave names another network than the checkpoint's.
void checkAgrees(const std::string& path, const char* what, int given, int there)
{
    if (given != there)
        throw DataError(path + ": the checkpoint's network has " + what + " " + std::to_string(there) + ", not the "
                        + std::to_string(given) + " asked for");
}

std::string cellSummary(const Cell& cell)
{
    return "NAS-Bench-101 cell " + moduleHash(cell).hex() + ": " + cellToJson(cell);
}

} // namespace

ExportFormat parseExportFormat(const std::string& text)
{
    if (text == "onnx")
        return ExportFormat::Onnx;
    if (text == "pytorch")
        return ExportFormat::PyTorch;
    throw std::invalid_argument("--format: '" + text + "' is not onnx or pytorch");
}

bool onnxExportAvailable()
{
#ifdef ARCHSCOPE_HAS_ONNX
    return true;
#else
    return false;
#endif
}

ExportedNetwork exportCellNetwork(const NetworkExportRequest& request)
{
    if (request.format == ExportFormat::Onnx && !onnxExportAvailable())
        throw std::invalid_argument("--format onnx: this build of ArchScope has no ONNX writer (it was built without libonnx-dev)");
    ExportedNetwork result;
    // The cell asked for, validated and pruned: its hash is the one a checkpoint of it records.
    std::optional<Cell> asked;
    if (request.cell) {
        const CellValidation v = validateCell(*request.cell);
        if (!v.ok())
            throw std::invalid_argument("invalid cell: " + v.message);
        asked = canonicalCell(*request.cell);
    }
    std::optional<CheckpointNetwork> checkpoint;
    std::string task = request.task;
    result.network = request.network;
    if (!request.weightsPath.empty()) {
        requireRegularFile(request.weightsPath);
        checkpoint = readCheckpointNetwork(request.weightsPath);
        const CellValidation trained = validateCell(checkpoint->cell);
        if (!trained.ok())
            throw DataError(request.weightsPath + ": the checkpoint's cell is invalid: " + trained.message);
        checkpoint->cell = canonicalCell(checkpoint->cell);
        if (asked && moduleHash(*asked) != moduleHash(checkpoint->cell))
            throw DataError(request.weightsPath + ": the checkpoint is of cell " + moduleHash(checkpoint->cell).hex()
                            + ", not of " + moduleHash(*asked).hex());
        if (request.stemGiven)
            checkAgrees(request.weightsPath, "stem", request.network.stemChannels, checkpoint->network.stemChannels);
        if (request.stacksGiven)
            checkAgrees(request.weightsPath, "stacks", request.network.numStacks, checkpoint->network.numStacks);
        if (request.modulesGiven)
            checkAgrees(request.weightsPath, "modules per stack", request.network.cellsPerStack, checkpoint->network.cellsPerStack);
        result.network = checkpoint->network;
        task = checkpoint->task;
    } else if (!asked) {
        throw std::invalid_argument("export: name a cell, or a checkpoint to take the cell from");
    }
    setTaskInput(result.network, task);
    result.cell = checkpoint ? checkpoint->cell : *asked;

    NetworkPlan plan = buildNetworkPlan(result.cell, result.network);
    result.trained = checkpoint.has_value();
    result.parameters = planParameterCount(plan);
    // Weights only where they are written or checked: a fresh PyTorch script holds none.
    std::optional<CellNetwork> net;
    if (checkpoint || request.format == ExportFormat::Onnx) {
        {
            const auto seeded = seedTorchGenerator(request.seed);
            net.emplace(std::move(plan), !checkpoint);
        }
        if (checkpoint)
            checkpoint->tensors.loadModule(**net, request.weightsPath + ": network");
        result.parameters = trainableParameterCount(**net);
    }

    const NetworkConfig& n = result.network;
    const std::string configuration = "stem " + std::to_string(n.stemChannels) + ", " + std::to_string(n.numStacks)
                                      + " stacks of " + std::to_string(n.cellsPerStack) + " modules, input "
                                      + std::to_string(n.inputChannels) + " x " + std::to_string(n.inputHeight) + " x "
                                      + std::to_string(n.inputWidth) + " (" + task + "), " + std::to_string(n.numClasses)
                                      + " classes";
    const std::string weights = checkpoint ? "trained weights of " + request.weightsPath
                                           : "fresh weights (NAS-Bench-101's initialisation, seed " + std::to_string(request.seed) + ")";
    if (request.format == ExportFormat::PyTorch) {
        const std::string weightsPath =
            checkpoint ? std::filesystem::absolute(request.weightsPath).lexically_normal().string() : std::string();
        result.bytes = networkToPyTorchScript(net ? (*net)->plan() : plan, "The network of " + cellSummary(result.cell) + "\n" + configuration
                                                               + ".\nWeights: " + weights + ".",
                                              weightsPath);
        return result;
    }
#ifdef ARCHSCOPE_HAS_ONNX
    result.bytes = networkToOnnx((*net)->plan(), (*net)->weights(),
                                 {{"cell_hash", moduleHash(result.cell).hex()},
                                  {"cell", cellToJson(result.cell)},
                                  {"network", configuration},
                                  {"weights", weights},
                                  {"input", "images normalised per channel as train-net normalises them"}});
#endif
    return result;
}

ExportedNetwork writeCellNetwork(const NetworkExportRequest& request)
{
    checkOutputPath(request.outPath, {request.weightsPath});
    ExportedNetwork exported = exportCellNetwork(request);
    writeFileAtomically(request.outPath, [&](const std::string& temp) { writeBytes(temp, exported.bytes, request.outPath); });
    return exported;
}

} // namespace archscope
