// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Benchmarks.h"
#include "bench/BenchUtil.h"

#include "data/DatasetLoader.h"
#include "model/GnnEncoder.h"
#include "model/GnnFlops.h"
#include "model/GnnPredictor.h"
#include "model/GnnRegressor.h"
#include "model/VertexClasses.h"
#include "registry/Trainer.h"
#include "runtime/Runtime.h"

#include <stdexcept>

namespace archscope::cli {

namespace {

// What prediction executes per cell of `cells` cells with these vertex classes (gnnInferenceForwardFlops).
double inferenceFlopsPerCell(const GnnConfig& config, const VertexClasses& classes, std::size_t cellCount)
{
    const auto cells = static_cast<double>(cellCount);
    std::vector<double> perCell{kNumOpTypes / cells}, neighbours{0};
    for (const VertexClasses::Round& r : classes.rounds) {
        perCell.push_back(static_cast<double>(r.count) / cells);
        neighbours.push_back(static_cast<double>(r.in.size(0) + r.out.size(0)) / static_cast<double>(r.count));
    }
    return gnnInferenceForwardFlops(config, perCell, neighbours);
}

} // namespace

// The GNN predictor at the paper's sizes, trained by the real training loop with the CLI's default
// batch size; throughput and achieved FLOP/s are compared with a plain matrix product measured here.
void benchGnn(int threads, const Report& report)
{
    setComputeThreads(threads);
    const Dataset data = loadDataset(defaultDatasetPath());
    const double mm = measureMatmulGflops(1024, 2.0);
    report({"mm_gflops", mm, "float32 1024x1024 torch::mm, same threads (" + computeSummary() + ")"});

    TrainingConfig config;
    config.trainSize = 2000;
    config.valSize = 200;
    config.epochs = 4;
    config.ensemble = 1; // figures per network; an ensemble's members run one after another
    config.threads = threads;
    config.device = "cpu";
    std::vector<double> rates;
    TrainingCallbacks callbacks;
    callbacks.onEpoch = [&](const EpochEvent& e) {
        if (e.epoch > 1) // the first epoch includes one-off allocations
            rates.push_back(e.examplesPerSecond);
    };
    const TrainingResult result = trainPredictor(config, data, callbacks);
    if (!result.ok())
        throw std::runtime_error("benchmark training failed: " + result.stopReason);
    const TrainingConfig resolved = resolvedConfig(config);
    GnnConfig gnn;
    gnn.nodeDim = resolved.nodeDim;
    gnn.graphDim = resolved.graphDim;
    gnn.outputs = 4;
    const double trainForward = gnnExecutedForwardFlops(gnn);
    const double train = median(rates);
    report({"train_graphs_per_s", train, "training graphs/s, batch " + std::to_string(resolved.batchSize) + ", 2,000 cells"});
    // Backward costs about twice the forward pass.
    report({"train_gflops", train * 3 * trainForward / 1e9, "achieved GFLOP/s in training (executed FLOPs x 3)"});
    report({"train_mm_ratio", train * 3 * trainForward / 1e9 / mm, "training GFLOP/s / mm GFLOP/s"});

    std::vector<Cell> cells;
    for (const Record& r : data.records())
        cells.push_back(r.cell);
    const VertexClasses classes = VertexClasses::refine(encodeCells(cells), gnn.layers);
    const double forward = inferenceFlopsPerCell(gnn, classes, cells.size());
    const double predictSeconds = bestSeconds(3, [&] { result.predictor->predict(cells); });
    const double predict = static_cast<double>(cells.size()) / predictSeconds;
    report({"predict_graphs_per_s", predict, "prediction graphs/s over the 20,001 sample cells"});
    for (std::size_t r = 0; r < classes.rounds.size(); ++r)
        report({"predict_classes_round_" + std::to_string(r + 1), static_cast<double>(classes.rounds[r].count),
                "vertex classes of the 20,001 sample cells after " + std::to_string(r + 1) + (r == 0 ? " round" : " rounds")
                    + ": layer " + std::to_string(r + 1) + " runs once per class"});
    report({"predict_gflops", predict * forward / 1e9, "achieved GFLOP/s in prediction (executed FLOPs)"});
    report({"predict_mm_ratio", predict * forward / 1e9 / mm, "prediction GFLOP/s / mm GFLOP/s"});
    report({"predict_reference_gflops", predict * gnnReferenceForwardFlops(gnn, 7, 9) / 1e9,
            "prediction graphs/s x the reference's FLOPs per cell: the rate the per-edge computation would need"});
    // Other batch sizes, on a network of the trained one's sizes (the speed does not depend on the weights).
    const GraphTensors encoded = encodeCells(cells);
    const GnnPredictor sameSizes(gnn, {GnnRegressor(gnn)},
                                 TargetScaling{std::vector<MonotoneMap>(4, MonotoneMap({0.0, 1.0}, {-1.0, 1.0}))},
                                 108, "benchmark");
    for (std::int64_t batch : {std::int64_t(1024), std::int64_t(16384)}) {
        const double seconds = bestSeconds(2, [&] { sameSizes.predictEncoded(encoded, batch); });
        report({"predict_graphs_per_s_batch_" + std::to_string(batch), static_cast<double>(cells.size()) / seconds,
                "prediction graphs/s in batches of " + std::to_string(batch) + " vertex classes"});
    }
    report({"forward_mflops_executed", forward / 1e6, "FLOPs per cell ArchScope executes in prediction"});
    report({"forward_mflops_training", trainForward / 1e6, "FLOPs per cell of a training forward pass"});
    report({"forward_mflops_reference", gnnReferenceForwardFlops(gnn, 7, 9) / 1e6,
            "FLOPs per 7-vertex, 9-edge cell of the per-edge reference computation"});
}

} // namespace archscope::cli
