// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ProxyContext.h"

#include "network/ImageData.h"
#include "runtime/Runtime.h"

#include <stdexcept>
#include <string>

namespace archscope {

ProxyImages proxyImages(const ImageTask& task, int size, std::uint64_t seed)
{
    if (size < 2)
        throw std::invalid_argument("proxy batch of " + std::to_string(size) + " images: at least 2 are needed");
    if (task.train.size() < size)
        throw std::invalid_argument("proxy batch of " + std::to_string(size) + " images: " + task.name + " has only "
                                    + std::to_string(task.train.size()) + " training images");
    const auto seeded = seedTorchGenerator(seed);
    const torch::Tensor rows = torch::randperm(task.train.size(), torch::kInt64).narrow(0, 0, size);
    ProxyImages out;
    out.images = task.batch(task.train, rows, true, torch::kCPU);
    out.labels = task.train.labels.index_select(0, rows);
    out.classes = task.classes;
    return out;
}

ProxyContext::ProxyContext(NetworkPlan plan, const ProxyImages* images, std::uint64_t seed, int batchSize)
    : plan_(std::move(plan)), images_(images), seed_(seed), batchSize_(images ? static_cast<int>(images->images.size(0)) : batchSize)
{
    for (std::size_t i = 0; i < plan_.layers.size(); ++i)
        if (plan_.layers[i].hasWeights())
            measured_.push_back(i);
}

const ProxyImages& ProxyContext::images() const
{
    if (!images_)
        throw std::logic_error("a proxy that needs images was given none");
    return *images_;
}

PlanWeights ProxyContext::weights() const
{
    if (initial_.tensors.empty()) {
        const auto seeded = seedTorchGenerator(seed_);
        initial_ = CellNetwork(plan_)->weights();
    }
    PlanWeights w;
    w.tensors.resize(initial_.tensors.size());
    w.runningMean.resize(initial_.tensors.size());
    w.runningVar.resize(initial_.tensors.size());
    for (std::size_t i = 0; i < initial_.tensors.size(); ++i)
        for (std::size_t k = 0; k < initial_.tensors[i].size(); ++k)
            w.tensors[i].push_back(initial_.tensors[i][k].detach().clone().requires_grad_(k == 0));
    return w;
}

std::vector<torch::Tensor> ProxyContext::measuredWeights(const PlanWeights& w) const
{
    std::vector<torch::Tensor> out;
    for (std::size_t i : measured_)
        out.push_back(w.tensors[i][0]);
    return out;
}

torch::Tensor ProxyContext::loss(const PlanWeights& w, const torch::Tensor& images, const torch::Tensor& labels,
                                 const PlanObserver* observer) const
{
    return torch::cross_entropy_loss(runNetworkPlan(plan_, w, images, true, kBatchNormMomentum, observer), labels);
}

ProxyContext::Gradients ProxyContext::lossGradients() const
{
    const PlanWeights w = weights();
    Gradients g;
    g.weight = measuredWeights(w);
    g.grad = torch::autograd::grad({loss(w, images().images, images().labels)}, g.weight);
    return g;
}

torch::Tensor ProxyContext::inputJacobian() const
{
    const PlanWeights w = weights();
    const torch::Tensor x = images().images.clone().requires_grad_(true);
    const torch::Tensor y = runNetworkPlan(plan_, w, x, true);
    const torch::Tensor grad = torch::autograd::grad({y.sum()}, {x})[0];
    return grad.reshape({grad.size(0), -1}).to(torch::kFloat64);
}

} // namespace archscope
