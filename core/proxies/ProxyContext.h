// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "network/CellNetwork.h"

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace archscope {

struct ImageTask;

// The fixed batch the data-dependent proxies see: `size` training images drawn with `seed`, prepared
// as train-net prepares a training batch (normalised, padded, cropped and flipped at random, the
// randomness seeded too), with their labels. The same batch for every cell.
struct ProxyImages {
    torch::Tensor images; // [B, C, H, W] float
    torch::Tensor labels; // [B] int64
    int classes = 0;
};
ProxyImages proxyImages(const ImageTask& task, int size, std::uint64_t seed);

// One cell's network as the proxies measure it: at initialisation (CellNetwork's, seeded, so every
// proxy of the cell sees the same weights), in training mode (batch norm with the batch's statistics,
// as NASLib measures), on the CPU.
class ProxyContext {
public:
    // `batchSize`: the images' count, or the Gaussian inputs' for a data-free proxy without them.
    ProxyContext(NetworkPlan plan, const ProxyImages* images, std::uint64_t seed, int batchSize);

    const NetworkPlan& plan() const { return plan_; }
    // std::logic_error for a data-free proxy that asks for images.
    const ProxyImages& images() const;
    std::uint64_t seed() const { return seed_; }
    int batchSize() const { return batchSize_; }

    // The layers whose weights the proxies measure, in plan order: every convolution and the dense
    // layer (NASLib's Conv2d and Linear); batch-norm scales and the dense bias are not measured.
    const std::vector<std::size_t>& measuredLayers() const { return measured_; }

    // A fresh copy of the initial weights, the measured ones requiring gradients, without running
    // statistics (so batch norm always normalises with the batch's).
    PlanWeights weights() const;
    // The measured layers' weight tensors of `w`, in measuredLayers() order.
    std::vector<torch::Tensor> measuredWeights(const PlanWeights& w) const;

    // The cross-entropy of the network on `images` (a slice of the batch) with `labels`.
    torch::Tensor loss(const PlanWeights& w, const torch::Tensor& images, const torch::Tensor& labels,
                       const PlanObserver* observer = nullptr) const;

    // Each measured weight with its gradient of the cross-entropy over the whole batch.
    struct Gradients {
        std::vector<torch::Tensor> weight;
        std::vector<torch::Tensor> grad;
    };
    Gradients lossGradients() const;

    // The gradient of the sum of the network's outputs with respect to each input image, one row per
    // image [B, C*H*W] in double: the Jacobian that jacov and epe_nas read.
    torch::Tensor inputJacobian() const;

private:
    NetworkPlan plan_;
    const ProxyImages* images_;
    std::uint64_t seed_;
    int batchSize_;
    mutable PlanWeights initial_; // built at the first weights(): params and flops need none
    std::vector<std::size_t> measured_;
};

} // namespace archscope
