// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "network/NetworkPlan.h"

#include <string>

namespace archscope {

// A self-contained Python script (torch only) that builds the network of `plan` as a torch.nn.Module
// with the state_dict names of the ONNX export ("ops.l5.conv.weight"), initialises it as
// NAS-Bench-101 does, and loads a train-net checkpoint's weights when given one (`weightsPath` is its
// default, "" for none). `header` is written at the top as the docstring's first paragraph.
std::string networkToPyTorchScript(const NetworkPlan& plan, const std::string& header, const std::string& weightsPath);

} // namespace archscope
