// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Benchmarks.h"
#include "bench/BenchUtil.h"
#include "bench/PythonReference.h"

#include "network/CellNetwork.h"
#include "runtime/Runtime.h"

#include <stdexcept>

namespace archscope::cli {

namespace {

constexpr std::int64_t kTrainBatch = 64;
constexpr std::int64_t kEvalBatch = 256;

// The same network in PyTorch eager mode, written for this comparison: the reference the LibTorch
// figures are measured against in the same run (Debian's python3-torch runs the same kernels).
constexpr const char* kPyTorchReference = R"PY(
import json, sys, time
import torch, torch.nn as nn

threads, seconds = int(sys.argv[1]), float(sys.argv[2])
torch.set_num_threads(threads)
OPS = ["input", "conv1x1-bn-relu", "conv3x3-bn-relu", "conv3x3-bn-relu", "conv3x3-bn-relu", "maxpool3x3", "output"]
ADJ = [[0,1,1,1,0,1,0],[0,0,0,0,0,0,1],[0,0,0,0,0,0,1],[0,0,0,0,1,0,0],[0,0,0,0,0,0,1],[0,0,0,0,0,0,1],[0,0,0,0,0,0,0]]
N = len(OPS)

def conv_bn_relu(cin, cout, k):
    return nn.Sequential(nn.Conv2d(cin, cout, k, padding=k // 2, bias=False),
                         nn.BatchNorm2d(cout, eps=1e-5, momentum=0.003), nn.ReLU(inplace=True))

def vertex_channels(cin, cout):
    ch = [0] * N
    ch[0], ch[-1] = cin, cout
    feeders = [v for v in range(1, N - 1) if ADJ[v][N - 1]]
    base, extra = divmod(cout, len(feeders))
    for v in feeders:
        ch[v] = base + (1 if extra > 0 else 0)
        extra -= 1
    for v in range(N - 3, 0, -1):
        if not ADJ[v][N - 1]:
            ch[v] = max(ch[d] for d in range(v + 1, N - 1) if ADJ[v][d])
    return ch

class Module(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.ch = vertex_channels(cin, cout)
        self.proj = nn.ModuleDict({str(v): conv_bn_relu(cin, self.ch[v] if v < N - 1 else cout, 1)
                                   for v in range(1, N) if ADJ[0][v]})
        self.ops = nn.ModuleDict()
        for v in range(1, N - 1):
            if OPS[v].startswith("conv"):
                self.ops[str(v)] = conv_bn_relu(self.ch[v], self.ch[v], 3 if "3x3" in OPS[v] else 1)
            else:
                self.ops[str(v)] = nn.MaxPool2d(3, 1, 1)

    def forward(self, x):
        t = [x]
        out = []
        for v in range(1, N - 1):
            ins = [t[s][:, :self.ch[v]] for s in range(1, v) if ADJ[s][v]]
            if ADJ[0][v]:
                ins.append(self.proj[str(v)](x))
            t.append(self.ops[str(v)](sum(ins)))
            if ADJ[v][N - 1]:
                out.append(t[v])
        y = torch.cat(out, 1)
        return y + self.proj[str(N - 1)](x) if ADJ[0][N - 1] else y

class Net(nn.Module):
    def __init__(self, stem=16, stacks=3, modules=1, classes=10):
        super().__init__()
        layers, c = [conv_bn_relu(1, stem, 3)], stem
        for s in range(stacks):
            cin = c
            if s > 0:
                layers.append(nn.MaxPool2d(2, 2, ceil_mode=True))
                c *= 2
            for m in range(modules):
                layers.append(Module(cin, c))
                cin = c
        self.body = nn.Sequential(*layers)
        self.fc = nn.Linear(c, classes)

    def forward(self, x):
        return self.fc(self.body(x).mean((2, 3)))

def rate(step, batch):
    for _ in range(3):
        step()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        step()
        n += 1
    return n * batch / (time.perf_counter() - start)

torch.manual_seed(0)
net = Net()
opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
x, y = torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))
def train_step():
    opt.zero_grad()
    nn.functional.cross_entropy(net(x), y).backward()
    opt.step()
net.train()
train = rate(train_step, 64)
net.eval()
xe = torch.randn(256, 1, 28, 28)
def eval_step():
    with torch.inference_mode():
        net(xe)
evaluate = rate(eval_step, 256)
print(json.dumps({"params": sum(p.numel() for p in net.parameters()), "train": train, "eval": evaluate}))
)PY";

Cell benchCell()
{
    return Cell({Op::Input, Op::Conv1x1, Op::Conv3x3, Op::Conv3x3, Op::Conv3x3, Op::MaxPool3x3, Op::Output},
                std::vector<std::vector<int>>{{0, 1, 1, 1, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 1},
                                              {0, 0, 0, 0, 1, 0, 0}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 1},
                                              {0, 0, 0, 0, 0, 0, 0}});
}

template <typename Step>
double imagesPerSecond(Step&& step, std::int64_t batch, double seconds)
{
    for (int i = 0; i < 3; ++i)
        step();
    int n = 0;
    const auto start = std::chrono::steady_clock::now();
    while (secondsSince(start) < seconds) {
        step();
        ++n;
    }
    return static_cast<double>(n * batch) / secondsSince(start);
}

struct Rates {
    double train = 0;
    double eval = 0;
    double params = 0;
};

Rates measureLibTorch(double seconds)
{
    NetworkConfig config;
    config.stemChannels = 16;
    config.cellsPerStack = 1;
    config.inputChannels = 1;
    config.inputHeight = config.inputWidth = 28;
    torch::manual_seed(0);
    CellNetwork net(buildNetworkPlan(benchCell(), config));
    torch::optim::SGD opt(net->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9));
    const torch::Tensor x = torch::randn({kTrainBatch, 1, 28, 28});
    const torch::Tensor y = torch::randint(0, 10, {kTrainBatch}, torch::kInt64);
    Rates r;
    r.params = static_cast<double>(trainableParameterCount(*net));
    net->train();
    r.train = imagesPerSecond([&] {
        opt.zero_grad();
        torch::cross_entropy_loss(net->forward(x), y).backward();
        opt.step();
    }, kTrainBatch, seconds);
    net->eval();
    const torch::Tensor xe = torch::randn({kEvalBatch, 1, 28, 28});
    r.eval = imagesPerSecond([&] {
        c10::InferenceMode inference;
        net->forward(xe);
    }, kEvalBatch, seconds);
    return r;
}

// The reference's figures, or nullopt (with the reason in `why`) when python3 with torch is missing.
std::optional<Rates> measurePyTorch(int threads, double seconds, ReferenceRuntime runtime, std::string& why)
{
    const auto j = runPythonReference("train-net", kPyTorchReference, {std::to_string(seconds)}, threads, runtime, why);
    if (!j)
        return std::nullopt;
    return Rates{j->at("train"), j->at("eval"), j->at("params")};
}

Rates best(const Rates& a, const Rates& b) { return {std::max(a.train, b.train), std::max(a.eval, b.eval), b.params}; }

} // namespace

// The network of the issue's cell at stem 16, 3 stacks x 1 module, 1x28x28 (13,498 parameters):
// training steps (batch 64, forward + backward + SGD) and evaluation (batch 256, eval mode), beside
// the same network in PyTorch eager mode at the same thread count: once as python3 starts it, once
// with the allocator settings ArchScope uses (the fair comparison). The three alternate for three
// rounds and each keeps its best, so a busy moment of this shared machine does not decide the ratio.
void benchTrainNet(int threads, const Report& report)
{
    setComputeThreads(threads);
    constexpr double kSeconds = 2.0;
    constexpr int kRounds = 3;
    Rates ours;
    std::optional<Rates> ref[2];
    std::string why;
    for (int round = 0; round < kRounds && why.empty(); ++round) {
        ours = best(ours, measureLibTorch(kSeconds));
        for (int same = 0; same < 2 && why.empty(); ++same)
            if (const auto r = measurePyTorch(computeThreads(), kSeconds, same == 1 ? ReferenceRuntime::SameAllocator : ReferenceRuntime::AsStarted, why))
                ref[same] = ref[same] ? best(*ref[same], *r) : *r;
    }
    report({"train_net_params", ours.params, "parameters of the benchmark network (the issue's figure: 13,498)"});
    report({"train_net_images_per_s", ours.train, "LibTorch, batch 64, forward + backward + SGD step, "
                                                      + std::to_string(computeThreads()) + " thread(s)"});
    report({"eval_net_images_per_s", ours.eval, "LibTorch, batch 256, forward in eval mode"});
    if (!why.empty()) {
        report({"pytorch_reference_available", 0, "no PyTorch reference: " + why});
        return;
    }
    for (const bool same : {false, true}) {
        const Rates& r = *ref[same ? 1 : 0];
        if (r.params != ours.params)
            throw std::runtime_error("the PyTorch reference network has " + std::to_string(r.params)
                                     + " parameters, ours " + std::to_string(ours.params));
        const std::string key = same ? "pytorch_same_malloc" : "pytorch";
        const std::string what = same ? "PyTorch eager (python3-torch) with ArchScope's malloc settings"
                                      : "PyTorch eager (python3-torch) as started";
        report({key + "_train_net_images_per_s", r.train, what + ", same network and threads"});
        report({key + "_eval_net_images_per_s", r.eval, what + ", eval mode, inference_mode"});
        const std::string ratio = same ? "_vs_pytorch_same_malloc" : "_vs_pytorch";
        report({"train_net" + ratio, ours.train / r.train, "LibTorch / " + what + ", training (goal >= 1)"});
        report({"eval_net" + ratio, ours.eval / r.eval, "LibTorch / " + what + ", evaluation (goal >= 1)"});
    }
}

} // namespace archscope::cli
