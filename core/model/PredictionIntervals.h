// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace archscope {

class ModelArchive;

// Prediction intervals for an ensemble, calibrated on labelled cells its members did not train on.
// The stored errors are absolute: R = |truth - prediction|. Two layouts, by where those cells came from:
// - A validation split, which no member trained on: one list, the errors of the ensemble's mean
//   prediction. The interval is split-conformal (Vovk et al.; Lei et al., JASA 2018): the mean ± the
//   ceil((1 - a)(E + 1))-th smallest of the E errors.
// - A run on exactly N labels, where each member m held out its own fifth of them: one list per member,
//   m's errors on its fifth. The interval is CV+ (Barber, Candès, Ramdas and Tibshirani, "Predictive
//   inference with the jackknife+", Ann. Statist. 2021):
//     [ the floor(a (E + 1))-th smallest of {p_m(i) - R_i},  the ceil((1 - a)(E + 1))-th smallest of {p_m(i) + R_i} ]
//   over all E errors, m(i) being the member that made error i, p_m the member's prediction for the cell.
//   It is wide where the members disagree and where they erred on cells they had not seen.
// Split-conformal covers 1 - a of new cells from the same distribution; CV+ guarantees 1 - 2a and
// is near 1 - a in practice (measured in docs/BENCHMARKS.md). With one list and one prediction, the
// two formulas are the same, which is how one walk computes both.
class PredictionIntervals {
public:
    static constexpr double kDefaultLevel = 0.9;
    // Errors per member beyond which a model file is refused as implausible.
    static constexpr std::size_t kMaxErrors = 1u << 22;

    PredictionIntervals() = default;
    // errors: one list (the ensemble mean's errors) or one per member (each member's errors on the
    // cells it held out); any order; finite, >= 0. `source` says which cells those were, for reports.
    PredictionIntervals(std::vector<std::vector<float>> errors, std::string source);

    bool empty() const { return total_ == 0; }
    std::size_t members() const { return errors_.size(); }
    std::size_t calibrationErrors() const { return total_; }
    const std::string& source() const { return source_; }

    // The interval of one cell from predictions in accuracy units: members() of them (the ensemble's
    // mean for a single list, each member's for one list per member), clamped to [0, 1]. `level` in
    // (0, 1); a level the stored errors cannot reach gives [0, 1] at that end.
    std::pair<float, float> interval(const float* memberPredictions, double level) const;

    // As tensors "calibration.errors" (all members' sorted errors, member after member) and
    // "calibration.counts" (errors per member), and the string "calibration.source".
    void writeTo(ModelArchive& archive) const;
    // None when the archive holds no calibration (model files written before intervals existed).
    // Throws DataError naming `where` when it is there but does not fit a `members`-member ensemble
    // (one list, or one per member).
    static PredictionIntervals readFrom(const ModelArchive& archive, std::size_t members, const std::string& where);

private:
    std::vector<std::vector<float>> errors_; // per member, ascending
    std::size_t total_ = 0;
    std::string source_;
};

// The level of an interval as the options give it: throws std::invalid_argument unless 0 < level < 1.
double checkedIntervalLevel(double level);

} // namespace archscope
