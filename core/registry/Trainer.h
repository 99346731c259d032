// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "train/TrainingTypes.h"

namespace archscope {

// `config` with every field left at 0 (or negative where 0 is meaningful) set to its kind's default
// (PredictorKind::defaults). Throws std::invalid_argument for an unknown kind or a value out of range.
TrainingConfig resolvedConfig(const TrainingConfig& config);

// Trains a predictor of the kind config.model names, with that kind's trainer (PredictorRegistry.h).
// Reports through `callbacks` on the calling thread and checks the cancel flag every step. Writes
// config.checkpointPath atomically after each improving epoch; a cancelled, diverged (non-finite
// loss) or failed run never overwrites the last good checkpoint. Throws std::invalid_argument for a
// bad configuration and DataError for an unusable checkpoint to resume from.
TrainingResult trainPredictor(const TrainingConfig& config, const Dataset& data, const TrainingCallbacks& callbacks);

} // namespace archscope
