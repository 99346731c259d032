// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "cell/NetworkParams.h"

#include "cell/Cell.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace archscope {

namespace {

// conv (no bias) followed by batch norm with trainable scale and shift.
std::int64_t convBnParams(int kernel, int in, int out)
{
    return static_cast<std::int64_t>(kernel) * kernel * in * out + 2LL * out;
}

void checkRange(const char* field, int value, int lo, int hi)
{
    if (value < lo || value > hi)
        throw std::invalid_argument(std::string("network ") + field + " must be in [" + std::to_string(lo) + ", "
                                    + std::to_string(hi) + "], not " + std::to_string(value));
}

} // namespace

void NetworkConfig::check() const
{
    // Upper bounds keep the channel doubling and the parameter count far from int overflow.
    checkRange("stem channels", stemChannels, 1, 4096);
    checkRange("stacks", numStacks, 1, 8);
    checkRange("modules per stack", cellsPerStack, 1, 64);
    checkRange("classes", numClasses, 2, 100000);
    checkRange("input channels", inputChannels, 1, 64);
    checkRange("input height", inputHeight, 1, 4096);
    checkRange("input width", inputWidth, 1, 4096);
    if (static_cast<std::int64_t>(stemChannels) << (numStacks - 1) > 65536)
        throw std::invalid_argument("network stem channels " + std::to_string(stemChannels) + " doubled over "
                                    + std::to_string(numStacks) + " stacks exceed 65536 channels");
}

std::vector<int> vertexChannels(const Cell& cell, int inChannels, int outChannels)
{
    const int n = cell.numVertices();
    std::vector<int> channels(static_cast<std::size_t>(n), 0);
    channels[0] = inChannels;
    channels[static_cast<std::size_t>(n - 1)] = outChannels;
    if (n == 2)
        return channels;
    const int out = n - 1;
    // NAS-Bench-101 counts the output's in-degree without the input vertex: the input reaches the
    // output through a projection that is added, not concatenated.
    int feeders = 0;
    for (int v = 1; v < out; ++v)
        feeders += cell.hasEdge(v, out) ? 1 : 0;
    if (feeders == 0)
        throw std::invalid_argument("vertexChannels: no interior vertex feeds the output; prune the cell first");
    const int interior = outChannels / feeders;
    int correction = outChannels % feeders;
    for (int v = 1; v < out; ++v)
        if (cell.hasEdge(v, out)) {
            channels[static_cast<std::size_t>(v)] = interior + (correction > 0 ? 1 : 0);
            if (correction > 0)
                --correction;
        }
    for (int v = n - 3; v > 0; --v) {
        if (cell.hasEdge(v, out))
            continue;
        for (int dst = v + 1; dst < out; ++dst)
            if (cell.hasEdge(v, dst))
                channels[static_cast<std::size_t>(v)]
                    = std::max(channels[static_cast<std::size_t>(v)], channels[static_cast<std::size_t>(dst)]);
        if (channels[static_cast<std::size_t>(v)] <= 0)
            throw std::invalid_argument("vertexChannels: vertex " + std::to_string(v)
                                        + " has no successor; prune the cell first");
    }
    return channels;
}

namespace {

// Calls conv(kernel, in, out) for every convolution of the cell (each followed by batch norm).
template <class Conv>
void forEachConvolution(const Cell& cell, int inChannels, int outChannels, Conv conv)
{
    const int n = cell.numVertices();
    const int out = n - 1;
    const std::vector<int> channels = vertexChannels(cell, inChannels, outChannels);
    for (int v = 1; v < out; ++v) {
        const int c = channels[static_cast<std::size_t>(v)];
        // Interior inputs are truncated to c channels (no parameters); the cell input is projected.
        if (cell.hasEdge(0, v))
            conv(1, inChannels, c);
        switch (cell.op(v)) {
        case Op::Conv3x3: conv(3, c, c); break;
        case Op::Conv1x1: conv(1, c, c); break;
        default: break;
        }
    }
    if (cell.hasEdge(0, out))
        conv(1, inChannels, outChannels);
}

} // namespace

std::int64_t cellParameterCount(const Cell& cell, int inChannels, int outChannels)
{
    std::int64_t params = 0;
    forEachConvolution(cell, inChannels, outChannels, [&](int k, int in, int out) { params += convBnParams(k, in, out); });
    return params;
}

double networkMultiplyAccumulates(const Cell& cell, const NetworkConfig& config)
{
    int height = config.inputHeight, width = config.inputWidth;
    double macs = 9.0 * config.inputChannels * config.stemChannels * height * width;
    int channels = config.stemChannels;
    for (int stack = 0; stack < config.numStacks; ++stack) {
        int in = channels;
        if (stack > 0) {
            channels *= 2;
            height = (height + 1) / 2; // the 2x2 max pool's "same" padding rounds up
            width = (width + 1) / 2;
        }
        const double pixels = static_cast<double>(height) * width;
        for (int c = 0; c < config.cellsPerStack; ++c) {
            forEachConvolution(cell, in, channels, [&](int k, int i, int o) { macs += static_cast<double>(k) * k * i * o * pixels; });
            in = channels;
        }
    }
    return macs + static_cast<double>(channels) * config.numClasses;
}

std::int64_t networkParameterCount(const Cell& cell, const NetworkConfig& config)
{
    std::int64_t params = convBnParams(3, config.inputChannels, config.stemChannels);
    int channels = config.stemChannels;
    for (int stack = 0; stack < config.numStacks; ++stack) {
        int in = channels;
        if (stack > 0)
            channels *= 2;
        for (int c = 0; c < config.cellsPerStack; ++c) {
            params += cellParameterCount(cell, in, channels);
            in = channels;
        }
    }
    return params + static_cast<std::int64_t>(channels) * config.numClasses + config.numClasses;
}

} // namespace archscope
