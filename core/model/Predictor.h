// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"

#include <string>
#include <vector>

namespace archscope {

class LatentCodeScorer; // model/LatentCodeScorer.h (LibTorch)

// Predicted accuracies with, for models that carry a calibration, an interval around each: low and
// high are then as long as value, and empty otherwise.
struct PredictedAccuracies {
    std::vector<float> value;
    std::vector<float> low;
    std::vector<float> high;
    bool hasIntervals() const { return low.size() == value.size() && high.size() == value.size() && !value.empty(); }
};

// A trained model that maps valid, pruned cells to a predicted validation accuracy (a fraction, at
// the budget it was trained for). Implementations hide LibTorch behind this interface so that Qt code
// can hold and call predictors without including LibTorch headers.
//
// predict() is safe to call from any thread, one call at a time per predictor object; it does no
// gradient bookkeeping.
class Predictor {
public:
    virtual ~Predictor() = default;

    // A short name for menus and plot legends, e.g. "GNN (1,000 cells, seed 0)".
    virtual std::string name() const = 0;
    // The id of its kind in the registry (registry/PredictorRegistry.h), as its model file records it.
    virtual std::string kind() const = 0;
    // The NAS-Bench-101 budget (4, 12, 36 or 108 epochs) whose validation accuracy it predicts.
    virtual int budgetEpochs() const = 0;
    virtual std::vector<float> predict(const std::vector<Cell>& cells) const = 0;
    // Whether predictWithIntervals() gives intervals (the model was calibrated on cells it did not train on).
    virtual bool hasIntervals() const { return false; }
    // The predictions and, where hasIntervals(), the central `level` interval of each (0 < level < 1;
    // e.g. 0.9 holds about 90% of unseen cells' accuracies).
    virtual PredictedAccuracies predictWithIntervals(const std::vector<Cell>& cells, double level) const
    {
        (void)level;
        return {predict(cells), {}, {}};
    }
    // Writes the model file (atomically) so loadPredictor() (registry/PredictorRegistry.h) can read
    // it back.
    virtual void save(const std::string& path) const = 0;
    // For the kinds that read a VS-GAE's latent code (PredictorKind::takesLatentCode): the predictor
    // as a function of that code. Null for the others.
    virtual const LatentCodeScorer* latentCodeScorer() const { return nullptr; }
};

} // namespace archscope
