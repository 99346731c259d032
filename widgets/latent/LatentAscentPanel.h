// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "jobs/JobRunner.h"
#include "model/LatentAscent.h"

#include <QMetaType>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace archscope {

class LatentMapWidget;

// The outcome of one ascent run; `error` is set when it could not run.
struct LatentAscentRun {
    LatentAscentResult result;
    QString error;
};

// "Climb" in the latent map's space: gradient ascent on a VS-GAE predictor (one that reads the map
// model's latent code) from the cell picked on the map, on a worker thread with progress and cancel.
// The path is drawn on the map; the best valid cells found are listed with their predicted accuracy
// and, when the dataset holds them, their true one; clicking one opens it. Destroying the panel cancels
// a run still going and waits for it: it holds the models.
class LatentAscentPanel : public QWidget {
    Q_OBJECT
public:
    explicit LatentAscentPanel(LatentMapWidget* map, QWidget* parent = nullptr);

    void setPredictor(std::shared_ptr<const Predictor> predictor);
    void setDataset(std::shared_ptr<const Dataset> dataset);
    bool isRunning() const { return job_.isBusy(); }
    void start();
    void cancel();
    const LatentAscentResult& lastResult() const { return last_; }

    QPushButton* climbButton() const { return climb_; }
    QListWidget* results() const { return results_; }

Q_SIGNALS:
    void cellPicked(const archscope::Cell& cell);
    void finished();

private:
    void updateState();
    // A new start on the map: the last climb (results, trail) belongs to the old one and goes.
    void startChanged();
    void runFinished(const LatentAscentRun& run);
    std::optional<std::size_t> climbedFrom_; // the map index the last climb started at

    LatentMapWidget* map_;
    std::shared_ptr<const Predictor> predictor_;
    std::shared_ptr<const Dataset> dataset_;
    JobRunner job_;
    LatentAscentResult last_;

    QPushButton* climb_;
    QSpinBox* steps_;
    QProgressBar* progress_;
    QToolButton* stop_;
    QLabel* message_;
    QListWidget* results_;
};

} // namespace archscope

Q_DECLARE_METATYPE(archscope::LatentAscentRun)
