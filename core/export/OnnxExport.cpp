// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "export/OnnxExport.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace archscope {

namespace {

// Opset 13 is what ONNX 1.12 (Debian 12) and OpenCV 4.6's importer both know well; IR version 7 is
// the one that opset came with.
constexpr std::int64_t kOpset = 13;
constexpr std::int64_t kIrVersion = 7;

std::string layerName(std::size_t i) { return "l" + std::to_string(i); }

class OnnxBuilder {
public:
    OnnxBuilder(const NetworkPlan& plan, const PlanWeights& weights) : plan_(plan), weights_(weights) {}

    void build(onnx::GraphProto& graph)
    {
        graph_ = &graph;
        const Layer& in = plan_.layers.front();
        addValue(graph.add_input(), "images", {-1, in.outChannels, in.height, in.width});
        for (std::size_t i = 1; i < plan_.layers.size(); ++i)
            addLayer(i, plan_.layers[i]);
        addValue(graph.add_output(), "logits", {-1, plan_.layers.back().outChannels});
    }

private:
    // The value a layer's output is called: the input "images", the last layer "logits", else "l<i>".
    std::string value(std::size_t i) const
    {
        if (i == 0)
            return "images";
        return i + 1 == plan_.layers.size() ? "logits" : layerName(i);
    }
    std::string input(const Layer& l, std::size_t k) const { return value(static_cast<std::size_t>(l.inputs[k])); }

    static void addValue(onnx::ValueInfoProto* info, const std::string& name, const std::vector<std::int64_t>& dims)
    {
        info->set_name(name);
        auto* tensor = info->mutable_type()->mutable_tensor_type();
        tensor->set_elem_type(onnx::TensorProto::FLOAT);
        for (std::int64_t d : dims) {
            auto* dim = tensor->mutable_shape()->add_dim();
            if (d < 0)
                dim->set_dim_param("batch");
            else
                dim->set_dim_value(d);
        }
    }

    onnx::NodeProto* node(const std::string& op, const std::vector<std::string>& inputs, const std::string& output)
    {
        onnx::NodeProto* n = graph_->add_node();
        n->set_op_type(op);
        n->set_name(output);
        for (const std::string& i : inputs)
            n->add_input(i);
        n->add_output(output);
        return n;
    }

    static void attribute(onnx::NodeProto* n, const std::string& name, const std::vector<std::int64_t>& values)
    {
        onnx::AttributeProto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (std::int64_t v : values)
            a->add_ints(v);
    }
    static void attribute(onnx::NodeProto* n, const std::string& name, std::int64_t v)
    {
        onnx::AttributeProto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(v);
    }
    static void attribute(onnx::NodeProto* n, const std::string& name, float v)
    {
        onnx::AttributeProto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(v);
    }

    // ONNX stores raw_data little-endian, as x86 and ARM hold floats in memory.
    void initializer(const std::string& name, const torch::Tensor& t)
    {
        const torch::Tensor c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
        onnx::TensorProto* p = graph_->add_initializer();
        p->set_name(name);
        p->set_data_type(onnx::TensorProto::FLOAT);
        for (std::int64_t d : c.sizes())
            p->add_dims(d);
        p->set_raw_data(c.data_ptr<float>(), static_cast<std::size_t>(c.numel()) * sizeof(float));
    }
    void initializer(const std::string& name, const std::vector<std::int64_t>& values)
    {
        onnx::TensorProto* p = graph_->add_initializer();
        p->set_name(name);
        p->set_data_type(onnx::TensorProto::INT64);
        p->add_dims(static_cast<std::int64_t>(values.size()));
        for (std::int64_t v : values)
            p->add_int64_data(v);
    }

    void addLayer(std::size_t i, const Layer& l)
    {
        const std::string out = value(i);
        const std::string prefix = "ops." + layerName(i);
        switch (l.kind) {
        case LayerKind::ConvBnRelu: {
            const auto& w = weights_.tensors[i];
            if (w.size() != 3 || !weights_.runningMean[i].defined())
                throw std::logic_error("ONNX export: layer " + std::to_string(i) + " has no batch-norm parameters");
            initializer(prefix + ".conv.weight", w[0]);
            initializer(prefix + ".bn.weight", w[1]);
            initializer(prefix + ".bn.bias", w[2]);
            initializer(prefix + ".bn.running_mean", weights_.runningMean[i]);
            initializer(prefix + ".bn.running_var", weights_.runningVar[i]);
            const std::int64_t pad = l.kernel / 2;
            onnx::NodeProto* conv = node("Conv", {input(l, 0), prefix + ".conv.weight"}, out + "_conv");
            attribute(conv, "kernel_shape", {l.kernel, l.kernel});
            attribute(conv, "pads", {pad, pad, pad, pad});
            attribute(conv, "strides", {1, 1});
            onnx::NodeProto* bn = node("BatchNormalization",
                                       {out + "_conv", prefix + ".bn.weight", prefix + ".bn.bias", prefix + ".bn.running_mean",
                                        prefix + ".bn.running_var"},
                                       out + "_bn");
            attribute(bn, "epsilon", static_cast<float>(kBatchNormEpsilon));
            // ONNX's momentum weighs the running value, LibTorch's the batch's.
            attribute(bn, "momentum", static_cast<float>(1.0 - kBatchNormMomentum));
            node("Relu", {out + "_bn"}, out);
            break;
        }
        case LayerKind::MaxPool3x3: {
            onnx::NodeProto* pool = node("MaxPool", {input(l, 0)}, out);
            attribute(pool, "kernel_shape", {3, 3});
            attribute(pool, "strides", {1, 1});
            attribute(pool, "pads", {1, 1, 1, 1});
            break;
        }
        case LayerKind::DownSample: {
            // "same" padding: an odd side gets one padded row or column at its end, which max pooling
            // ignores (the network's ceil mode).
            const Layer& from = plan_.layers[static_cast<std::size_t>(l.inputs[0])];
            onnx::NodeProto* pool = node("MaxPool", {input(l, 0)}, out);
            attribute(pool, "kernel_shape", {2, 2});
            attribute(pool, "strides", {2, 2});
            attribute(pool, "pads", {0, 0, from.height % 2, from.width % 2});
            break;
        }
        case LayerKind::Truncate:
            if (!haveSliceConstants_) {
                initializer("slice.starts", std::vector<std::int64_t>{0});
                initializer("slice.axes", std::vector<std::int64_t>{1});
                haveSliceConstants_ = true;
            }
            initializer(prefix + ".ends", std::vector<std::int64_t>{l.outChannels});
            node("Slice", {input(l, 0), "slice.starts", prefix + ".ends", "slice.axes"}, out);
            break;
        case LayerKind::Sum: {
            std::string sum = input(l, 0);
            for (std::size_t k = 1; k < l.inputs.size(); ++k) {
                const std::string partial = k + 1 == l.inputs.size() ? out : out + "_add" + std::to_string(k);
                node("Add", {sum, input(l, k)}, partial);
                sum = partial;
            }
            break;
        }
        case LayerKind::Concat: {
            std::vector<std::string> parts;
            for (std::size_t k = 0; k < l.inputs.size(); ++k)
                parts.push_back(input(l, k));
            attribute(node("Concat", parts, out), "axis", std::int64_t{1});
            break;
        }
        case LayerKind::GlobalAvgPool:
            node("GlobalAveragePool", {input(l, 0)}, out + "_pool");
            attribute(node("Flatten", {out + "_pool"}, out), "axis", std::int64_t{1});
            break;
        case LayerKind::Dense: {
            initializer(prefix + ".weight", weights_.tensors[i][0]);
            initializer(prefix + ".bias", weights_.tensors[i][1]);
            onnx::NodeProto* gemm = node("Gemm", {input(l, 0), prefix + ".weight", prefix + ".bias"}, out);
            attribute(gemm, "transB", std::int64_t{1});
            break;
        }
        case LayerKind::Input: break;
        }
    }

    const NetworkPlan& plan_;
    const PlanWeights& weights_;
    onnx::GraphProto* graph_ = nullptr;
    bool haveSliceConstants_ = false;
};

} // namespace

std::string networkToOnnx(const NetworkPlan& plan, const PlanWeights& weights, const std::map<std::string, std::string>& metadata)
{
    onnx::ModelProto model;
    model.set_ir_version(kIrVersion);
    model.set_producer_name("ArchScope");
    model.set_producer_version(ARCHSCOPE_VERSION);
    model.set_doc_string("A NAS-Bench-101 cell's network, exported by ArchScope");
    onnx::OperatorSetIdProto* opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOpset);
    for (const auto& [key, text] : metadata) {
        onnx::StringStringEntryProto* entry = model.add_metadata_props();
        entry->set_key(key);
        entry->set_value(text);
    }
    onnx::GraphProto* graph = model.mutable_graph();
    graph->set_name("cell_network");
    OnnxBuilder(plan, weights).build(*graph);
    try {
        onnx::checker::check_model(model);
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("ONNX export: the model fails ONNX's checker: ") + e.what());
    }
    std::string bytes;
    if (!model.SerializeToString(&bytes))
        throw std::runtime_error("ONNX export: the model is too large for a protobuf (over 2 GiB)");
    return bytes;
}

} // namespace archscope
