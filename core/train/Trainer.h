#pragma once

#include "data/Dataset.h"
#include "train/TrainingTypes.h"

namespace archscope {

// The defaults `archscope-cli train` and the GUI use for a field left at 0 in TrainingConfig; chosen
// by the measurements in docs/BENCHMARKS.md.
struct TrainingDefaults {
    int epochs = 50;
    int batchSize = 64;
    double learningRate = 1e-3;
    double weightDecay = 3e-3; // Adam's L2 term, as torch.optim.Adam; chosen by validation τ (docs/BENCHMARKS.md)
    int nodeDim = 250;
    int graphDim = 56;
    int ensemble = 3;
};

// Fills every defaulted field of `config` (0 or negative) with TrainingDefaults.
TrainingConfig resolvedConfig(const TrainingConfig& config);

// Trains a predictor on `data` as `config` says: split (seeded), standardised targets with the
// 4/12/36-epoch accuracies of the training cells as auxiliary outputs, Adam with cosine learning-rate
// decay, MSE plus a pairwise ranking term, the model of the best validation loss kept.
//
// Reports through `callbacks` on the calling thread and checks the cancel flag every step. Writes
// config.checkpointPath atomically after each improving epoch; a cancelled, diverged (non-finite
// loss) or failed run never overwrites the last good checkpoint. Throws std::invalid_argument for a
// bad configuration and DataError for an unusable checkpoint to resume from.
TrainingResult trainPredictor(const TrainingConfig& config, const Dataset& data, const TrainingCallbacks& callbacks);

} // namespace archscope
