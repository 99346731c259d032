// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Model ▸ Train This Cell: the edited cell's own network trained on an image task, its accuracy
// recorded in the measured networks file and shown in the cell info and the dataset table.
#include "MainWindow.h"
#include "text/StopReasonText.h"
#include "ModelsPanel.h"

#include "ExportNetworkDialog.h"
#include "TrainNetDialog.h"
#include "cell/ModuleHash.h"
#include "dataset/DatasetBrowser.h"
#include "dataset/DatasetTableModel.h"
#include "files/FileDialogs.h"
#include "info/MeasuredNetworks.h"
#include "training/TrainingMonitor.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QMessageBox>
#include <QLocale>
#include <QStatusBar>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <map>

namespace archscope {

void MainWindow::showTrainNetDialog()
{
    TrainNetDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        startNetworkTraining(dialog.config());
}

void MainWindow::startNetworkTraining(const NetTrainingConfig& requested)
{
    const Cell cell = doc_.cell();
    const std::optional<Cell> pruned = validateCell(cell).ok() ? pruneCell(cell) : std::nullopt;
    if (!pruned) {
        statusBar()->showMessage(tr("Only a valid cell has a network to train"));
        return;
    }
    NetTrainingConfig config = requested;
    // The trained network is kept, for File ▸ Export Network; a stopped run keeps its last epoch.
    config.checkpointPath = measured_->newCheckpointPath(moduleHash(*pruned)).toStdString();
    // One core stays with the GUI thread so that plots and editing stay fluid during the run.
    config.threads = std::max(1, QThread::idealThreadCount() - 1);
    if (!training_.startNetwork(cell, config))
        return;
    runIsNetwork_ = true;
    monitorDock_->show();
    monitorDock_->raise();
    updateTrainActions();
    cancelTrainingAction_->setEnabled(true);
    const QLocale locale;
    // The images it trains on are counted when the run starts (MainWindow's started handler).
    monitor_->startRun(tr("cell %1 on %2, stem %3, %4 × %5")
                           .arg(QString::fromStdString(moduleHash(*pruned).hex()).left(8),
                                QString::fromStdString(config.task), locale.toString(config.network.stemChannels),
                                locale.toString(config.network.numStacks),
                                locale.toString(config.network.cellsPerStack)),
                       config.epochs, TrainingMonitor::RunKind::Network);
}

void MainWindow::finishNetworkTraining(const NetworkOutcome& outcome)
{
    // Asked to quit when the run ends (or once stopped): after this is reported.
    if (closeAfterRun_)
        QTimer::singleShot(0, this, &QWidget::close);
    updateTrainActions();
    cancelTrainingAction_->setEnabled(false);
    monitor_->finishRun(outcome.error.isEmpty() ? stopReasonText(outcome.stopReason) : outcome.error,
                        outcome.reachedTheEnd());
    if (!outcome.error.isEmpty()) {
        statusBar()->showMessage(tr("Training the cell's network failed: %1").arg(outcome.error));
        return;
    }
    // A cancelled or diverged run's last epoch is not the accuracy the settings ask for: nothing is kept.
    if (outcome.stopReason != QLatin1String("completed") || outcome.json.empty()) {
        statusBar()->showMessage(tr("Training the cell's network %1; nothing was recorded").arg(stopReasonText(outcome.stopReason)));
        return;
    }
    QString error;
    if (!measured_->append(QString::fromStdString(outcome.json), &error)) {
        statusBar()->showMessage(tr("Could not record the measured accuracy: %1").arg(error));
        return;
    }
    const QLocale locale;
    statusBar()->showMessage(tr("The cell's network reached %1 % test accuracy; recorded in %2")
                                 .arg(locale.toString(100.0 * outcome.testAccuracy, 'f', 2), measured_->path()));
}

void MainWindow::exportNetwork()
{
    const Cell cell = doc_.cell();
    if (!validateCell(cell).ok()) {
        statusBar()->showMessage(tr("Only a valid cell has a network to export"));
        return;
    }
    ExportNetworkDialog dialog(cell, measured_->checkpointsOf(moduleHash(canonicalCell(cell))), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const NetworkExportRequest request = dialog.request();
    const QString path = QFile::decodeName(request.outPath.c_str());
    rememberDialogDir(QStringLiteral("networks"), path);
    statusBar()->showMessage(tr("Exporting the network to %1…").arg(path));
    struct Outcome {
        QString error;
        qint64 parameters = 0;
    };
    // NAS-Bench-101's networks have up to 50 million weights: written on a worker, never on the GUI thread.
    exportJob_.run(
        this,
        [request](const JobControl&) {
            Outcome o;
            try {
                o.parameters = writeCellNetwork(request).parameters;
            } catch (const std::exception& e) {
                o.error = QString::fromStdString(e.what());
            }
            return o;
        },
        [this, path](const Outcome& o) {
            if (!o.error.isEmpty()) {
                statusBar()->clearMessage();
                QMessageBox::warning(this, tr("Export Network"), tr("Could not export the network: %1").arg(o.error));
                return;
            }
            statusBar()->showMessage(tr("Exported the network (%1 trainable parameters) to %2")
                                         .arg(QLocale().toString(o.parameters), path));
        });
}

void MainWindow::updateTrainActions()
{
    const bool idle = !training_.isRunning();
    trainAction_->setEnabled(idle);
    trainNetAction_->setEnabled(idle && validateCell(doc_.cell()).ok());
    if (modelsPanel_)
        modelsPanel_->setTraining(!idle);
}

void MainWindow::showMeasuredInTable()
{
    std::map<ModuleHash, float> testAccuracy;
    for (const auto& [hash, m] : measured_->all())
        testAccuracy[hash] = float(m.testAccuracy);
    browser_->tableModel()->setMeasured(testAccuracy);
}

} // namespace archscope
