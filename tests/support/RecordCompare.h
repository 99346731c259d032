// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Record.h"

#include <QString>

#include <cstring>
#include <random>
#include <vector>

namespace archscope::test {

// Bitwise, so that unknown (NaN) values compare equal to themselves; empty when equal, else the
// first difference.
inline QString recordDifference(const Record& a, const Record& b)
{
    if (a.hash != b.hash)
        return "hash " + QString::fromStdString(a.hash.hex()) + " vs " + QString::fromStdString(b.hash.hex());
    if (a.cell != b.cell)
        return "cell of " + QString::fromStdString(a.hash.hex());
    if (a.params != b.params)
        return "params of " + QString::fromStdString(a.hash.hex());
    for (std::size_t k = 0; k < a.budgets.size(); ++k) {
        if (a.budgets[k].count != b.budgets[k].count)
            return "run count of budget " + QString::number(k) + " of " + QString::fromStdString(a.hash.hex());
        if (std::memcmp(&a.budgets[k].runs, &b.budgets[k].runs, sizeof a.budgets[k].runs) != 0)
            return "metrics of budget " + QString::number(k) + " of " + QString::fromStdString(a.hash.hex());
    }
    return {};
}

// Sample records with every metric slot NAS-Bench-101 fills: three runs at 108 epochs, two at 4,
// one at 12 and none at 36, with some values left unknown.
inline std::vector<Record> withSyntheticRuns(std::vector<Record> records)
{
    std::mt19937 rng(101);
    std::uniform_real_distribution<float> acc(0.1f, 0.95f);
    std::uniform_real_distribution<float> seconds(10.0f, 5000.0f);
    const int runsPerBudget[kNumBudgets] = {2, 1, 0, 3};
    for (Record& r : records) {
        for (int b = 0; b < kNumBudgets; ++b) {
            BudgetRuns& runs = r.budgets[static_cast<std::size_t>(b)];
            runs = BudgetRuns{};
            runs.count = static_cast<std::uint8_t>(runsPerBudget[b]);
            const float epochs = static_cast<float>(kBudgetEpochs[b]);
            for (int k = 0; k < runs.count; ++k) {
                RunMetrics& run = runs.runs[static_cast<std::size_t>(k)];
                const float time = seconds(rng);
                run.halfway = {epochs / 2, time / 2, acc(rng), acc(rng), acc(rng)};
                run.final = {epochs, time, acc(rng), acc(rng), k == 1 ? kUnknown : acc(rng)};
            }
        }
    }
    return records;
}

} // namespace archscope::test
