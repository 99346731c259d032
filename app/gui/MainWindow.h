// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "AppSettings.h"
#include "TrainedModels.h"
#include "data/Dataset.h"
#include "editor/CellDocument.h"
#include "jobs/JobRunner.h"
#include "labelfree/LabelFreeScore.h"
#include "training/TrainingController.h"

#include <QMainWindow>
#include <QPointer>

#include <map>
#include <memory>
#include <optional>

class QDialog;
class QDockWidget;
class QLabel;
class QMenu;

namespace archscope {

class CellEditor;
class DockProportions;
class CellInfoPanel;
class DatasetBrowser;
class LatentMapWidget;
class LatentAscentPanel;
class MeasuredNetworks;
class ModelsPanel;
class PredictionService;
class TrainingMonitor;

// The path of a model file shipped with ArchScope (resources/models/<fileName>), or "" when it is not there.
QString bundledModelPath(const QString& fileName);

// The explorer's window: the cell editor, its info panel, the dataset browser, the training
// monitor and the latent map as docks, wired to one CellDocument. Slow work (loading, importing, training,
// predicting the dataset, encoding, climbing) runs on JobRunners; closing the window during any of it
// cancels it and waits for the worker threads to stop.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Below this available height (a 1024 x 700 screen) the dataset and the latent map start as tabs.
    static constexpr int kShortScreenHeight = 900;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads the bundled dataset and the bundled predictor, each in the background.
    void openDefaults();
    void openDataset(const QString& path);
    // Converts an official NAS-Bench-101 .tfrecord into a dataset cache in the background, then opens it.
    void importTfRecord(const QString& tfrecordPath, const QString& cachePath);
    // Loads a predictor in the background and lists it under Recent Models.
    void openModel(const QString& path) { loadPredictorFile(path, true); }
    // Where the predictors trained here are kept (TrainedModels); for tests, before openDefaults.
    void setTrainedModelsFolder(const QString& folder);
    // Where label-free scores are cached (ScoreCache); for tests.
    void setScoreCacheFolder(const QString& folder) { scoreCacheFolder_ = folder; }
    // Model ▸ Label-Free Score Columns (MainWindowScores.cpp): adds a column for `score` (a zero-cost proxy
    // or the bundled GHN) after the dataset's others, and its line to Cell Info for the edited cell; the
    // column's cells the cache lacks are computed on a worker of its own. A score that has a column
    // already is left as it is.
    void addLabelFreeScore(std::shared_ptr<const LabelFreeScore> score);
    // Removes the column named `name` and stops its computing; what was computed stays in the cache.
    void removeLabelFreeScore(const QString& name);
    void removeLabelFreeScores();
    // The dataset's values so far of the score named `name`; null when it has no column.
    const DatasetScores* labelFreeScores(const QString& name) const;
    const TrainedModels& trainedModels() const { return trainedModels_; }
    // Loads a VS-GAE in the background and maps the open dataset with it.
    void openLatentModel(const QString& path);
    // Starts a training run on the open dataset.
    void startTraining(const TrainingConfig& config);
    // Trains the edited cell's own network (MainWindowNetwork.cpp); a completed run's accuracy is
    // recorded in the measured networks file and shown for the cell.
    void startNetworkTraining(const NetTrainingConfig& config);
    // Sorts the dataset by 108-epoch accuracy and opens its best cell in the editor.
    void showBestCell();
    // Brings the latent map forward and, once it is drawn, shows the path from the dataset's least to
    // its most accurate cell and climbs from the first (the README's second picture).
    void showLatentDemo();
    // Grabs the window into `path` after `delayMs` and quits.
    void scheduleScreenshot(const QString& path, int delayMs);
    // What Save Cell does once its dialog has a path; false after a warning.
    bool saveCellTo(const QString& path);

Q_SIGNALS:
    void datasetLoaded();
    // The dataset's column of the score `name` is complete (or its computing stopped).
    void labelFreeColumnFinished(const QString& name);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    // Quit during a run: when it ends, stop it now keeping its model, or discard it. True to close now.
    bool askToQuitDuringRun();
    // View ▸ Reset Layout: the docks as first arranged.
    void resetLayout();
    // `remember`: list it under Recent Models (not for the kept models loaded at start).
    void loadPredictorFile(const QString& path, bool remember);
    // MainWindowActions.cpp
    void createActions();
    void createMenus();
    void updateRecentMenus();
    void openCellFile(const QString& path);
    void saveCellFile();
    void openDatasetDialog();
    void importTfRecordDialog();
    void openModelDialog();
    void openLatentModelDialog();
    void saveModelDialog();
    void exportCellImage();
    void exportNetwork();
    void showTrainDialog();
    void showTrainNetDialog();
    void showPreferences();
    void showAbout();
    void showShortcuts();
    void showGuide();
    // Confirms a written file in the status bar.
    void reportSaved(const QString& path);
    // The edited cell to the clipboard: the dataset's record format (JSON) or NAS-Bench-101's ModelSpec.
    void copyCell(bool asModelSpec);
    // Replaces the edited cell (undoably) by the clipboard's, in either format.
    void pasteCell();

    // MainWindowNetwork.cpp
    void finishNetworkTraining(const NetworkOutcome& outcome);
    // MainWindowScores.cpp
    struct LabelFreeColumn;
    void computeLabelFreeColumn(LabelFreeColumn& column);
    LabelFreeColumn* findLabelFreeColumn(const QString& name);
    void showLabelFreeScoresInInfo();
    void fillLabelFreeMenu();
    void showLabelFreeRanking();

    // Training actions are off while a run goes; Train This Cell also while the cell is invalid.
    void updateTrainActions();
    void showMeasuredInTable();

    void createDocks();
    void addPredictor(std::shared_ptr<const Predictor> predictor);
    // Predictors that may read the latent map model's code; the newest that does drives the climb.
    void offerToClimb(std::shared_ptr<const Predictor> predictor);
    // The Models panel's work on the kept models (TrainedModels).
    void refreshModelsPanel();
    void loadTrainedModel(const QString& model);
    std::shared_ptr<NamedPredictor> useTrainedModel(const QString& model, std::shared_ptr<const Predictor> predictor);
    void unloadTrainedModel(const QString& model);
    void deleteTrainedModel(const QString& model);
    void renameTrainedModel(const QString& model, const QString& name);
    // Continues a kept model's stopped run from its checkpoint; when it ends, its files are replaced.
    void resumeTrainedModel(const QString& model);
    // A run ended: keep its model (and, when it stopped before its end, its checkpoint to resume from).
    void keepTrainedModel(const TrainingOutcome& outcome);
    void removePredictor(const std::shared_ptr<const Predictor>& predictor);
    void updateClimbPredictor();
    void predictDataset(std::shared_ptr<const Predictor> predictor);
    // Model ▸ Predicted Column: one checkable entry per predictor that scores datasets.
    void fillPredictedColumnMenu();
    void setDataset(std::shared_ptr<const Dataset> dataset);
    void updateStatus();

    AppSettings settings_;
    QByteArray defaultLayout_; // the docks as first arranged, for View ▸ Reset Layout
    DockProportions* dockProportions_ = nullptr;
    TrainedModels trainedModels_;
    ModelsPanel* modelsPanel_ = nullptr;
    // The kept models now loaded, by model file, under the names the user gave them.
    std::map<QString, std::shared_ptr<NamedPredictor>> trainedLoaded_;
    std::size_t runTrainSize_ = 0;
    TrainingConfig runConfig_;  // as started, its checkpoint path included
    QString runDataset_;        // the dataset file it trains on
    QString resumingModel_;     // the kept model whose stopped run this one continues; "" for a new run
    // Quitting during a run: close once it has ended (its model kept), or drop its model.
    bool closeAfterRun_ = false;
    bool runIsNetwork_ = false; // the run trains the cell's own network, not a predictor
    bool discardRun_ = false;
    CellDocument doc_;
    PredictionService* predictions_;
    CellEditor* editor_;
    CellInfoPanel* info_;
    DatasetBrowser* browser_;
    TrainingMonitor* monitor_;
    LatentMapWidget* latent_;
    LatentAscentPanel* climb_;
    std::vector<std::shared_ptr<const Predictor>> climbCandidates_;
    TrainingController training_;
    MeasuredNetworks* measured_;
    // The newest dataset request wins; model files all load, in order.
    JobRunner datasetJob_;
#ifdef ARCHSCOPE_HAS_TFRECORD
    JobRunner importJob_;
#endif
    JobRunner modelJob_;
    // A newer predictor or dataset makes a running whole-dataset prediction stale.
    JobRunner datasetPredictionJob_;
    JobRunner exportJob_;
    // A label-free score's column: its values so far and the worker that computes them (a newer dataset
    // makes its running job stale).
    struct LabelFreeColumn {
        std::shared_ptr<const LabelFreeScore> score;
        std::optional<DatasetScores> values;
        std::unique_ptr<JobRunner> job;
    };
    std::vector<LabelFreeColumn> labelFreeColumns_; // in column order
    QString scoreCacheFolder_;
    // The predictor whose values the dataset's Predicted column shows, and whether the user chose it
    // (then a newly loaded predictor does not take the column over).
    std::shared_ptr<const Predictor> columnPredictor_;
    bool columnChosen_ = false;
    std::shared_ptr<const Dataset> dataset_;
    QString latentModelPath_; // the latent map's VS-GAE file, which the Train dialog's latent kinds read
    QDockWidget* monitorDock_ = nullptr;
    QPointer<QDialog> shortcutsDialog_;
    QPointer<QDialog> guideDialog_;
    QLabel* datasetStatus_;
    QLabel* predictorStatus_;

    QAction* trainAction_ = nullptr;
    QAction* trainNetAction_ = nullptr;
    QAction* cancelTrainingAction_ = nullptr;
    QMenu* recentDatasets_ = nullptr;
    QMenu* recentCells_ = nullptr;
    QMenu* recentModels_ = nullptr;
    QMenu* predictedColumnMenu_ = nullptr;
    QMenu* labelFreeMenu_ = nullptr;
};

} // namespace archscope
