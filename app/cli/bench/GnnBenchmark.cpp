// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Benchmarks.h"
#include "bench/BenchUtil.h"
#include "bench/PythonReference.h"

#include "data/DatasetLoader.h"
#include "model/GnnEncoder.h"
#include "model/GnnFlops.h"
#include "model/GnnPredictor.h"
#include "model/GnnRegressor.h"
#include "model/VertexClasses.h"
#include "registry/Trainer.h"
#include "runtime/Runtime.h"

#include <algorithm>
#include <random>
#include <stdexcept>

namespace archscope::cli {

namespace {

// The GNN predictor as the published PyTorch code computes it (per edge, a Linear on the concatenated
// states of its two ends, scattered into the vertices with index_add; nn.GRUCell; the gated sum over
// each graph's vertices), written for this comparison, with ArchScope's loss and optimiser. It trains
// on 2,000 cells of the sample in batches of 64 and predicts all of them in batches of 1,024: the
// reference the figures below are measured against, in the same run.
constexpr const char* kPyTorchReference = R"PY(
import gzip, json, random, sys, time
import torch, torch.nn as nn, torch.nn.functional as F

threads, seconds, path = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
torch.set_num_threads(threads)
torch.manual_seed(0)
OPS = {"input": 0, "conv3x3-bn-relu": 1, "conv1x1-bn-relu": 2, "maxpool3x3": 3, "output": 4}
D, G, BATCH = 250, 56, 64

class Layer(nn.Module):
    # Lukasik et al.: per edge u -> v a message msg([h_u, h_v]) into v and msg_rev([h_v, h_u]) into u,
    # summed per vertex, then a GRU cell.
    def __init__(self, d):
        super().__init__()
        self.msg, self.msg_rev, self.gru = nn.Linear(2 * d, 2 * d), nn.Linear(2 * d, 2 * d), nn.GRUCell(2 * d, d)

    def forward(self, h, src, dst):
        a = torch.zeros(h.size(0), 2 * h.size(1))
        a = a.index_add(0, dst, self.msg(torch.cat([h[src], h[dst]], 1)))
        a = a.index_add(0, src, self.msg_rev(torch.cat([h[dst], h[src]], 1)))
        return self.gru(a, h)

class Predictor(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(len(OPS), D)
        self.layers = nn.ModuleList([Layer(D), Layer(D)])
        self.f, self.gate = nn.Linear(D, G), nn.Linear(D, 1)  # one gate per vertex, as ArchScope's
        self.mlp = nn.ModuleList([nn.Linear(G, G // 2), nn.Linear(G // 2, G // 4), nn.Linear(G // 4, G // 8), nn.Linear(G // 8, 4)])

    def forward(self, ops, src, dst, graph, graphs):
        h = self.embedding(ops)
        for layer in self.layers:
            h = layer(h, src, dst)
        x = torch.zeros(graphs, G).index_add(0, graph, self.f(h) * torch.sigmoid(self.gate(h)))
        for i, linear in enumerate(self.mlp):
            x = linear(x) if i == len(self.mlp) - 1 else F.relu(linear(x))
        return x

def loss_of(out, y):
    # ArchScope's training loss: the four budgets' MSE (the shorter ones weighted 0.5 / 3) and a pairwise
    # ranking term on the 108-epoch output.
    w = torch.tensor([0.5 / 3] * 3 + [1.0])
    loss = (((out - y) ** 2).mean(0) * w).sum()
    order = (y[:, 3].unsqueeze(1) - y[:, 3].unsqueeze(0)).sign()
    margin = (out[:, 3].unsqueeze(1) - out[:, 3].unsqueeze(0)) * order
    return loss + 0.5 * (F.softplus(-margin) * order.abs()).sum() / order.abs().sum().clamp_min(1)

cells = []
with gzip.open(path, "rt") as lines:
    for line in lines:
        r = json.loads(line)
        n = len(r["ops"])
        edges = [(u, v) for u in range(n) for v in range(n) if r["adjacency"][u][v]]
        cells.append((torch.tensor([OPS[o] for o in r["ops"]]), torch.tensor([e[0] for e in edges], dtype=torch.long),
                      torch.tensor([e[1] for e in edges], dtype=torch.long),
                      [r["val_acc"][b] for b in ("4", "12", "36", "108")]))

def batch_of(part):
    ops, src, dst, graph, offset = [], [], [], [], 0
    for i, (o, s, d, _) in enumerate(part):
        ops.append(o); src.append(s + offset); dst.append(d + offset)
        graph.append(torch.full((len(o),), i, dtype=torch.long))
        offset += len(o)
    return torch.cat(ops), torch.cat(src), torch.cat(dst), torch.cat(graph), len(part)

net = Predictor()
opt = torch.optim.Adam(net.parameters(), lr=1e-3, weight_decay=3e-3)
train_cells = random.Random(0).sample(cells, 2000)

def train_step(part):
    inputs = batch_of(part)
    y = torch.tensor([c[3] for c in part])
    opt.zero_grad()
    loss_of(net(*inputs), y).backward()
    opt.step()

def rate(step, items, batch):
    step(items[:batch])
    n, start, i = 0, time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        step(items[i:i + batch])
        n += len(items[i:i + batch])
        i = (i + batch) % (len(items) - batch)
    return n / (time.perf_counter() - start)

net.train()
train = rate(train_step, train_cells, BATCH)
net.eval()
def predict_step(part):
    with torch.inference_mode():
        net(*batch_of(part))
predict = rate(predict_step, cells, 1024)
print(json.dumps({"params": sum(p.numel() for p in net.parameters()), "train": train, "predict": predict}))
)PY";

// What ArchScope executes per cell of `cells` cells with these vertex classes (gnnClassForwardFlops):
// the readout on `readoutRows` rows per cell, or once per class of the last round where 0.
double classFlopsPerCell(const GnnConfig& config, const VertexClasses& classes, std::size_t cellCount, double readoutRows = 0)
{
    const auto cells = static_cast<double>(cellCount);
    std::vector<double> perCell{kNumOpTypes / cells}, neighbours{0};
    for (const VertexClasses::Round& r : classes.rounds) {
        perCell.push_back(static_cast<double>(r.count) / cells);
        neighbours.push_back(static_cast<double>(r.in.size(0) + r.out.size(0)) / static_cast<double>(r.count));
    }
    return gnnClassForwardFlops(config, perCell, neighbours, readoutRows > 0 ? readoutRows : perCell.back());
}

// The same for training, averaged over batches of `batchSize` cells drawn as the trainer draws them.
double trainingFlopsPerCell(const GnnConfig& config, std::vector<Cell> cells, std::int64_t batchSize)
{
    std::shuffle(cells.begin(), cells.end(), std::mt19937_64(0));
    const auto batch = static_cast<std::size_t>(batchSize);
    double sum = 0;
    std::size_t batches = 0;
    for (std::size_t begin = 0; begin + batch <= cells.size(); begin += batch, ++batches) {
        const std::vector<Cell> part(cells.begin() + static_cast<std::ptrdiff_t>(begin),
                                     cells.begin() + static_cast<std::ptrdiff_t>(begin + batch));
        sum += classFlopsPerCell(config, VertexClasses::refine(encodeCells(part), config.layers), batch, kMaxVertices);
    }
    return sum / static_cast<double>(batches);
}

// The reference's rates beside ours: as python3 starts it, with ArchScope's allocator settings, and with
// its allocator and thread settings too (the fair comparison: at two threads as started, PyTorch's two
// thread pools spin against each other; ReferenceRuntime). The networks must have the same parameters.
void reportAgainstPyTorch(int threads, double train, double predict, const Report& report)
{
    GnnConfig sizes;
    sizes.outputs = 4;
    std::int64_t ours = 0;
    for (const torch::Tensor& p : GnnRegressor(sizes)->parameters())
        ours += p.numel();
    struct Setting {
        ReferenceRuntime runtime;
        const char* key;
        const char* what;
    };
    const Setting settings[] = {
        {ReferenceRuntime::AsStarted, "pytorch", "the PyTorch reference (python3-torch) as started"},
        {ReferenceRuntime::SameAllocator, "pytorch_same_malloc", "the PyTorch reference (python3-torch) with ArchScope's malloc settings"},
        {ReferenceRuntime::SameAllocatorAndThreads, "pytorch_same_runtime",
         "the PyTorch reference (python3-torch) with ArchScope's malloc and thread settings"},
    };
    for (const Setting& setting : settings) {
        std::string why;
        const auto r = runPythonReference("gnn", kPyTorchReference, {"3", defaultDatasetPath()}, threads, setting.runtime, why);
        if (!r) {
            report({"pytorch_reference_available", 0, "no PyTorch reference: " + why});
            return;
        }
        if (r->at("params").get<std::int64_t>() != ours)
            throw std::runtime_error("the PyTorch reference GNN has " + r->at("params").dump() + " parameters, ours "
                                     + std::to_string(ours));
        const std::string key = setting.key;
        const std::string what = setting.what;
        report({key + "_train_graphs_per_s", r->at("train").get<double>(), what + ", training graphs/s, batch 64"});
        report({key + "_predict_graphs_per_s", r->at("predict").get<double>(), what + ", prediction graphs/s, batch 1,024"});
        const std::string ratio = key == "pytorch" ? "_vs_pytorch" : "_vs_" + key;
        report({"train" + ratio, train / r->at("train").get<double>(), "ArchScope / " + what + ", training (goal >= 4)"});
        report({"predict" + ratio, predict / r->at("predict").get<double>(),
                "ArchScope / " + what + ", prediction (goal >= 5)"});
    }
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
    std::vector<Cell> cells;
    for (const Record& r : data.records())
        cells.push_back(r.cell);
    const double trainForward = trainingFlopsPerCell(gnn, cells, resolved.batchSize);
    const double train = median(rates);
    report({"train_graphs_per_s", train, "training graphs/s, batch " + std::to_string(resolved.batchSize) + ", 2,000 cells"});
    // Backward costs about twice the forward pass.
    report({"train_gflops", train * 3 * trainForward / 1e9, "achieved GFLOP/s in training (executed FLOPs x 3)"});
    report({"train_mm_ratio", train * 3 * trainForward / 1e9 / mm, "training GFLOP/s / mm GFLOP/s"});

    const VertexClasses classes = VertexClasses::refine(encodeCells(cells), gnn.layers);
    const double forward = classFlopsPerCell(gnn, classes, cells.size());
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
    reportAgainstPyTorch(threads, train, predict, report);
    report({"forward_mflops_executed", forward / 1e6, "FLOPs per cell ArchScope executes in prediction"});
    report({"forward_mflops_training", trainForward / 1e6,
            "FLOPs per cell ArchScope executes in a training forward pass (batches of " + std::to_string(resolved.batchSize) + ")"});
    report({"forward_mflops_reference", gnnReferenceForwardFlops(gnn, 7, 9) / 1e6,
            "FLOPs per 7-vertex, 9-edge cell of the per-edge reference computation"});
}

} // namespace archscope::cli
