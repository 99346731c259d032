// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "registry/Trainer.h"

#include "data/Record.h"
#include "data/Splits.h"
#include "registry/PredictorRegistry.h"

#include <cmath>
#include <stdexcept>

namespace archscope {

namespace {

void require(bool ok, const std::string& what)
{
    if (!ok)
        throw std::invalid_argument(what);
}

} // namespace

TrainingConfig resolvedConfig(const TrainingConfig& in)
{
    const TrainingConfig& d = predictorKind(in.model).defaults;
    require(in.epochs >= 0, "--epochs must be at least 1, not " + std::to_string(in.epochs));
    require(in.batchSize >= 0, "--batch must be at least 1, not " + std::to_string(in.batchSize));
    require(in.ensemble >= 0, "--ensemble must be at least 1, not " + std::to_string(in.ensemble));
    require(in.nodeDim >= 0 && in.graphDim >= 0, "--node-dim and --graph-dim must be at least 1");
    require(in.trainImages >= 0, "--train-images must be at least 1, not " + std::to_string(in.trainImages));
    require(in.patience >= 0, "--patience must be 0 (off) or more, not " + std::to_string(in.patience));
    require(in.learningRate >= 0 && std::isfinite(in.learningRate),
            "--lr must be a positive number, not " + std::to_string(in.learningRate));
    require(std::isfinite(in.weightDecay), "--weight-decay must be a number >= 0");
    require(std::isfinite(in.rankingWeight), "--ranking-weight must be a number >= 0");
    require(budgetIndex(in.budgetEpochs) >= 0,
            "--budget must be 4, 12, 36 or 108 epochs, not " + std::to_string(in.budgetEpochs));
    require(samplerFromName(in.sampler).has_value(), "--sampler must be random, even or edit, not \"" + in.sampler + "\"");
    TrainingConfig c = in;
    if (c.batchSize == 0)
        c.batchSize = d.batchSize;
    if (const auto& fit = predictorKind(in.model).fitToSize)
        fit(c);
    if (c.epochs == 0)
        c.epochs = d.epochs;
    if (c.learningRate == 0)
        c.learningRate = d.learningRate;
    if (c.weightDecay < 0)
        c.weightDecay = d.weightDecay;
    if (c.rankingWeight < 0)
        c.rankingWeight = d.rankingWeight;
    if (c.pretrainingEpochs < 0)
        c.pretrainingEpochs = d.pretrainingEpochs;
    if (c.nodeDim == 0)
        c.nodeDim = d.nodeDim;
    if (c.graphDim == 0)
        c.graphDim = d.graphDim;
    if (c.ensemble == 0)
        c.ensemble = d.ensemble;
    if (c.trainImages == 0)
        c.trainImages = d.trainImages;
    return c;
}

TrainingResult trainPredictor(const TrainingConfig& config, const Dataset& data, const TrainingCallbacks& callbacks)
{
    return predictorKind(config.model).train(resolvedConfig(config), data, callbacks);
}

} // namespace archscope
