// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <torch/torch.h>

namespace archscope {

// torch::optim::Adam whose update makes one pass over each parameter's four tensors (value, gradient,
// two moments). LibTorch 1.13's Adam::step runs eight element-wise operations a parameter, each a pass
// over memory, three of them into new tensors; for the GNN's 2.1 million parameters that was a
// quarter to a third of a training step (docs/BENCHMARKS.md). PyTorch has a fused Adam for the CPU
// only from 2.4 on. The arithmetic is Adam's, in its order, and the state is Adam's own
// (AdamParamState), so checkpoints (OptimizerState) read and write it unchanged. Where a parameter
// is not a dense float32 CPU tensor (CUDA), or with amsgrad, Adam's own step runs.
class FusedAdam : public torch::optim::Adam {
public:
    using torch::optim::Adam::Adam;
    torch::Tensor step(LossClosure closure = nullptr) override;

private:
    bool fusable();
};

} // namespace archscope
