// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"

#include <torch/torch.h>

#include <vector>

namespace archscope {

// A predictor seen as a differentiable function of a VS-GAE's latent code: what latent-space
// gradient ascent follows. Predictor::latentCodeScorer() hands one out for the kinds that read a
// latent code, so no caller needs the concrete predictor type.
class LatentCodeScorer {
public:
    virtual ~LatentCodeScorer() = default;

    virtual int latentDim() const = 0;
    // Scores of codes [B, latentDim] on the scorer's device, [B]; keeps the autograd graph.
    virtual torch::Tensor scoreCodes(const torch::Tensor& codes) const = 0;
    // The same scores for cells, through the predictor's own encoder, [B]; no gradients.
    virtual torch::Tensor scoreCells(const std::vector<Cell>& cells) const = 0;
    // A score in accuracy units, within [0, 1].
    virtual double scoreToAccuracy(double score) const = 0;
};

} // namespace archscope
