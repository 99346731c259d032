// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "data/Record.h"

namespace archscope {

namespace {

template <typename Field>
float meanOverRuns(const BudgetRuns& b, Field field)
{
    double sum = 0;
    int n = 0;
    for (int i = 0; i < b.count; ++i) {
        const float v = field(b.runs[static_cast<std::size_t>(i)].final);
        if (!std::isnan(v)) {
            sum += v;
            ++n;
        }
    }
    return n ? static_cast<float>(sum / n) : kUnknown;
}

} // namespace

int budgetIndex(int epochs)
{
    for (int i = 0; i < kNumBudgets; ++i)
        if (kBudgetEpochs[i] == epochs)
            return i;
    return -1;
}

const char* evaluationProblem(const Evaluation& e)
{
    const auto outside = [](float v, float lo, float hi) { return !std::isnan(v) && !(v >= lo && v <= hi); };
    if (outside(e.epoch, 0, static_cast<float>(kBudgetEpochs[kBudget108])))
        return "an epoch outside 0 to 108";
    if (outside(e.trainingTime, 0, std::numeric_limits<float>::max()))
        return "a training time that is negative or infinite";
    if (outside(e.trainAccuracy, 0, 1) || outside(e.validationAccuracy, 0, 1) || outside(e.testAccuracy, 0, 1))
        return "an accuracy outside 0 to 1";
    return nullptr;
}

float Record::validationAccuracy(int budget) const
{
    return meanOverRuns(budgets[static_cast<std::size_t>(budget)], [](const Evaluation& e) { return e.validationAccuracy; });
}

float Record::testAccuracy(int budget) const
{
    return meanOverRuns(budgets[static_cast<std::size_t>(budget)], [](const Evaluation& e) { return e.testAccuracy; });
}

float Record::trainingTime(int budget) const
{
    return meanOverRuns(budgets[static_cast<std::size_t>(budget)], [](const Evaluation& e) { return e.trainingTime; });
}

} // namespace archscope
