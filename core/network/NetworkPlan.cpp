// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "network/NetworkPlan.h"

#include <stdexcept>
#include <string>

namespace archscope {

namespace {

class PlanBuilder {
public:
    PlanBuilder(const Cell& cell, const NetworkConfig& config) : cell_(cell) { plan_.config = config; }

    NetworkPlan build()
    {
        const NetworkConfig& c = plan_.config;
        Layer input;
        input.outChannels = c.inputChannels;
        input.height = c.inputHeight;
        input.width = c.inputWidth;
        int net = add(input);
        net = conv(net, 3, c.stemChannels, LayerRole::Network, -1, -1);
        int channels = c.stemChannels;
        for (int stack = 0; stack < c.numStacks; ++stack) {
            if (stack > 0) {
                Layer down = like(net, LayerKind::DownSample);
                down.height = (down.height + 1) / 2; // "same" padding rounds up
                down.width = (down.width + 1) / 2;
                net = add(down);
                channels *= 2;
            }
            for (int m = 0; m < c.cellsPerStack; ++m)
                net = module(net, channels, stack * c.cellsPerStack + m);
        }
        Layer pool = like(net, LayerKind::GlobalAvgPool);
        pool.height = pool.width = 1;
        net = add(pool);
        Layer dense = like(net, LayerKind::Dense);
        dense.outChannels = c.numClasses;
        add(dense);
        return std::move(plan_);
    }

private:
    const Layer& at(int i) const { return plan_.layers[static_cast<std::size_t>(i)]; }

    int add(Layer layer)
    {
        plan_.layers.push_back(std::move(layer));
        return static_cast<int>(plan_.layers.size()) - 1;
    }

    // A layer of `kind` reading `from`, keeping its channels and size.
    Layer like(int from, LayerKind kind) const
    {
        Layer l;
        l.kind = kind;
        l.inputs = {from};
        l.inChannels = l.outChannels = at(from).outChannels;
        l.height = at(from).height;
        l.width = at(from).width;
        return l;
    }

    int conv(int from, int kernel, int out, LayerRole role, int module, int vertex)
    {
        Layer l = like(from, LayerKind::ConvBnRelu);
        l.kernel = kernel;
        l.outChannels = out;
        l.role = role;
        l.module = module;
        l.vertex = vertex;
        return add(l);
    }

    // build_module: vertex inputs are the truncated interior predecessors plus the projected module
    // input, summed; the output concatenates the vertices that feed it, plus the projected input.
    int module(int input, int outChannels, int index)
    {
        const int n = cell_.numVertices();
        const int out = n - 1;
        const std::vector<int> channels = vertexChannels(cell_, at(input).outChannels, outChannels);
        std::vector<int> tensors(static_cast<std::size_t>(n), input);
        std::vector<int> concatIn;
        for (int t = 1; t < out; ++t) {
            const int c = channels[static_cast<std::size_t>(t)];
            std::vector<int> addIn;
            for (int src = 1; src < t; ++src)
                if (cell_.hasEdge(src, t))
                    addIn.push_back(truncate(tensors[static_cast<std::size_t>(src)], c, index));
            if (cell_.hasEdge(0, t))
                addIn.push_back(conv(input, 1, c, LayerRole::Projection, index, t));
            int vertexIn = addIn.front();
            if (addIn.size() > 1)
                vertexIn = combine(LayerKind::Sum, addIn, c, LayerRole::Vertex, index, t);
            tensors[static_cast<std::size_t>(t)] = vertexOp(vertexIn, cell_.op(t), c, index, t);
            if (cell_.hasEdge(t, out))
                concatIn.push_back(tensors[static_cast<std::size_t>(t)]);
        }
        if (concatIn.empty())
            return conv(input, 1, outChannels, LayerRole::Projection, index, out);
        int result = concatIn.front();
        if (concatIn.size() > 1)
            result = combine(LayerKind::Concat, concatIn, outChannels, LayerRole::ModuleIO, index, out);
        if (cell_.hasEdge(0, out)) {
            const int projected = conv(input, 1, outChannels, LayerRole::Projection, index, out);
            result = combine(LayerKind::Sum, {result, projected}, outChannels, LayerRole::ModuleIO, index, out);
        }
        return result;
    }

    int truncate(int from, int channels, int module)
    {
        if (at(from).outChannels == channels)
            return from;
        if (at(from).outChannels < channels)
            throw std::logic_error("NetworkPlan: a vertex has fewer channels than its successor");
        Layer l = like(from, LayerKind::Truncate);
        l.outChannels = channels;
        l.role = LayerRole::ModuleIO;
        l.module = module;
        return add(l);
    }

    int combine(LayerKind kind, const std::vector<int>& inputs, int channels, LayerRole role, int module, int vertex)
    {
        Layer l = like(inputs.front(), kind);
        l.inputs = inputs;
        l.inChannels = 0;
        for (int i : inputs)
            l.inChannels += at(i).outChannels;
        l.outChannels = channels;
        l.role = role;
        l.module = module;
        l.vertex = vertex;
        return add(l);
    }

    int vertexOp(int from, Op op, int channels, int module, int vertex)
    {
        switch (op) {
        case Op::Conv3x3: return conv(from, 3, channels, LayerRole::Vertex, module, vertex);
        case Op::Conv1x1: return conv(from, 1, channels, LayerRole::Vertex, module, vertex);
        case Op::MaxPool3x3: {
            Layer l = like(from, LayerKind::MaxPool3x3);
            l.role = LayerRole::Vertex;
            l.module = module;
            l.vertex = vertex;
            return add(l);
        }
        default: throw std::invalid_argument("NetworkPlan: vertex " + std::to_string(vertex) + " has no interior op");
        }
    }

    const Cell& cell_;
    NetworkPlan plan_;
};

} // namespace

NetworkPlan buildNetworkPlan(const Cell& cell, const NetworkConfig& config)
{
    config.check();
    return PlanBuilder(canonicalCell(cell), config).build();
}

std::vector<std::vector<std::int64_t>> layerWeightShapes(const Layer& layer)
{
    const std::int64_t in = layer.inChannels, out = layer.outChannels, k = layer.kernel;
    switch (layer.kind) {
    case LayerKind::ConvBnRelu: return {{out, in, k, k}, {out}, {out}};
    case LayerKind::Dense: return {{out, in}, {out}};
    default: return {};
    }
}

double planMultiplyAccumulates(const NetworkPlan& plan)
{
    double macs = 0;
    for (const Layer& l : plan.layers) {
        if (l.kind == LayerKind::Dense)
            macs += static_cast<double>(l.inChannels) * l.outChannels;
        else if (l.kind == LayerKind::ConvBnRelu)
            macs += static_cast<double>(l.kernel) * l.kernel * l.inChannels * l.outChannels * l.height * l.width;
    }
    return macs;
}

std::int64_t planParameterCount(const NetworkPlan& plan)
{
    std::int64_t total = 0;
    for (const Layer& layer : plan.layers)
        for (const auto& shape : layerWeightShapes(layer)) {
            std::int64_t n = 1;
            for (std::int64_t d : shape)
                n *= d;
            total += n;
        }
    return total;
}

} // namespace archscope
