// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/ModelArchive.h"

#include <torch/torch.h>

#include <string>
#include <type_traits>
#include <utility>

namespace archscope {

// An optimizer's per-parameter state (Adam's moments, RMSprop's averages, SGD's momentum, the step count) as plain
// tensors named "<parameter index>.<field>", in the order of the optimizer's parameters, so that a
// checkpoint is data like a model file. The learning rate is not stored: the training loop sets it
// each epoch from its schedule.
void writeOptimizerState(ModelArchive& archive, const torch::optim::Optimizer& optimizer);
// The key of parameter `parameter` in an optimizer's state(): LibTorch 1.13 keys it by the text of the
// parameter's TensorImpl address (what c10::guts::to_string writes), 2.x by the address itself.
using OptimizerStateKey = std::decay_t<decltype(std::declval<torch::optim::Optimizer&>().state())>::key_type;
OptimizerStateKey optimizerStateKey(const torch::Tensor& parameter);
// Restores what writeOptimizerState wrote into an optimizer of the same kind over the same
// parameters; a missing field or a tensor whose shape differs from its parameter's is a DataError
// naming `where`.
void readOptimizerState(const ModelArchive& archive, torch::optim::Optimizer& optimizer, const std::string& where);

} // namespace archscope
