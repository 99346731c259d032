// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "network/NetworkPlan.h"

#include <torch/torch.h>

#include <functional>
#include <vector>

namespace archscope {

// base_ops.py's batch norm: TensorFlow's decay 0.997 is LibTorch's momentum 0.003.
inline constexpr double kBatchNormMomentum = 0.003;
inline constexpr double kBatchNormEpsilon = 1e-5;

// The tensors a plan runs with, per layer in layerWeightShapes order. A ConvBnRelu layer given only its
// kernel normalises without scale and shift (what a Graph HyperNetwork's networks do); a layer without
// running statistics always normalises with the batch's.
struct PlanWeights {
    std::vector<std::vector<torch::Tensor>> tensors;
    std::vector<torch::Tensor> runningMean;
    std::vector<torch::Tensor> runningVar;
};

// What the zero-cost proxies need to see of a forward pass, or change in it.
struct PlanObserver {
    bool normalise = true;         // false: convolution then ReLU, without batch norm (synflow)
    bool stopAtPooling = false;    // return the global average pooling's input (zen's feature map)
    // The output of every convolution (before batch norm) and of the dense layer, with its layer index.
    std::function<void(std::size_t layer, const torch::Tensor& output)> onWeightedOutput;
    // The output of every ReLU.
    std::function<void(std::size_t layer, const torch::Tensor& activation)> onRelu;
};

// The forward pass of `plan` on NCHW images: batch statistics when `training` (updating the running
// ones), running statistics otherwise. Intermediate activations are released after their last use.
torch::Tensor runNetworkPlan(const NetworkPlan& plan, const PlanWeights& weights, const torch::Tensor& images,
                             bool training, double bnMomentum = kBatchNormMomentum, const PlanObserver* observer = nullptr);

// NAS-Bench-101's batch-norm momentum suits its 16,848 steps; a run of fewer steps would evaluate with
// running statistics still near their initial values. This momentum leaves 1% of the initial values
// after `steps` steps, and is never below NAS-Bench-101's.
double batchNormMomentumFor(std::int64_t steps);

// The network of a cell with its own parameters, initialised as model_builder's layers are: convolution
// kernels from a truncated normal of variance 1/fan-in (TensorFlow's variance_scaling_initializer),
// batch norm scale 1 and shift 0, the dense layer Glorot-uniform with zero bias.
class CellNetworkImpl : public torch::nn::Module {
public:
    // `initialise` false leaves the parameters uninitialised (cheap: only their shapes are needed).
    explicit CellNetworkImpl(NetworkPlan plan, bool initialise = true, double bnMomentum = kBatchNormMomentum);

    torch::Tensor forward(const torch::Tensor& images);
    const NetworkPlan& plan() const { return plan_; }
    const PlanWeights& weights() const { return weights_; }

private:
    NetworkPlan plan_;
    PlanWeights weights_;
    double bnMomentum_;
};
TORCH_MODULE(CellNetwork);

// The number of trainable values of a module (what NAS-Bench-101 records as `params`).
std::int64_t trainableParameterCount(const torch::nn::Module& module);

} // namespace archscope
