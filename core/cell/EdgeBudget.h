// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"

#include <vector>

namespace archscope {

// The most likely cell within NAS-Bench-101's edge limit, for a generator that scores its edges but
// does not know the limit (the VS-GAE decoder is never trained on it). While the pruned cell has more
// than `maxEdges` edges, drops the lowest-scoring edge whose removal keeps the output reachable from
// the input; edges of pruned-away vertices do not count and are left as they are. A cell that is
// already within the limit, or whose output is unreachable, is returned unchanged.
//
// `score` holds one value per vertex pair, row-major (score[from * n + to]), higher meaning more
// likely; throws std::invalid_argument when it does not have n * n entries.
Cell withinEdgeBudget(const Cell& cell, const std::vector<float>& score, int maxEdges = kMaxEdges);

} // namespace archscope
