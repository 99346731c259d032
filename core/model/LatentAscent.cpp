// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/LatentAscent.h"

#include "model/LatentCodeScorer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace archscope {

namespace {

// Small cells of every op, with a skip edge: enough to tell two encoders apart.
std::vector<Cell> probeCells()
{
    std::vector<Cell> cells;
    for (Op a : {Op::Conv3x3, Op::Conv1x1, Op::MaxPool3x3})
        for (Op b : {Op::Conv3x3, Op::Conv1x1, Op::MaxPool3x3})
            cells.emplace_back(std::vector<Op>{Op::Input, a, b, Op::Output},
                               std::vector<std::vector<int>>{{0, 1, 0, 1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}});
    return cells;
}

torch::Tensor toTensor(const std::vector<LatentCode>& codes)
{
    const auto dim = static_cast<std::int64_t>(codes.front().size());
    torch::Tensor t = torch::empty({static_cast<std::int64_t>(codes.size()), dim});
    for (std::size_t i = 0; i < codes.size(); ++i)
        std::copy(codes[i].begin(), codes[i].end(), t.data_ptr<float>() + static_cast<std::int64_t>(i) * dim);
    return t;
}

} // namespace

bool readsLatentCodeOf(const Predictor& predictor, const LatentModel& model)
{
    const LatentCodeScorer* scorer = predictor.latentCodeScorer();
    if (!scorer || scorer->latentDim() != model.latentDim())
        return false;
    const std::vector<Cell> cells = probeCells();
    torch::Tensor throughCodes;
    {
        c10::InferenceMode inference;
        throughCodes = scorer->scoreCodes(toTensor(model.encode(cells))).to(torch::kCPU);
    }
    const torch::Tensor throughCells = scorer->scoreCells(cells).to(torch::kCPU);
    return torch::allclose(throughCodes, throughCells, 1e-3, 1e-4);
}

LatentAscentResult ascendLatent(const Predictor& predictor, const LatentModel& model, const LatentCode& start,
                                const LatentAscentOptions& options, const LatentAscentCallbacks& callbacks)
{
    if (start.size() != static_cast<std::size_t>(model.latentDim()))
        throw std::invalid_argument("latent ascent: the start code has " + std::to_string(start.size())
                                    + " entries, the model's latent space " + std::to_string(model.latentDim()));
    if (options.steps < 0 || !(options.stepSize > 0) || !(options.bound > 0) || !(options.priorWeight >= 0)
        || !std::isfinite(options.stepSize) || !std::isfinite(options.bound) || !std::isfinite(options.priorWeight))
        throw std::invalid_argument("latent ascent: steps must be >= 0, step size and bound finite and > 0, "
                                    "the prior weight finite and >= 0");
    if (!readsLatentCodeOf(predictor, model))
        throw std::invalid_argument("latent ascent: " + predictor.name() + " does not read the latent code of "
                                    + model.name() + "; train one with `archscope-cli train --model vsgae-latent`");
    const LatentCodeScorer& scorer = *predictor.latentCodeScorer();

    const torch::Tensor mean = torch::tensor(model.latentMean());
    const torch::Tensor stddev = torch::tensor(model.latentStd()).clamp_min(1e-6);
    torch::Tensor u = ((torch::tensor(start) - mean) / stddev).clamp(-options.bound, options.bound).unsqueeze(0);
    u.set_requires_grad(true);
    torch::optim::Adam optimizer({u}, torch::optim::AdamOptions(options.stepSize));

    const double dim = static_cast<double>(model.latentDim());
    LatentAscentResult result;
    std::map<ModuleHash, LatentAscentFind> found;
    for (int step = 0; step <= options.steps; ++step) {
        if (callbacks.cancel && callbacks.cancel->load(std::memory_order_relaxed)) {
            result.cancelled = true;
            break;
        }
        const torch::Tensor z = mean + stddev * u;
        const torch::Tensor score = scorer.scoreCodes(z).sum();

        LatentAscentStep s;
        s.step = step;
        const torch::Tensor zc = z.detach().contiguous();
        s.code.assign(zc.data_ptr<float>(), zc.data_ptr<float>() + zc.numel());
        s.predicted = scorer.scoreToAccuracy(score.item<double>());
        s.radius = std::sqrt(u.detach().square().mean().item<double>());
        s.decoded = model.decode({s.code}).front();
        s.decodedPredicted = std::numeric_limits<double>::quiet_NaN();
        if (s.decoded.valid()) {
            auto known = found.find(s.decoded.hash);
            if (known == found.end())
                known = found
                            .emplace(s.decoded.hash, LatentAscentFind{*s.decoded.cell, s.decoded.hash, step,
                                                                      predictor.predict({*s.decoded.cell}).front()})
                            .first;
            s.decodedPredicted = known->second.predicted;
        }
        result.path.push_back(s);
        if (callbacks.onStep)
            callbacks.onStep(result.path.back(), options.steps);
        if (step == options.steps)
            break;

        optimizer.zero_grad();
        const torch::Tensor prior = u.square().sum() / (2.0 * dim);
        (options.priorWeight * prior - score).backward();
        optimizer.step();
        torch::NoGradGuard noGrad;
        u.clamp_(-options.bound, options.bound);
    }
    result.distinctValid = found.size();
    for (auto& [hash, find] : found)
        result.best.push_back(std::move(find));
    std::stable_sort(result.best.begin(), result.best.end(),
                     [](const LatentAscentFind& a, const LatentAscentFind& b) { return a.predicted > b.predicted; });
    if (result.best.size() > options.keep)
        result.best.resize(options.keep);
    return result;
}

double LatentAscentResult::startCellPredicted() const
{
    return path.empty() ? std::numeric_limits<double>::quiet_NaN() : path.front().decodedPredicted;
}

double LatentAscentResult::bestCellPredicted() const
{
    return best.empty() ? std::numeric_limits<double>::quiet_NaN() : best.front().predicted;
}

} // namespace archscope
