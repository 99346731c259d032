// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "cell/Op.h"

namespace archscope {

std::string_view opName(Op op)
{
    switch (op) {
    case Op::Input: return "input";
    case Op::Conv3x3: return "conv3x3-bn-relu";
    case Op::Conv1x1: return "conv1x1-bn-relu";
    case Op::MaxPool3x3: return "maxpool3x3";
    case Op::Output: return "output";
    }
    return "?";
}

std::string_view opShortName(Op op)
{
    switch (op) {
    case Op::Input: return "in";
    case Op::Conv3x3: return "3x3";
    case Op::Conv1x1: return "1x1";
    case Op::MaxPool3x3: return "pool";
    case Op::Output: return "out";
    }
    return "?";
}

std::optional<Op> opFromName(std::string_view name)
{
    for (Op op : {Op::Input, Op::Conv3x3, Op::Conv1x1, Op::MaxPool3x3, Op::Output})
        if (opName(op) == name)
            return op;
    return std::nullopt;
}

int opHashLabel(Op op)
{
    switch (op) {
    case Op::Input: return -1;
    case Op::Output: return -2;
    case Op::Conv3x3: return 0;
    case Op::Conv1x1: return 1;
    case Op::MaxPool3x3: return 2;
    }
    return -3;
}

} // namespace archscope
