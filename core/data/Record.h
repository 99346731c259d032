// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "cell/ModuleHash.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

namespace archscope {

// NAS-Bench-101's training budgets, in epochs.
inline constexpr int kNumBudgets = 4;
inline constexpr int kBudgetEpochs[kNumBudgets] = {4, 12, 36, 108};
// Index of a budget given in epochs, or -1.
int budgetIndex(int epochs);
inline constexpr int kBudget108 = 3;

// NAS-Bench-101 trained every cell three times per budget.
inline constexpr int kMaxRuns = 3;

inline constexpr float kUnknown = std::numeric_limits<float>::quiet_NaN();

// One evaluation of one training run: training time so far (s) and the three accuracies.
struct Evaluation {
    float epoch = kUnknown;
    float trainingTime = kUnknown;
    float trainAccuracy = kUnknown;
    float validationAccuracy = kUnknown;
    float testAccuracy = kUnknown;
};

// Why an evaluation holds a value outside its domain (an epoch outside 0-108, a training time that is
// negative or infinite, an accuracy outside [0, 1]), or nullptr. NaN is "unknown" and allowed.
const char* evaluationProblem(const Evaluation& e);

// One training run at one budget: NAS-Bench-101 evaluates halfway and at the end.
struct RunMetrics {
    Evaluation halfway;
    Evaluation final;
};

// All runs of one budget (the shared JSONL sample has one, the official files three).
struct BudgetRuns {
    std::uint8_t count = 0;
    std::array<RunMetrics, kMaxRuns> runs{};
};

// One architecture of the benchmark with everything known about it.
struct Record {
    ModuleHash hash;
    Cell cell;                 // pruned, as NAS-Bench-101 stores it
    std::int64_t params = 0;   // trainable parameters of the network built from the cell
    std::array<BudgetRuns, kNumBudgets> budgets{};

    // Mean final validation accuracy over the runs of a budget; NaN when there is none.
    float validationAccuracy(int budget = kBudget108) const;
    float testAccuracy(int budget = kBudget108) const;
    float trainingTime(int budget = kBudget108) const;
    bool hasBudget(int budget) const { return budgets[static_cast<std::size_t>(budget)].count > 0; }
};

} // namespace archscope
