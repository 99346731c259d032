// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "export/PyTorchScript.h"

#include <nlohmann/json.hpp>

#include <sstream>
#include <stdexcept>

namespace archscope {

namespace {

const char* kindName(LayerKind kind)
{
    switch (kind) {
    case LayerKind::Input: return "input";
    case LayerKind::ConvBnRelu: return "conv";
    case LayerKind::MaxPool3x3: return "maxpool3x3";
    case LayerKind::DownSample: return "downsample";
    case LayerKind::Truncate: return "truncate";
    case LayerKind::Sum: return "sum";
    case LayerKind::Concat: return "concat";
    case LayerKind::GlobalAvgPool: return "pool";
    case LayerKind::Dense: return "dense";
    }
    throw std::logic_error("PyTorch export: unknown layer kind");
}

// The layer's arguments, as the script's LAYERS table documents them.
std::string layerArguments(const Layer& l)
{
    switch (l.kind) {
    case LayerKind::ConvBnRelu:
        return "(" + std::to_string(l.kernel) + ", " + std::to_string(l.inChannels) + ", " + std::to_string(l.outChannels) + ")";
    case LayerKind::Dense: return "(" + std::to_string(l.inChannels) + ", " + std::to_string(l.outChannels) + ")";
    case LayerKind::Truncate: return "(" + std::to_string(l.outChannels) + ",)";
    default: return "()";
    }
}

// The part of the script that does not depend on the cell. It reads checkpoints (safetensors files)
// itself so that it needs nothing but torch.
constexpr const char* kBody = R"PY(

class ConvBnRelu(nn.Module):
    def __init__(self, kernel, in_channels, out_channels):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel, padding=kernel // 2, bias=False)
        # TensorFlow's batch-norm decay 0.997 is PyTorch's momentum 0.003.
        self.bn = nn.BatchNorm2d(out_channels, eps=1e-5, momentum=0.003)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class CellNetwork(nn.Module):
    """The network of LAYERS; takes images normalised per channel, returns logits."""

    def __init__(self):
        super().__init__()
        self.ops = nn.ModuleDict()
        for i, (kind, _, args) in enumerate(LAYERS):
            if kind == "conv":
                self.ops[f"l{i}"] = ConvBnRelu(*args)
            elif kind == "dense":
                self.ops[f"l{i}"] = nn.Linear(*args)
        # Each layer's output is released after the last layer that reads it.
        self.last_use = {j: i for i, (_, inputs, _) in enumerate(LAYERS) for j in inputs}

    def forward(self, images):
        out = {0: images}
        for i, (kind, inputs, args) in enumerate(LAYERS):
            if i == 0:
                continue
            xs = [out[j] for j in inputs]
            if kind in ("conv", "dense"):
                y = self.ops[f"l{i}"](xs[0])
            elif kind == "maxpool3x3":
                y = F.max_pool2d(xs[0], 3, stride=1, padding=1)
            elif kind == "downsample":
                y = F.max_pool2d(xs[0], 2, stride=2, ceil_mode=True)
            elif kind == "truncate":
                y = xs[0][:, : args[0]]
            elif kind == "sum":
                y = xs[0]
                for x in xs[1:]:
                    y = y + x
            elif kind == "concat":
                y = torch.cat(xs, 1)
            elif kind == "pool":
                y = xs[0].mean((2, 3))
            else:
                raise ValueError(f"unknown layer kind {kind}")
            out[i] = y
            for j in inputs:
                if self.last_use[j] == i:
                    del out[j]
        return out[len(LAYERS) - 1]


def initialise(model):
    """NAS-Bench-101's initialisation: kernels from a truncated normal of variance 1/fan-in, the dense
    layer Glorot-uniform with zero bias, batch norm scale 1 and shift 0."""
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            fan_in = m.in_channels * m.kernel_size[0] * m.kernel_size[1]
            sigma = (1.0 / fan_in) ** 0.5 / 0.87962566103423978
            nn.init.trunc_normal_(m.weight, 0.0, sigma, -2 * sigma, 2 * sigma)
        elif isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)


_DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32}


def read_checkpoint(path):
    """The network tensors of an ArchScope train-net checkpoint (a safetensors file)."""
    with open(path, "rb") as f:
        data = f.read()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    tensors = {}
    for name, info in header.items():
        if not name.startswith("network."):
            continue
        start, end = info["data_offsets"]
        raw = bytearray(data[8 + size + start : 8 + size + end])
        t = torch.frombuffer(raw, dtype=_DTYPES[info["dtype"]]) if raw else torch.empty(0)
        tensors[name[len("network.") :]] = t.reshape(info["shape"])
    if not tensors:
        raise ValueError(f"{path}: no network in this file; give the checkpoint of a train-net run")
    return tensors


def load_weights(model, path):
    """Copies a train-net checkpoint's weights and batch-norm statistics into `model`."""
    tensors = read_checkpoint(path)
    state = {}
    for i, (kind, _, _) in enumerate(LAYERS):
        if kind == "conv":
            names = {"weight": "conv.weight", "gamma": "bn.weight", "beta": "bn.bias",
                     "mean": "bn.running_mean", "var": "bn.running_var"}
        elif kind == "dense":
            names = {"weight": "weight", "bias": "bias"}
        else:
            continue
        for ours, theirs in names.items():
            key = f"l{i}_{ours}"
            if key not in tensors:
                raise ValueError(f"{path}: no tensor {key}; the checkpoint is of another cell or configuration")
            state[f"ops.l{i}.{theirs}"] = tensors[key]
    # PyTorch's num_batches_tracked are not ArchScope's; every other entry must be there.
    missing = [k for k in model.load_state_dict(state, strict=False).missing_keys
               if not k.endswith("num_batches_tracked")]
    if missing:
        raise ValueError(f"{path}: the checkpoint lacks {', '.join(missing)}")


def build_network(weights=WEIGHTS):
    """The network, with the checkpoint's weights when `weights` names one, freshly initialised otherwise."""
    model = CellNetwork()
    initialise(model)
    if weights:
        load_weights(model, weights)
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--weights", default=WEIGHTS, help="train-net checkpoint to load (default: %(default)s)")
    args = parser.parse_args()
    net = build_network(args.weights).eval()
    count = sum(p.numel() for p in net.parameters() if p.requires_grad)
    with torch.no_grad():
        logits = net(torch.randn(2, *INPUT))
    print(f"{count} trainable parameters; logits of a batch of 2: {tuple(logits.shape)}")
)PY";

} // namespace

std::string networkToPyTorchScript(const NetworkPlan& plan, const std::string& header, const std::string& weightsPath)
{
    const NetworkConfig& c = plan.config;
    std::ostringstream s;
    s << "#!/usr/bin/env python3\n\"\"\"" << header << "\n\n"
      << "Written by ArchScope " << ARCHSCOPE_VERSION << " (archscope-cli export --format pytorch); needs only torch.\n"
      << "Input: images of " << c.inputChannels << " x " << c.inputHeight << " x " << c.inputWidth
      << ", normalised per channel as train-net normalises them. Output: " << c.numClasses << " logits.\n\n"
      << "    python3 this_file.py [--weights CHECKPOINT]    builds it and runs a random batch\n"
      << "    build_network(weights=...) -> torch.nn.Module  from Python\n\"\"\"\n\n"
      << "import argparse\nimport json\nimport struct\n\nimport torch\nimport torch.nn.functional as F\nfrom torch import nn\n\n"
      << "INPUT = (" << c.inputChannels << ", " << c.inputHeight << ", " << c.inputWidth << ")\n"
      << "CLASSES = " << c.numClasses << "\n"
      << "WEIGHTS = " << (weightsPath.empty() ? std::string("None") : nlohmann::json(weightsPath).dump()) << "\n\n"
      << "# The layers in order: (kind, input layers, arguments). conv: (kernel, in, out) channels, a convolution\n"
      << "# then batch norm then ReLU; dense: (in, classes); truncate: (channels,) the first channels; maxpool3x3\n"
      << "# (stride 1), downsample (2 x 2, stride 2), sum, concat (of channels) and pool (global average).\n"
      << "LAYERS = [\n";
    for (const Layer& l : plan.layers) {
        s << "    (\"" << kindName(l.kind) << "\", [";
        for (std::size_t k = 0; k < l.inputs.size(); ++k)
            s << (k ? ", " : "") << l.inputs[k];
        s << "], " << layerArguments(l) << "),\n";
    }
    s << "]\n" << kBody;
    return s.str();
}

} // namespace archscope
