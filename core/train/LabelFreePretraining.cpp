// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "train/LabelFreePretraining.h"

#include "model/GraphTensors.h"
#include "model/ModelArchive.h"
#include "cell/NetworkParams.h"
#include "train/FusedAdam.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace archscope {

torch::Tensor labelFreeTargets(const std::vector<Cell>& cells)
{
    torch::Tensor targets = torch::zeros({static_cast<std::int64_t>(cells.size()), kLabelFreeTargetCount});
    auto t = targets.accessor<float, 2>();
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const Cell& c = cells[i];
        const int n = c.numVertices();
        std::vector<int> depth(static_cast<std::size_t>(n), 0);
        for (int v = 1; v < n; ++v)
            for (int u = 0; u < v; ++u)
                if (c.hasEdge(u, v))
                    depth[static_cast<std::size_t>(v)] = std::max(depth[static_cast<std::size_t>(v)], depth[static_cast<std::size_t>(u)] + 1);
        const auto row = static_cast<std::int64_t>(i);
        t[row][kLogMultiplyAccumulates] = static_cast<float>(std::log(networkMultiplyAccumulates(c)));
        t[row][kLogParameters] = static_cast<float>(std::log(static_cast<double>(networkParameterCount(c))));
        t[row][kDepth] = static_cast<float>(depth.back());
        for (const Op op : c.ops()) {
            if (op == Op::Conv3x3)
                t[row][kConv3x3Count] += 1;
            else if (op == Op::Conv1x1)
                t[row][kConv1x1Count] += 1;
            else if (op == Op::MaxPool3x3)
                t[row][kMaxPoolCount] += 1;
        }
        t[row][kEdgeCount] = static_cast<float>(c.numEdges());
        t[row][kVertexCount] = static_cast<float>(n);
    }
    return targets;
}

GnnRegressor pretrainOnLabelFreeTargets(const GnnConfig& config, const std::vector<Cell>& cells,
                                        const PretrainingOptions& options)
{
    if (cells.size() < 2)
        throw std::invalid_argument("label-free pre-training needs at least 2 cells, not " + std::to_string(cells.size()));
    const torch::Tensor raw = labelFreeTargets(cells);
    // Standardised so that each property weighs the same; a property constant over the cells (all of
    // one vertex count, say) is only centred.
    const torch::Tensor targets = ((raw - raw.mean(0)) / raw.std(0).clamp_min(1e-6)).to(options.device);
    const GraphTensors graphs = encodeCells(cells).to(options.device);

    GnnConfig c = config;
    c.outputs = kLabelFreeTargetCount;
    torch::manual_seed(options.seed);
    GnnRegressor model(c);
    model->to(options.device);
    {
        // As a trainer's members do: a narrow MLP can start with a layer dead for every cell.
        constexpr std::int64_t kReviveCells = 256;
        torch::Tensor embeddings;
        {
            c10::InferenceMode inference;
            embeddings = model->embed(graphs.index(torch::arange(std::min(kReviveCells, graphs.size()), torch::kInt64).to(options.device)));
        }
        model->reviveDeadLayers(embeddings.clone());
    }
    model->train();
    FusedAdam optimizer(model->parameters(), torch::optim::AdamOptions(options.learningRate));
    const std::int64_t n = graphs.size();
    const std::int64_t batch = std::clamp<std::int64_t>(options.batchSize, 1, n);
    const bool cancelled = options.cancel && options.cancel->load(std::memory_order_relaxed);
    if (options.log && options.epochs > 0 && !cancelled)
        options.log("pre-training the encoder without labels on " + std::to_string(n) + " cells, "
                    + std::to_string(options.epochs) + " epochs");
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        const torch::Tensor order = torch::randperm(n, torch::kInt64).to(options.device);
        double total = 0;
        std::int64_t steps = 0;
        for (std::int64_t first = 0; first + batch <= n; first += batch, ++steps) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed))
                return model;
            const torch::Tensor rows = order.slice(0, first, first + batch);
            const torch::Tensor loss = torch::mse_loss(model->forward(graphs.index(rows)), targets.index_select(0, rows));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            total += loss.item<double>();
        }
        if (options.log) {
            char line[160];
            std::snprintf(line, sizeof line, "label-free pre-training on %lld cells: epoch %d/%d, loss %.4f",
                          static_cast<long long>(n), epoch, options.epochs, total / static_cast<double>(std::max<std::int64_t>(steps, 1)));
            options.log(line);
        }
    }
    return model;
}

void startFromPretrained(GnnRegressor& member, const GnnRegressor& pretrained)
{
    copyModuleState(*member->encoder, *pretrained->encoder);
    copyModuleState(*member->readout, *pretrained->readout);
}

} // namespace archscope
