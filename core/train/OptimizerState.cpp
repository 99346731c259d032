// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "train/OptimizerState.h"

#include "util/Errors.h"

#include <sstream>
#include <type_traits>

namespace archscope {

namespace {

// The two keys optimizerStateKey (OptimizerState.h) tells apart.
template <class Key>
Key stateKeyOf(c10::TensorImpl* impl)
{
    if constexpr (std::is_same_v<Key, std::string>) {
        std::ostringstream text;
        text << impl;
        return text.str();
    } else {
        return impl;
    }
}

std::vector<torch::Tensor> parametersOf(const torch::optim::Optimizer& optimizer)
{
    std::vector<torch::Tensor> all;
    for (const auto& group : optimizer.param_groups())
        for (const torch::Tensor& p : group.params())
            all.push_back(p);
    return all;
}

void writeIfDefined(ModelArchive& archive, const std::string& key, const torch::Tensor& t)
{
    if (t.defined())
        archive.write(key, t);
}

class StateReader {
public:
    StateReader(const ModelArchive& archive, const std::string& where) : archive_(archive), where_(where) {}

    // The step count of parameter `index`; nullopt when the optimizer had no state for it yet.
    std::optional<std::int64_t> step(const std::string& index) const
    {
        const auto t = archive_.tensor(index + ".step");
        if (!t)
            return std::nullopt;
        if (t->scalar_type() != torch::kInt64 || t->numel() != 1 || t->item<std::int64_t>() < 0)
            throw DataError(where_ + ": optimizer state \"" + index + ".step\" is not a step count");
        return t->item<std::int64_t>();
    }

    // A moment of parameter `p`: same dtype and shape, on its device.
    torch::Tensor like(const std::string& key, const torch::Tensor& p, bool required = true) const
    {
        const auto t = archive_.tensor(key);
        if (!t) {
            if (required)
                throw DataError(where_ + ": optimizer state has no \"" + key + "\"");
            return {};
        }
        if (t->scalar_type() != p.scalar_type() || t->sizes() != p.sizes())
            throw DataError(where_ + ": optimizer state \"" + key + "\" does not fit the model");
        return t->to(p.device());
    }

private:
    const ModelArchive& archive_;
    const std::string& where_;
};

} // namespace

OptimizerStateKey optimizerStateKey(const torch::Tensor& parameter)
{
    return stateKeyOf<OptimizerStateKey>(parameter.unsafeGetTensorImpl());
}

void writeOptimizerState(ModelArchive& archive, const torch::optim::Optimizer& optimizer)
{
    const auto& state = optimizer.state();
    const std::vector<torch::Tensor> params = parametersOf(optimizer);
    for (std::size_t i = 0; i < params.size(); ++i) {
        const auto it = state.find(optimizerStateKey(params[i]));
        if (it == state.end())
            continue;
        const std::string index = std::to_string(i);
        if (const auto* adam = dynamic_cast<const torch::optim::AdamParamState*>(it->second.get())) {
            archive.write(index + ".step", torch::tensor(static_cast<std::int64_t>(adam->step()), torch::kInt64));
            writeIfDefined(archive, index + ".exp_avg", adam->exp_avg());
            writeIfDefined(archive, index + ".exp_avg_sq", adam->exp_avg_sq());
            writeIfDefined(archive, index + ".max_exp_avg_sq", adam->max_exp_avg_sq());
        } else if (const auto* rms = dynamic_cast<const torch::optim::RMSpropParamState*>(it->second.get())) {
            archive.write(index + ".step", torch::tensor(static_cast<std::int64_t>(rms->step()), torch::kInt64));
            writeIfDefined(archive, index + ".square_avg", rms->square_avg());
            writeIfDefined(archive, index + ".momentum_buffer", rms->momentum_buffer());
            writeIfDefined(archive, index + ".grad_avg", rms->grad_avg());
        } else if (const auto* sgd = dynamic_cast<const torch::optim::SGDParamState*>(it->second.get())) {
            writeIfDefined(archive, index + ".momentum_buffer", sgd->momentum_buffer());
        } else {
            throw std::logic_error("writeOptimizerState: an optimizer other than Adam, RMSprop or SGD");
        }
    }
}

void readOptimizerState(const ModelArchive& archive, torch::optim::Optimizer& optimizer, const std::string& where)
{
    const bool adam = dynamic_cast<torch::optim::Adam*>(&optimizer) != nullptr;
    const bool sgd = dynamic_cast<torch::optim::SGD*>(&optimizer) != nullptr;
    if (!adam && !sgd && !dynamic_cast<torch::optim::RMSprop*>(&optimizer))
        throw std::logic_error("readOptimizerState: an optimizer other than Adam, RMSprop or SGD");
    const StateReader read(archive, where);
    auto& state = optimizer.state();
    const std::vector<torch::Tensor> params = parametersOf(optimizer);
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < params.size(); ++i) {
        const std::string index = std::to_string(i);
        const torch::Tensor& p = params[i];
        if (sgd) {
            state.erase(optimizerStateKey(p));
            if (const torch::Tensor momentum = read.like(index + ".momentum_buffer", p, false); momentum.defined()) {
                auto s = std::make_unique<torch::optim::SGDParamState>();
                s->momentum_buffer(momentum);
                state[optimizerStateKey(p)] = std::move(s);
            }
            continue;
        }
        const auto step = read.step(index);
        if (!step) {
            state.erase(optimizerStateKey(p));
            continue;
        }
        if (adam) {
            auto s = std::make_unique<torch::optim::AdamParamState>();
            s->step(*step);
            s->exp_avg(read.like(index + ".exp_avg", p));
            s->exp_avg_sq(read.like(index + ".exp_avg_sq", p));
            s->max_exp_avg_sq(read.like(index + ".max_exp_avg_sq", p, false));
            state[optimizerStateKey(p)] = std::move(s);
        } else {
            auto s = std::make_unique<torch::optim::RMSpropParamState>();
            s->step(*step);
            s->square_avg(read.like(index + ".square_avg", p));
            s->momentum_buffer(read.like(index + ".momentum_buffer", p, false));
            s->grad_avg(read.like(index + ".grad_avg", p, false));
            state[optimizerStateKey(p)] = std::move(s);
        }
    }
    // More parameters' state than the optimizer has parameters: another model's checkpoint.
    if (archive.nested(std::to_string(params.size())))
        throw DataError(where + ": optimizer state for more parameters than the model has");
}

} // namespace archscope
