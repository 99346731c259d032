// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "train/FusedAdam.h"

#include "train/OptimizerState.h"

#include <cfloat>
#include <cmath>
#include <cstdint>

namespace archscope {

namespace {

bool denseCpuFloat(const torch::Tensor& t)
{
    return t.defined() && t.device().is_cpu() && t.scalar_type() == torch::kFloat32 && t.layout() == torch::kStrided
           && t.is_contiguous();
}

// Adam's update of one parameter, element by element: what Adam::step computes with whole-tensor
// operations (grad + wd * p; m * beta1 + (1 - beta1) * g; v * beta2 + (1 - beta2) * g * g;
// p + (-lr / bc1) * (m / (sqrt(v) / sqrt(bc2) + eps))), with its scalars rounded to float as ATen
// rounds them for float tensors, except that subnormal results are flushed to zero. This file is built with -fno-math-errno and the dynamic vector cost
// model, so that the loop is vectorised.
// Zero for a subnormal value. With L2 weight decay, a parameter whose gradient is nothing but the decay
// (a hypernetwork head's rows for kernel slices few cells use) is driven to zero by Adam's normalised
// steps, and its moments with it: after ~2,000 steps they are subnormal, and arithmetic on subnormals
// takes a microcode assist on x86, which made train-ghn's later epochs twice as slow as its first.
inline float flushSubnormal(float x) { return std::fabs(x) < FLT_MIN ? 0.0f : x; }

void update(float* __restrict p, const float* __restrict g, float* __restrict m, float* __restrict v, std::int64_t n,
            const torch::optim::AdamOptions& options, std::int64_t step)
{
    const double beta1 = std::get<0>(options.betas());
    const double beta2 = std::get<1>(options.betas());
    const auto b1 = static_cast<float>(beta1);
    const auto b2 = static_cast<float>(beta2);
    const auto oneMinusB1 = static_cast<float>(1 - beta1);
    const auto oneMinusB2 = static_cast<float>(1 - beta2);
    const auto decay = static_cast<float>(options.weight_decay());
    const auto eps = static_cast<float>(options.eps());
    const double bc1 = 1 - std::pow(beta1, static_cast<double>(step));
    const double bc2 = 1 - std::pow(beta2, static_cast<double>(step));
    const auto sqrtBc2 = static_cast<float>(std::sqrt(bc2));
    const auto negativeStep = static_cast<float>(-(options.lr() / bc1));
    for (std::int64_t i = 0; i < n; ++i) {
        const float gi = decay != 0.0f ? g[i] + decay * p[i] : g[i];
        const float mi = m[i] * b1 + oneMinusB1 * gi;
        const float vi = v[i] * b2 + oneMinusB2 * gi * gi;
        m[i] = flushSubnormal(mi);
        v[i] = flushSubnormal(vi);
        p[i] = flushSubnormal(p[i] + negativeStep * (mi / (std::sqrt(vi) / sqrtBc2 + eps)));
    }
}

} // namespace

bool FusedAdam::fusable()
{
    for (auto& group : param_groups()) {
        if (static_cast<const torch::optim::AdamOptions&>(group.options()).amsgrad())
            return false;
        for (const torch::Tensor& p : group.params()) {
            if (!p.grad().defined())
                continue;
            if (!denseCpuFloat(p) || !denseCpuFloat(p.grad()))
                return false;
            const auto found = state().find(optimizerStateKey(p));
            if (found != state().end()) {
                const auto& s = static_cast<const torch::optim::AdamParamState&>(*found->second);
                if (!denseCpuFloat(s.exp_avg()) || !denseCpuFloat(s.exp_avg_sq()))
                    return false;
            }
        }
    }
    return true;
}

torch::Tensor FusedAdam::step(LossClosure closure)
{
    if (!fusable())
        return torch::optim::Adam::step(std::move(closure));
    torch::NoGradGuard noGrad;
    torch::Tensor loss;
    if (closure) {
        torch::AutoGradMode enableGrad(true);
        loss = closure();
    }
    for (auto& group : param_groups()) {
        const auto& options = static_cast<const torch::optim::AdamOptions&>(group.options());
        for (torch::Tensor& p : group.params()) {
            if (!p.grad().defined())
                continue;
            auto& slot = state()[optimizerStateKey(p)];
            if (!slot) {
                auto fresh = std::make_unique<torch::optim::AdamParamState>();
                fresh->step(0);
                fresh->exp_avg(torch::zeros_like(p, torch::MemoryFormat::Preserve));
                fresh->exp_avg_sq(torch::zeros_like(p, torch::MemoryFormat::Preserve));
                slot = std::move(fresh);
            }
            auto& s = static_cast<torch::optim::AdamParamState&>(*slot);
            s.step(s.step() + 1);
            update(p.data_ptr<float>(), p.grad().data_ptr<float>(), s.exp_avg().data_ptr<float>(),
                   s.exp_avg_sq().data_ptr<float>(), p.numel(), options, s.step());
        }
    }
    return loss;
}

} // namespace archscope
