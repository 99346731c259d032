#include "Benchmarks.h"

#include "cell/SpaceEnumeration.h"
#include "data/DatasetLoader.h"
#include "model/GnnFlops.h"
#include "model/GnnRegressor.h"
#include "model/Runtime.h"
#include "train/Trainer.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace archscope::cli {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Best of `repeats`: the least disturbed run on a noisy shared machine.
template <typename F>
double bestSeconds(int repeats, F&& f)
{
    double best = 1e300;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        f();
        best = std::min(best, secondsSince(start));
    }
    return best;
}

void benchEnumerate(int threads, const std::function<void(const BenchFigure&)>& report)
{
    std::size_t count = 0;
    EnumerationOptions options;
    options.threads = threads;
    const double s = bestSeconds(3, [&] { count = enumerateSpace(options).size(); });
    if (count != 423624)
        throw std::runtime_error("enumeration found " + std::to_string(count) + " cells, expected 423624");
    report({"enumerate_s", s, "enumerate and MD5-hash all 423,624 unique cells, best of 3"});
    options.computeHashes = false;
    report({"enumerate_dedup_only_s", bestSeconds(3, [&] { enumerateSpace(options); }),
            "the same without the MD5 module hashes (de-duplication by fingerprint only)"});
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

// The GNN predictor at the paper's sizes, trained by the real training loop with the CLI's default
// batch size; throughput and achieved FLOP/s are compared with a plain matrix product measured here.
void benchGnn(int threads, const std::function<void(const BenchFigure&)>& report)
{
    setComputeThreads(threads);
    const Dataset data = loadDataset(defaultDatasetPath());
    const double mm = measureMatmulGflops(1024, 2.0);
    report({"mm_gflops", mm, "float32 1024x1024 torch::mm, same threads (" + computeSummary() + ")"});

    TrainingConfig config;
    config.trainSize = 2000;
    config.valSize = 200;
    config.epochs = 4;
    config.threads = threads;
    config.device = "cpu";
    std::vector<double> rates;
    TrainingCallbacks callbacks;
    callbacks.onEpoch = [&](const EpochEvent& e) {
        if (e.epoch > 1) // the first epoch includes one-off allocations
            rates.push_back(e.graphsPerSecond);
    };
    const TrainingResult result = trainPredictor(config, data, callbacks);
    if (!result.ok())
        throw std::runtime_error("benchmark training failed: " + result.stopReason);
    const TrainingConfig resolved = resolvedConfig(config);
    GnnConfig gnn;
    gnn.nodeDim = resolved.nodeDim;
    gnn.graphDim = resolved.graphDim;
    gnn.outputs = 4;
    const double forward = gnnExecutedForwardFlops(gnn);
    const double train = median(rates);
    report({"train_graphs_per_s", train, "training graphs/s, batch " + std::to_string(resolved.batchSize) + ", 2,000 cells"});
    // Backward costs about twice the forward pass.
    report({"train_gflops", train * 3 * forward / 1e9, "achieved GFLOP/s in training (executed FLOPs x 3)"});
    report({"train_mm_ratio", train * 3 * forward / 1e9 / mm, "training GFLOP/s / mm GFLOP/s"});

    std::vector<Cell> cells;
    for (const Record& r : data.records())
        cells.push_back(r.cell);
    const double predictSeconds = bestSeconds(3, [&] { result.predictor->predict(cells); });
    const double predict = static_cast<double>(cells.size()) / predictSeconds;
    report({"predict_graphs_per_s", predict, "prediction graphs/s over the 20,001 sample cells"});
    report({"predict_gflops", predict * forward / 1e9, "achieved GFLOP/s in prediction (executed FLOPs)"});
    report({"predict_mm_ratio", predict * forward / 1e9 / mm, "prediction GFLOP/s / mm GFLOP/s"});
    report({"forward_mflops_executed", forward / 1e6, "FLOPs per cell ArchScope executes"});
    report({"forward_mflops_reference", gnnReferenceForwardFlops(gnn, 7, 9) / 1e6,
            "FLOPs per 7-vertex, 9-edge cell of the per-edge reference computation"});
}

} // namespace

std::vector<Benchmark> allBenchmarks()
{
    return {
        {"enumerate", benchEnumerate},
        {"gnn", benchGnn},
        {"vae", benchVae},
    };
}

} // namespace archscope::cli
