// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "network/CellNetwork.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace archscope {

namespace {

// TensorFlow's truncated normal: values beyond two standard deviations are drawn again, and the
// spread is widened so the truncated distribution keeps the requested variance.
void truncatedNormal(torch::Tensor& t, double stddev)
{
    const double sigma = stddev / 0.87962566103423978;
    torch::NoGradGuard noGrad;
    t.normal_(0, sigma);
    for (int round = 0; round < 100; ++round) {
        const torch::Tensor outside = t.abs() > 2 * sigma;
        if (!outside.any().item<bool>())
            return;
        t.copy_(torch::where(outside, torch::randn_like(t) * sigma, t));
    }
}

std::vector<int> lastUses(const NetworkPlan& plan)
{
    std::vector<int> last(plan.layers.size(), 0);
    for (std::size_t i = 0; i < plan.layers.size(); ++i)
        for (int in : plan.layers[i].inputs)
            last[static_cast<std::size_t>(in)] = static_cast<int>(i);
    return last;
}

torch::Tensor convBnRelu(std::size_t index, const Layer& layer, const std::vector<torch::Tensor>& w, const torch::Tensor& mean,
                         const torch::Tensor& var, const torch::Tensor& x, bool training, double momentum,
                         const PlanObserver* observer)
{
    torch::Tensor y = torch::conv2d(x, w[0], {}, 1, layer.kernel / 2);
    if (observer && observer->onWeightedOutput)
        observer->onWeightedOutput(index, y);
    if (!observer || observer->normalise) {
        const torch::Tensor gamma = w.size() > 1 ? w[1] : torch::Tensor();
        const torch::Tensor beta = w.size() > 2 ? w[2] : torch::Tensor();
        y = torch::batch_norm(y, gamma, beta, mean, var, training || !mean.defined(), momentum, kBatchNormEpsilon, true);
        y.relu_();
    } else {
        y = y.relu(); // the observer may hold the convolution's output
    }
    if (observer && observer->onRelu)
        observer->onRelu(index, y);
    return y;
}

} // namespace

torch::Tensor runNetworkPlan(const NetworkPlan& plan, const PlanWeights& weights, const torch::Tensor& images,
                             bool training, double bnMomentum, const PlanObserver* observer)
{
    const std::vector<int> last = lastUses(plan);
    std::vector<torch::Tensor> out(plan.layers.size());
    out[0] = images;
    const auto input = [&](const Layer& l, std::size_t k) -> const torch::Tensor& {
        return out[static_cast<std::size_t>(l.inputs[k])];
    };
    for (std::size_t i = 1; i < plan.layers.size(); ++i) {
        const Layer& l = plan.layers[i];
        switch (l.kind) {
        case LayerKind::ConvBnRelu:
            out[i] = convBnRelu(i, l, weights.tensors[i], weights.runningMean[i], weights.runningVar[i], input(l, 0),
                                training, bnMomentum, observer);
            break;
        case LayerKind::MaxPool3x3: out[i] = torch::max_pool2d(input(l, 0), 3, 1, 1); break;
        case LayerKind::DownSample: out[i] = torch::max_pool2d(input(l, 0), 2, 2, 0, 1, true); break;
        case LayerKind::Truncate: out[i] = input(l, 0).narrow(1, 0, l.outChannels); break;
        case LayerKind::Sum: {
            torch::Tensor sum = input(l, 0) + input(l, 1);
            for (std::size_t k = 2; k < l.inputs.size(); ++k)
                sum.add_(input(l, k));
            out[i] = sum;
            break;
        }
        case LayerKind::Concat: {
            std::vector<torch::Tensor> parts;
            for (std::size_t k = 0; k < l.inputs.size(); ++k)
                parts.push_back(input(l, k));
            out[i] = torch::cat(parts, 1);
            break;
        }
        case LayerKind::GlobalAvgPool:
            if (observer && observer->stopAtPooling)
                return input(l, 0);
            out[i] = input(l, 0).mean({2, 3});
            break;
        case LayerKind::Dense:
            out[i] = torch::linear(input(l, 0), weights.tensors[i][0], weights.tensors[i][1]);
            if (observer && observer->onWeightedOutput)
                observer->onWeightedOutput(i, out[i]);
            break;
        case LayerKind::Input: break;
        }
        for (int in : l.inputs)
            if (last[static_cast<std::size_t>(in)] == static_cast<int>(i))
                out[static_cast<std::size_t>(in)] = torch::Tensor();
    }
    return out.back();
}

double batchNormMomentumFor(std::int64_t steps)
{
    return std::max(kBatchNormMomentum, 1.0 - std::exp(std::log(0.01) / static_cast<double>(std::max<std::int64_t>(1, steps))));
}

CellNetworkImpl::CellNetworkImpl(NetworkPlan plan, bool initialise, double bnMomentum)
    : plan_(std::move(plan)), bnMomentum_(bnMomentum)
{
    const std::size_t n = plan_.layers.size();
    weights_.tensors.resize(n);
    weights_.runningMean.resize(n);
    weights_.runningVar.resize(n);
    static const char* const kNames[] = {"weight", "gamma", "beta"};
    for (std::size_t i = 0; i < n; ++i) {
        const Layer& l = plan_.layers[i];
        const auto shapes = layerWeightShapes(l);
        for (std::size_t k = 0; k < shapes.size(); ++k) {
            torch::Tensor t = torch::empty(shapes[k]);
            if (initialise) {
                if (l.kind == LayerKind::Dense && k == 0) {
                    const double limit = std::sqrt(6.0 / static_cast<double>(l.inChannels + l.outChannels));
                    torch::NoGradGuard noGrad;
                    t.uniform_(-limit, limit);
                } else if (k == 0) {
                    truncatedNormal(t, 1.0 / std::sqrt(static_cast<double>(l.inChannels * l.kernel * l.kernel)));
                } else if (l.kind == LayerKind::ConvBnRelu && k == 1) {
                    t.fill_(1.0);
                } else {
                    t.zero_();
                }
            }
            const std::string name = "l" + std::to_string(i) + "_" + (l.kind == LayerKind::Dense && k == 1 ? "bias" : kNames[k]);
            weights_.tensors[i].push_back(register_parameter(name, t));
        }
        if (l.kind == LayerKind::ConvBnRelu) {
            weights_.runningMean[i] = register_buffer("l" + std::to_string(i) + "_mean", torch::zeros({l.outChannels}));
            weights_.runningVar[i] = register_buffer("l" + std::to_string(i) + "_var", torch::ones({l.outChannels}));
        }
    }
}

torch::Tensor CellNetworkImpl::forward(const torch::Tensor& images)
{
    return runNetworkPlan(plan_, weights_, images, is_training(), bnMomentum_);
}

std::int64_t builtNetworkParameterCount(const Cell& cell, const NetworkConfig& config)
{
    return trainableParameterCount(*CellNetwork(buildNetworkPlan(cell, config), false));
}

std::int64_t trainableParameterCount(const torch::nn::Module& module)
{
    std::int64_t total = 0;
    for (const torch::Tensor& p : module.parameters())
        if (p.requires_grad())
            total += p.numel();
    return total;
}

} // namespace archscope
