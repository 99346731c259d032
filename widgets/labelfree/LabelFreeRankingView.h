// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "labelfree/LabelFreeScore.h"

#include <QWidget>

class QCustomPlot;
class QLabel;

namespace archscope {

// How well a label-free score ranks the dataset's cells: each scored cell's score against its
// benchmark accuracy at 108 epochs, with the score's Kendall τ and Spearman ρ over those cells and,
// beside them, the parameter count's on the same cells (the baseline every label-free score must beat).
class LabelFreeRankingView : public QWidget {
    Q_OBJECT
public:
    explicit LabelFreeRankingView(QWidget* parent = nullptr);

    void setScores(const Dataset& dataset, const DatasetScores& scores);
    double kendallTau() const { return tau_; }
    double parameterCountTau() const { return paramsTau_; }
    int cellCount() const { return cells_; }

private:
    QCustomPlot* plot_;
    QLabel* summary_;
    double tau_ = 0;
    double paramsTau_ = 0;
    int cells_ = 0;
};

} // namespace archscope
