// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "training/RunCurves.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QCPTextElement;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;

namespace archscope {

struct StepEvent;
struct EpochEvent;

// Live view of a training run. A predictor's: loss per step and per epoch, predicted vs true accuracy
// on the validation split with the epoch's Kendall tau, Pearson r and RMSE, and tau over the epochs.
// A cell's own network's: loss per step and per epoch, and validation and test accuracy over the epochs.
// A saved run can be overlaid for comparison. It only displays; TrainingController runs the work.
class TrainingMonitor : public QWidget {
    Q_OBJECT
public:
    explicit TrainingMonitor(QWidget* parent = nullptr);

    // What a run trains decides the plots beside the losses and what the throughput counts.
    enum class RunKind { Predictor, Network };
    void startRun(const QString& name, int epochs, RunKind kind = RunKind::Predictor);
    void addStep(const StepEvent& e);
    void addEpoch(const EpochEvent& e);
    void setDevice(const QString& device);
    // What the run is doing before its first step (e.g. the GNN's label-free pre-training), shown in the
    // progress bar until the first step replaces it.
    void showPreparation(const QString& line);
    // `reachedTheEnd`: the run completed or stopped early by its own rule, so the bar fills.
    void finishRun(const QString& reason, bool reachedTheEnd);
    // Shows a finished run's saved curves (the newest kept run, at start), so that the monitor a
    // restored layout brings back is not empty; the next run replaces them.
    void showFinishedRun(const RunCurves& run);
    // Starts a run that continues `before` (a resumed run): its curves are drawn, and the new epochs
    // are added after them.
    void continueRun(const RunCurves& before, int epochs);

    const RunCurves& curves() const { return run_; }
    bool hasOverlay() const { return overlay_.has_value(); }
    QCustomPlot* lossPlot() const { return loss_; }
    QCustomPlot* scatterPlot() const { return scatter_; }
    QCustomPlot* tauPlot() const { return tau_; }
    QCustomPlot* accuracyPlot() const { return accuracy_; }

    // File operations; each returns false with `error` set.
    bool exportPlots(const QString& path, QString* error) const;
    bool exportCsv(const QString& path, QString* error) const;
    bool saveRun(const QString& path, QString* error) const;
    bool loadOverlay(const QString& path, QString* error);

    // What each file button does once its dialog has a path: the operation, then a warning on failure
    // or, for a save, fileSaved.
    enum class FileAction { ExportPlots, ExportCsv, SaveRun, OverlayRun };
    bool runFileAction(FileAction action, const QString& path);

Q_SIGNALS:
    void cancelRequested();
    // A file was written at `path` (for the window's status bar).
    void fileSaved(const QString& path);

private:
    void setLogScale(bool on);
    // Marks plots for a redraw at the next frame (at most ~25 per second, however fast events come).
    void replotSoon();
    void showEta(double fractionDone);
    void showOverlay();
    // Draws `run`'s curves into the emptied plots and makes them the run's.
    void plotRun(const RunCurves& run);
    void chooseFileFor(FileAction action);

    double etaBase_ = -1; // the fraction done at the clock's start (showEta)
    RunCurves run_;
    std::optional<RunCurves> overlay_;
    int epochs_ = 0;
    RunKind kind_ = RunKind::Predictor;
    QElapsedTimer clock_;
    QTimer replot_;

    QCustomPlot* loss_;
    QCustomPlot* scatter_;
    QCustomPlot* tau_;
    QCustomPlot* accuracy_;
    QCPTextElement* scatterTitle_ = nullptr;
    QCheckBox* logScale_;
    QProgressBar* progress_;
    QLabel* eta_;
    QLabel* device_;
    QLabel* throughput_;
    QLabel* overlayName_;
    QPushButton* cancel_;
};

} // namespace archscope
