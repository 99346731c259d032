// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/LatentModel.h"
#include "model/Predictor.h"

#include <atomic>
#include <functional>

namespace archscope {

// Gradient ascent in a VS-GAE's latent space on the output of a predictor that reads that latent
// code (`archscope-cli train --model vsgae-latent`), decoding the code at every step: a search for
// well-performing cells that follows the predictor instead of sampling.
struct LatentAscentOptions {
    int steps = 100;
    // Adam's learning rate on the standardised code (z - prior mean) / prior std, so a step moves
    // each coordinate by about this many of the prior's standard deviations.
    double stepSize = 0.05;
    // Each standardised coordinate stays within +-bound: beyond the training codes' range the
    // decoder and the predictor are both extrapolating.
    double bound = 3.0;
    // Weight of the prior term: the ascent maximises score - priorWeight * |u|^2 / (2 dim), u the
    // standardised code and the score in the predictor's own (standard-normal) units. The decoder and
    // the predictor are trustworthy only where training codes lie, and without this term the path
    // leaves that cloud for corners where the predictor extrapolates (docs/BENCHMARKS.md, "Climb").
    double priorWeight = 2.0;
    std::size_t keep = 10;      // best distinct valid cells listed
};

struct LatentAscentStep {
    int step = 0;               // 0 is the start
    LatentCode code;
    double predicted = 0;       // the predictor on the code, in accuracy units
    DecodedCell decoded;        // greedy decode of the code
    // The predictor on the decoded cell itself (its own encoding), accuracy units; NaN when the
    // decode is invalid. What a user can get is a cell, so this, not `predicted`, is what a climb gained.
    double decodedPredicted = 0;
    double radius = 0;          // RMS of the standardised code: about 1 inside the prior's cloud
};

// A distinct valid cell met on the way.
struct LatentAscentFind {
    Cell cell;                  // pruned
    ModuleHash hash;
    int firstStep = 0;
    double predicted = 0;       // the predictor on the cell itself (its own encoding), accuracy units
};

struct LatentAscentResult {
    std::vector<LatentAscentStep> path;   // one entry per step taken, the start first
    std::vector<LatentAscentFind> best;   // by predicted accuracy, highest first, at most options.keep
    std::size_t distinctValid = 0;        // distinct valid cells decoded along the path
    bool cancelled = false;
    // The predictor on the start's decoded cell and on the best find; NaN when there is none.
    double startCellPredicted() const;
    double bestCellPredicted() const;
};

struct LatentAscentCallbacks {
    std::function<void(const LatentAscentStep&, int steps)> onStep; // on the calling thread
    const std::atomic<bool>* cancel = nullptr;                        // checked every step
};

// Whether `predictor` reads `model`'s latent code: a VS-GAE predictor built on this very encoder
// (checked by scoring a few cells through the codes and through the cells, which agree only then).
bool readsLatentCodeOf(const Predictor& predictor, const LatentModel& model);

// Ascends from `start`. Throws std::invalid_argument when the predictor does not read this model's
// latent code (readsLatentCodeOf), when `start` has the wrong size or the options are out of range
// (steps >= 0, step size and bound > 0, prior weight >= 0, all finite).
LatentAscentResult ascendLatent(const Predictor& predictor, const LatentModel& model, const LatentCode& start,
                                const LatentAscentOptions& options, const LatentAscentCallbacks& callbacks = {});

} // namespace archscope
