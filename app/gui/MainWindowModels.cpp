// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The Models panel: the predictors trained here and kept in the user's data folder, loaded, unloaded,
// renamed, deleted and resumed.
#include "LoadedModel.h"
#include "text/ModelNameText.h"
#include "text/StopReasonText.h"
#include "MainWindow.h"
#include "ModelsPanel.h"

#include "dataset/DatasetBrowser.h"
#include "info/PredictionService.h"
#include "registry/Trainer.h"
#include "training/TrainingMonitor.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QMessageBox>
#include <QStatusBar>

#include <algorithm>

namespace archscope {

void MainWindow::setTrainedModelsFolder(const QString& folder)
{
    trainedModels_ = TrainedModels(folder);
    refreshModelsPanel();
}

void MainWindow::refreshModelsPanel()
{
    QSet<QString> loaded;
    for (const auto& [model, predictor] : trainedLoaded_)
        loaded.insert(model);
    modelsPanel_->setEntries(trainedModels_.entries(), loaded, trainedModels_.folder());
}

void MainWindow::keepTrainedModel(const TrainingOutcome& outcome)
{
    // A stopped run keeps its best model so far, and the checkpoint it can go on from: nothing trained
    // is lost unless the user says so.
    std::optional<TrainedModels::StoppedRun> stopped;
    const QString checkpoint = QString::fromStdString(runConfig_.checkpointPath);
    if (!outcome.reachedTheEnd() && QFileInfo(checkpoint).isFile())
        stopped = TrainedModels::StoppedRun{runConfig_, checkpoint, runDataset_};
    // A resumed run's model takes the place of the stopped one, loaded copy included.
    const QString replacing = QFile::exists(resumingModel_) ? resumingModel_ : QString();
    if (!replacing.isEmpty())
        unloadTrainedModel(replacing);
    QString error;
    const QString kept = trainedModels_.save(*outcome.predictor, runTrainSize_, outcome.stopReason, monitor_->curves(),
                                             stopped, &error, replacing);
    if (kept.isEmpty())
        addPredictor(outcome.predictor);
    else
        useTrainedModel(kept, outcome.predictor);
    statusBar()->showMessage(kept.isEmpty()
                                 ? tr("Training %1; the model is among the predictors but could not be kept: %2")
                                       .arg(stopReasonText(outcome.stopReason), error)
                             : stopped ? tr("Training %1; the model is among the predictors, kept as %2; "
                                            "Resume in the Models panel continues its run")
                                             .arg(stopReasonText(outcome.stopReason), QDir::toNativeSeparators(kept))
                                       : tr("Training %1; the model is among the predictors, kept as %2")
                                             .arg(stopReasonText(outcome.stopReason), QDir::toNativeSeparators(kept)));
}

void MainWindow::resumeTrainedModel(const QString& model)
{
    const TrainedModels::Entry e = trainedModels_.entry(model);
    if (!e.stopped) {
        statusBar()->showMessage(tr("%1 has no stopped run to resume").arg(e.name));
        return;
    }
    if (training_.isRunning()) {
        statusBar()->showMessage(tr("A run is in progress: resume %1 once it has ended").arg(e.name));
        return;
    }
    // The checkpoint's split names cells by their place in the dataset it trained on.
    if (!dataset_ || QFileInfo(QString::fromStdString(dataset_->source())) != QFileInfo(e.stopped->dataset)) {
        statusBar()->showMessage(tr("%1 trained on %2: open that dataset to resume its run")
                                     .arg(e.name, QDir::toNativeSeparators(e.stopped->dataset)));
        return;
    }
    TrainingConfig config = e.stopped->config;
    config.checkpointPath = e.stopped->checkpoint.toStdString();
    config.resume = true;
    resumingModel_ = model;
    startTraining(config);
    if (!training_.isRunning())
        resumingModel_.clear();
}

std::shared_ptr<NamedPredictor> MainWindow::useTrainedModel(const QString& model, std::shared_ptr<const Predictor> predictor)
{
    // Saved with the predictor's own name, later the user's.
    const QString name = trainedModels_.entry(model).name;
    auto named = std::make_shared<NamedPredictor>(std::move(predictor), name.toStdString());
    trainedLoaded_[model] = named;
    addPredictor(named);
    refreshModelsPanel();
    return named;
}

void MainWindow::loadTrainedModel(const QString& model)
{
    if (model.isEmpty() || trainedLoaded_.count(model))
        return;
    modelJob_.run(
        this,
        [model](const JobControl&) { return loadPredictorFileNoThrow(model); },
        [this, model](const Loaded<Predictor>& loaded) {
            if (!loaded.value) {
                statusBar()->showMessage(tr("Could not open the model: %1").arg(loaded.error));
                return;
            }
            // Asked twice before the first load landed: one copy.
            if (!trainedLoaded_.count(model))
                useTrainedModel(model, loaded.value);
        });
}

void MainWindow::removePredictor(const std::shared_ptr<const Predictor>& predictor)
{
    predictions_->removePredictor(predictor);
    climbCandidates_.erase(std::remove(climbCandidates_.begin(), climbCandidates_.end(), predictor), climbCandidates_.end());
    updateClimbPredictor();
    if (columnPredictor_ != predictor)
        return;
    // The Predicted column goes to the newest predictor of datasets left, or empties.
    columnPredictor_.reset();
    columnChosen_ = false;
    const PredictorList& left = predictions_->predictors();
    const auto last = std::find_if(left.rbegin(), left.rend(), [](const auto& p) { return scoresDatasets(*p); });
    if (last != left.rend())
        predictDataset(*last);
    else
        browser_->setPredictions({}, QString());
}

void MainWindow::unloadTrainedModel(const QString& model)
{
    const auto it = trainedLoaded_.find(model);
    if (it == trainedLoaded_.end())
        return;
    const std::shared_ptr<const Predictor> predictor = it->second;
    trainedLoaded_.erase(it);
    removePredictor(predictor);
    refreshModelsPanel();
    statusBar()->showMessage(tr("Unloaded %1; its file stays in the Models panel").arg(modelNameText(predictor->name())), 5000);
}

void MainWindow::deleteTrainedModel(const QString& model)
{
    if (model.isEmpty())
        return;
    const QString name = trainedModels_.entry(model).name;
    QMessageBox box(QMessageBox::Question, tr("Delete Model"),
                    tr("Delete %1? Its model file, settings and training curves are removed from the disk.").arg(name),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("deleteModelBox"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.button(QMessageBox::Yes)->setText(tr("Delete"));
    box.button(QMessageBox::Yes)->setObjectName(QStringLiteral("confirmDeleteButton"));
    if (box.exec() != QMessageBox::Yes)
        return;
    unloadTrainedModel(model);
    QString error;
    if (!trainedModels_.remove(model, &error))
        QMessageBox::warning(this, tr("Delete Model"), tr("Could not delete the model: %1").arg(error));
    else
        statusBar()->showMessage(tr("Deleted %1").arg(name), 5000);
    refreshModelsPanel();
}

void MainWindow::renameTrainedModel(const QString& model, const QString& name)
{
    QString error;
    if (!trainedModels_.rename(model, name, &error)) {
        QMessageBox::warning(this, tr("Rename Model"), tr("Could not rename the model: %1").arg(error));
        refreshModelsPanel();
        return;
    }
    const auto it = trainedLoaded_.find(model);
    if (it != trainedLoaded_.end()) {
        it->second->setName(name.toStdString());
        predictions_->predictorRenamed();
        // The Predicted column's header names its predictor.
        if (columnPredictor_ == it->second)
            predictDataset(it->second);
    }
    refreshModelsPanel();
}

} // namespace archscope
