// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "info/PredictionService.h"
#include "jobs/JobRunner.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QTableWidget;
class QToolButton;

namespace archscope {

class CellDocument;
class LabelFreeScore;
class MeasuredNetworks;
class PredictionService;
struct PredictionBatch;

// Everything known about the cell being edited: validity, pruned form, NAS-Bench-101 hash, parameter
// count, the benchmark's accuracies when the dataset has the cell, the accuracy measured by training its
// own network here (MeasuredNetworks) and each predictor's estimate
// (computed off the GUI thread; the panel shows "…" until it arrives).
class CellInfoPanel : public QWidget {
    Q_OBJECT
public:
    CellInfoPanel(CellDocument* doc, PredictionService* predictions, QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> dataset);
    // The accuracies measured by training cells' own networks; the panel follows its changes.
    void setMeasured(const MeasuredNetworks* measured);
    // The label-free scores shown for the edited cell, a line each (computed on a worker, the next edit
    // cancelling it), each with its percentile among the dataset's cells that have it. A score shown
    // before keeps its value and distribution; an empty list clears the row.
    void setLabelFreeScores(const std::vector<std::shared_ptr<const LabelFreeScore>>& scores);
    // New values of the dataset's cells for the score named `name`, as its column fills: the shown
    // cell's percentile moves with them, and its score is not computed again.
    void setLabelFreeDistribution(const QString& name, std::vector<double> datasetValues);
    // Edit-to-shown time of the last prediction, in ms (-1 before the first).
    double lastPredictionLatencyMs() const { return lastLatencyMs_; }

Q_SIGNALS:
    // Emitted once the predictions for the current cell are on screen.
    void predictionShown(double latencyMs);

private:
    void refresh();
    void showPredictions(const PredictionBatch& batch);
    void rebuildPredictionRows();
    void fitPredictionTable();
    void showMeasured();
    // Computes the scores the edited cell lacks; `pruned` null: the cell has none.
    void computeLabelFreeScores(const std::optional<Cell>& pruned);
    void showLabelFreeScores();
    // A new cell: its scores are still to come.
    void forgetLabelFreeValues();

    CellDocument* doc_;
    PredictionService* predictions_;
    std::shared_ptr<const Dataset> dataset_;
    const MeasuredNetworks* measured_ = nullptr;
    PredictorList rowPredictors_; // the predictors the table's rows are for
    quint64 waitingFor_ = 0;
    QElapsedTimer sinceEdit_;
    double lastLatencyMs_ = -1;

    QLabel* validity_;
    QLabel* ops_;
    QLabel* adjacency_;
    QLabel* hash_;
    QToolButton* copyHash_;
    QLabel* params_;
    QLabel* accuracy_[4];
    QLabel* measuredLabel_;
    QLabel* labelFree_;
    struct LabelFreeRow {
        std::shared_ptr<const LabelFreeScore> score;
        std::vector<double> datasetValues; // sorted
        std::optional<double> value;       // the edited cell's, once computed
        QString error;                     // why the edited cell has none
    };
    std::vector<LabelFreeRow> labelFreeRows_;
    bool labelFreeApplies_ = false; // the edited cell is valid: it has scores
    JobRunner labelFreeJob_;
    QTableWidget* predictionTable_;
    QLabel* latency_;
};

} // namespace archscope
