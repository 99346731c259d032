// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The Models panel: the predictors trained here and kept in the user's data folder, loaded, unloaded,
// renamed and deleted.
#include "LoadedModel.h"
#include "MainWindow.h"
#include "ModelsPanel.h"

#include "dataset/DatasetBrowser.h"
#include "info/PredictionService.h"
#include "registry/Trainer.h"

#include <QAbstractButton>
#include <QDir>
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
    statusBar()->showMessage(tr("Unloaded %1; its file stays in the Models panel").arg(QString::fromStdString(predictor->name())), 5000);
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
