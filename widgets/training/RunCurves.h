// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace archscope {

struct StepEvent;
struct EpochEvent;

// The curves of one training run as the monitor plots them; saved as JSON to compare runs later.
struct RunCurves {
    struct Step {
        double x = 0;    // fractional epoch: epoch - 1 + step / stepsPerEpoch
        double loss = 0;
    };
    struct Epoch {
        int epoch = 0;
        double trainLoss = 0, valLoss = 0, kendallTau = 0, pearson = 0, rmse = 0, seconds = 0;
        double accuracy = 0, testAccuracy = 0; // a cell's own network's (EpochEvent), NaN for a predictor's
    };

    QString name;
    std::vector<Step> steps;
    std::vector<Epoch> epochs;

    void add(const StepEvent& e);
    void add(const EpochEvent& e);
    // The x of a step event, as add() stores it.
    static double stepX(const StepEvent& e);
    // Drops the steps at or after `x` and the epochs that end after it: what a resumed run redoes.
    void dropFrom(double x);

    // One row per epoch with a header line.
    QString toCsv() const;
    // Atomic writes; false with `error` naming the file and the problem.
    bool save(const QString& path, QString* error) const;
    static std::optional<RunCurves> load(const QString& path, QString* error);
};

} // namespace archscope
