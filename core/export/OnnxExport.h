// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "network/CellNetwork.h"

#include <map>
#include <string>

namespace archscope {

// The network of `plan` with `weights` as a serialised ONNX model (opset 13): input "images"
// [batch, C, H, W] of normalised images, output "logits" [batch, classes]. Every ConvBnRelu layer is a
// Conv, a BatchNormalization with its running statistics, and a Relu, so the model evaluates as the
// network does in eval mode. Initializers carry the PyTorch script's state_dict names
// ("ops.l5.conv.weight"). The model passes ONNX's checker before it is returned (std::runtime_error
// otherwise). `metadata` becomes the model's metadata_props.
std::string networkToOnnx(const NetworkPlan& plan, const PlanWeights& weights,
                          const std::map<std::string, std::string>& metadata);

} // namespace archscope
