// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "network/NetworkTraining.h"

#include <cstddef>
#include <string>
#include <vector>

namespace archscope::cli {

// Where the ranking commands (eval-ghn, eval-sgd, eval-steps, eval-zc) take their cells and the truth
// they are ranked against: --data, --truth, --limit, --top.
struct TruthSource {
    std::string data;
    std::string truth;
    std::size_t limit = 0;
    std::size_t top = 0;
};

// Cells and their ground truth: a train-net results file (validation accuracy of each line, and each
// line itself in `results` when asked), or the 108-epoch validation accuracy of the first `limit`
// records of a dataset; with `top`, only the cells of highest truth among those. `params`, when
// asked, gets the parameter count of the network whose accuracy is the truth: the trained network's
// for train-net results, NAS-Bench-101's full-size network's for a dataset.
void readTruth(const TruthSource& opt, std::vector<Cell>& cells, std::vector<double>& truth,
               std::vector<NetTrainingRecord>* results = nullptr, std::vector<double>* params = nullptr);

} // namespace archscope::cli
