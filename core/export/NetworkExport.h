// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "cell/NetworkParams.h"

#include <cstdint>
#include <optional>
#include <string>

namespace archscope {

// A cell's own network taken out of ArchScope: what `archscope-cli export` and File ▸ Export Network
// write. This header has no LibTorch in it, so the GUI uses it as the CLI does.
enum class ExportFormat {
    Onnx,    // an ONNX model (opset 13) with the weights as initializers and batch norm kept as nodes
    PyTorch, // a self-contained Python script that builds the same network with torch.nn
};

// "onnx" or "pytorch"; std::invalid_argument naming the text otherwise.
ExportFormat parseExportFormat(const std::string& text);
// Whether this build can write ONNX (it needs libonnx-dev when built).
bool onnxExportAvailable();

struct NetworkExportRequest {
    // The cell; with `weightsPath` it may be left out, and must otherwise be the checkpoint's.
    std::optional<Cell> cell;
    // stem, stacks and modules; with `weightsPath` the checkpoint's are taken, and those the caller
    // gave (the flags) must agree with them.
    NetworkConfig network;
    bool stemGiven = false, stacksGiven = false, modulesGiven = false;
    // The input the network is built for: "cifar10" (NAS-Bench-101's 3 × 32 × 32) or "fashion-mnist"
    // (1 × 28 × 28); a checkpoint's own task replaces it.
    std::string task = "cifar10";
    // A train-net checkpoint (`train-net --checkpoint`, the explorer's Train This Cell runs) whose
    // trained weights and batch-norm statistics are exported; "" for fresh weights, initialised as
    // NAS-Bench-101 initialises them from `seed`.
    std::string weightsPath;
    std::uint64_t seed = 0;
    ExportFormat format = ExportFormat::Onnx;
    std::string outPath; // for writeCellNetwork

};

struct ExportedNetwork {
    std::string bytes;            // the file's content
    Cell cell;                    // pruned
    NetworkConfig network;        // as built, input and classes included
    std::int64_t parameters = 0;  // trainable values
    bool trained = false;         // weights from a checkpoint
};

// Builds the network and its file. Throws DataError for an unreadable or mismatched checkpoint (naming
// the file and what differs), std::invalid_argument for an invalid cell, configuration or format.
ExportedNetwork exportCellNetwork(const NetworkExportRequest& request);

// The same, written atomically to request.outPath (never over the checkpoint it reads).
ExportedNetwork writeCellNetwork(const NetworkExportRequest& request);

} // namespace archscope
