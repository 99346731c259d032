// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The main window's actions, menus and the file dialogs behind them.
#include "MainWindow.h"
#include "text/ModelNameText.h"

#include "HelpDialogs.h"
#include "PreferencesDialog.h"
#include "TrainDialog.h"
#include "cell/ModuleHash.h"
#include "cell/NetworkParams.h"
#include "data/CellText.h"
#include "data/JsonlFormat.h"
#include "editor/CellEditor.h"
#include "editor/CellView.h"
#include "files/FileDialogs.h"
#include "files/SaveFile.h"
#include "util/Errors.h"
#include "info/PredictionService.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

namespace archscope {
namespace {

QAction* makeAction(QObject* parent, const QString& text, const QString& name, const QKeySequence& key = {})
{
    auto* a = new QAction(text, parent);
    a->setObjectName(name);
    a->setShortcut(key);
    return a;
}

} // namespace

void MainWindow::createActions()
{
    // Everything is built in createMenus; the actions that change state later are kept as members.
    trainAction_ = makeAction(this, tr("&Train Predictor…"), QStringLiteral("trainAction"), QKeySequence(tr("Ctrl+T")));
    connect(trainAction_, &QAction::triggered, this, &MainWindow::showTrainDialog);
    trainNetAction_ = makeAction(this, tr("Train T&his Cell…"), QStringLiteral("trainNetAction"),
                                 QKeySequence(tr("Ctrl+Shift+T")));
    trainNetAction_->setToolTip(tr("Train the edited cell's own network on Fashion-MNIST or CIFAR-10 and "
                                   "record its accuracy"));
    connect(trainNetAction_, &QAction::triggered, this, &MainWindow::showTrainNetDialog);
    cancelTrainingAction_ = makeAction(this, tr("&Cancel Training"), QStringLiteral("cancelTrainingAction"));
    cancelTrainingAction_->setEnabled(false);
    connect(cancelTrainingAction_, &QAction::triggered, &training_, &TrainingController::cancel);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openDataset = file->addAction(tr("Open &Dataset…"), this, &MainWindow::openDatasetDialog);
    openDataset->setObjectName(QStringLiteral("openDatasetAction"));
    openDataset->setShortcut(QKeySequence::Open);
    recentDatasets_ = file->addMenu(tr("Recent Datasets"));
    QAction* import = file->addAction(tr("&Import NAS-Bench-101 tfrecord…"));
    import->setObjectName(QStringLiteral("importTfrecordAction"));
#ifdef ARCHSCOPE_HAS_TFRECORD
    connect(import, &QAction::triggered, this, &MainWindow::importTfRecordDialog);
#else
    import->setEnabled(false);
    import->setToolTip(tr("The tfrecord importer is not part of this build"));
#endif
    file->addSeparator();
    QAction* openCell = file->addAction(tr("Open &Cell…"), this, [this] {
        const QString path = askOpenFileName(this, tr("Open Cell"), QStringLiteral("cells"), tr("Cell files (*.json)"));
        if (!path.isEmpty())
            openCellFile(path);
    });
    openCell->setObjectName(QStringLiteral("openCellAction"));
    openCell->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    recentCells_ = file->addMenu(tr("Recent Cells"));
    QAction* saveCell = file->addAction(tr("&Save Cell…"), this, &MainWindow::saveCellFile);
    saveCell->setObjectName(QStringLiteral("saveCellAction"));
    saveCell->setShortcut(QKeySequence::Save);
    QAction* exportImage = file->addAction(tr("&Export Cell Image…"), this, &MainWindow::exportCellImage);
    exportImage->setObjectName(QStringLiteral("exportImageAction"));
    exportImage->setShortcut(QKeySequence(tr("Ctrl+E")));
    QAction* exportNet = file->addAction(tr("Export &Network…"), this, &MainWindow::exportNetwork);
    exportNet->setObjectName(QStringLiteral("exportNetworkAction"));
    exportNet->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    exportNet->setStatusTip(tr("The edited cell's network as an ONNX model or a PyTorch script"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    // QUndoStack's own actions glue a prefix to the command's name ("Rückgängig Aus dem latenten Raum
    // dekodieren"); these put it into a whole sentence that each language words its own way.
    QUndoStack* stack = doc_.undoStack();
    QAction* undo = makeAction(this, tr("&Undo"), QStringLiteral("undoAction"), QKeySequence::Undo);
    undo->setIconText(tr("Undo"));
    undo->setEnabled(stack->canUndo());
    connect(undo, &QAction::triggered, stack, &QUndoStack::undo);
    connect(stack, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    connect(stack, &QUndoStack::undoTextChanged, undo, [undo](const QString& command) {
        undo->setText(command.isEmpty() ? tr("&Undo") : tr("&Undo: %1").arg(command));
    });
    QAction* redo = makeAction(this, tr("&Redo"), QStringLiteral("redoAction"));
    redo->setIconText(tr("Redo"));
    redo->setEnabled(stack->canRedo());
    connect(redo, &QAction::triggered, stack, &QUndoStack::redo);
    connect(stack, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    connect(stack, &QUndoStack::redoTextChanged, redo, [redo](const QString& command) {
        redo->setText(command.isEmpty() ? tr("&Redo") : tr("&Redo: %1").arg(command));
    });
    // The platform's redo keys (Ctrl+Shift+Z here) and Ctrl+Y, which users of other platforms reach for.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y)))
        redoKeys.append(QKeySequence(Qt::CTRL | Qt::Key_Y));
    redo->setShortcuts(redoKeys);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(editor_->view()->addVertexAction());
    edit->addAction(editor_->view()->removeAction());
    edit->addActions(editor_->view()->opActions());
    edit->addActions(editor_->view()->keyboardActions());
    edit->addSeparator();
    QAction* copyJson = edit->addAction(tr("&Copy Cell"), this, [this] { copyCell(false); });
    copyJson->setObjectName(QStringLiteral("copyCellAction"));
    copyJson->setShortcut(QKeySequence::Copy);
    copyJson->setStatusTip(tr("Copy the cell as a JSON record of the dataset's format"));
    QAction* copySpec = edit->addAction(tr("Copy Cell as &ModelSpec"), this, [this] { copyCell(true); });
    copySpec->setObjectName(QStringLiteral("copyModelSpecAction"));
    copySpec->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    copySpec->setStatusTip(tr("Copy the cell as NAS-Bench-101's ModelSpec(matrix=…, ops=…), for its Python API"));
    QAction* paste = edit->addAction(tr("&Paste Cell"), this, &MainWindow::pasteCell);
    paste->setObjectName(QStringLiteral("pasteCellAction"));
    paste->setShortcut(QKeySequence::Paste);
    paste->setStatusTip(tr("Replace the cell by one copied as JSON or as a ModelSpec"));
    edit->addSeparator();
    QAction* newCell = edit->addAction(tr("&New Cell"), this,
                                       [this] { doc_.replace(CellDocument::starterCell(), tr("New cell")); });
    newCell->setObjectName(QStringLiteral("newCellAction"));
    newCell->setShortcut(QKeySequence::New);
    edit->addAction(tr("Open &Best Cell in Dataset"), this, &MainWindow::showBestCell)
        ->setObjectName(QStringLiteral("bestCellAction"));
    QAction* prefs = edit->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    prefs->setObjectName(QStringLiteral("preferencesAction"));
    prefs->setShortcut(QKeySequence::Preferences);

    QMenu* model = menuBar()->addMenu(tr("&Model"));
    QAction* openModel = model->addAction(tr("&Open Model…"), this, &MainWindow::openModelDialog);
    openModel->setObjectName(QStringLiteral("openModelAction"));
    openModel->setShortcut(QKeySequence(tr("Ctrl+M")));
    QAction* openLatent = model->addAction(tr("Open &VS-GAE Model…"), this, &MainWindow::openLatentModelDialog);
    openLatent->setObjectName(QStringLiteral("openLatentModelAction"));
    recentModels_ = model->addMenu(tr("Recent Models"));
    predictedColumnMenu_ = model->addMenu(tr("Predicted &Column"));
    predictedColumnMenu_->setObjectName(QStringLiteral("predictedColumnMenu"));
    predictedColumnMenu_->setToolTipsVisible(true);
    connect(predictedColumnMenu_, &QMenu::aboutToShow, this, &MainWindow::fillPredictedColumnMenu);
    labelFreeMenu_ = model->addMenu(tr("&Label-Free Score Columns"));
    labelFreeMenu_->setObjectName(QStringLiteral("labelFreeMenu"));
    labelFreeMenu_->setToolTipsVisible(true);
    connect(labelFreeMenu_, &QMenu::aboutToShow, this, &MainWindow::fillLabelFreeMenu);
    fillLabelFreeMenu();
    QAction* ranking = model->addAction(tr("Label-Free &Ranking…"), this, &MainWindow::showLabelFreeRanking);
    ranking->setObjectName(QStringLiteral("labelFreeRankingAction"));
    ranking->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    QAction* saveModel = model->addAction(tr("&Save Model…"), this, &MainWindow::saveModelDialog);
    saveModel->setObjectName(QStringLiteral("saveModelAction"));
    model->addSeparator();
    model->addAction(trainAction_);
    model->addAction(trainNetAction_);
    model->addAction(cancelTrainingAction_);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* d : findChildren<QDockWidget*>())
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    QAction* resetLayout = view->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
    resetLayout->setObjectName(QStringLiteral("resetLayoutAction"));
    resetLayout->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    resetLayout->setStatusTip(tr("Put every panel back where it was at first start"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* guide = help->addAction(tr("&Guide"), this, &MainWindow::showGuide);
    guide->setObjectName(QStringLiteral("guideAction"));
    guide->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts)
        ->setObjectName(QStringLiteral("shortcutsAction"));
    help->addSeparator();
    help->addAction(tr("&About ArchScope"), this, &MainWindow::showAbout)->setObjectName(QStringLiteral("aboutAction"));

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->addAction(openDataset);
    tools->addAction(openCell);
    tools->addAction(saveCell);
    tools->addSeparator();
    tools->addAction(undo);
    tools->addAction(redo);
    tools->addAction(editor_->view()->addVertexAction());
    tools->addAction(editor_->view()->removeAction());
    tools->addSeparator();
    tools->addAction(openModel);
    tools->addAction(trainAction_);
    tools->addAction(cancelTrainingAction_);
}

void MainWindow::updateRecentMenus()
{
    const auto fill = [this](QMenu* menu, const QString& kind, auto open) {
        menu->clear();
        const QStringList files = settings_.recentFiles(kind);
        for (const QString& path : files)
            menu->addAction(QFileInfo(path).fileName(), this, [this, path, open] { (this->*open)(path); })
                ->setToolTip(path);
        menu->setEnabled(!files.isEmpty());
    };
    fill(recentDatasets_, QStringLiteral("datasets"), &MainWindow::openDataset);
    fill(recentCells_, QStringLiteral("cells"), &MainWindow::openCellFile);
    fill(recentModels_, QStringLiteral("models"), &MainWindow::openModel);
}

void MainWindow::openCellFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Open Cell"), tr("%1: %2").arg(path, file.errorString()));
        return;
    }
    try {
        const Cell cell = cellFromJson(file.readAll().toStdString(), path.toStdString());
        doc_.replace(cell, tr("Open %1").arg(QFileInfo(path).fileName()));
        settings_.addRecentFile(QStringLiteral("cells"), path);
        updateRecentMenus();
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Open Cell"), QString::fromStdString(e.what()));
    }
}

void MainWindow::saveCellFile()
{
    const QString path = askSaveFileName(this, tr("Save Cell"), QStringLiteral("cells"), tr("Cell files (*.json)"));
    if (!path.isEmpty())
        saveCellTo(path);
}

bool MainWindow::saveCellTo(const QString& path)
{
    QString error;
    if (!saveFile(path, QByteArray::fromStdString(cellToJson(doc_.cell())) + '\n', &error)) {
        QMessageBox::warning(this, tr("Save Cell"), error);
        return false;
    }
    settings_.addRecentFile(QStringLiteral("cells"), path);
    updateRecentMenus();
    reportSaved(path);
    return true;
}

void MainWindow::copyCell(bool asModelSpec)
{
    const Cell& cell = doc_.cell();
    const std::optional<Cell> pruned = validateCell(cell).ok() ? pruneCell(cell) : std::nullopt;
    std::string text;
    if (asModelSpec) {
        text = cellToModelSpec(pruned ? *pruned : cell);
    } else if (!pruned) {
        // An invalid cell has no hash or parameter count: its ops and matrix only.
        text = cellToJson(cell);
    } else {
        const ModuleHash hash = moduleHash(*pruned);
        const Record* known = dataset_ ? dataset_->find(hash) : nullptr;
        Record record;
        if (known) {
            record = *known;
        } else {
            record.hash = hash;
            record.cell = *pruned;
            record.params = networkParameterCount(*pruned);
        }
        text = recordToJsonLine(record);
    }
    QApplication::clipboard()->setText(QString::fromStdString(text));
    statusBar()->showMessage(asModelSpec ? tr("Copied the cell as a ModelSpec") : tr("Copied the cell as JSON"), 5000);
}

void MainWindow::pasteCell()
{
    const QString text = QApplication::clipboard()->text();
    try {
        doc_.replace(cellFromText(text.toStdString(), tr("clipboard").toStdString()), tr("Paste cell"));
        statusBar()->showMessage(tr("Pasted the cell"), 5000);
    } catch (const DataError& e) {
        statusBar()->showMessage(tr("Cannot paste: %1").arg(QString::fromStdString(e.what())), 15000);
    }
}

void MainWindow::reportSaved(const QString& path)
{
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::importTfRecordDialog()
{
    const QString tfrecord = askOpenFileName(this, tr("Import NAS-Bench-101 tfrecord"), QStringLiteral("tfrecords"),
                                             tr("NAS-Bench-101 records (*.tfrecord);;All files (*)"));
    if (tfrecord.isEmpty())
        return;
    const QFileInfo info(tfrecord);
    // The cache goes beside its source unless the user says otherwise.
    const QString cache = askSaveFileName(this, tr("Save the Imported Dataset"), QStringLiteral("datasets"),
                                          tr("ArchScope dataset caches (*.nb101cache)"),
                                          info.dir().filePath(info.completeBaseName() + QStringLiteral(".nb101cache")));
    if (!cache.isEmpty())
        importTfRecord(tfrecord, cache);
}

void MainWindow::openDatasetDialog()
{
    const QString path = askOpenFileName(this, tr("Open Dataset"), QStringLiteral("datasets"),
                                         tr("NAS-Bench-101 data (*.jsonl *.jsonl.gz *.nb101cache);;All files (*)"));
    if (!path.isEmpty())
        openDataset(path);
}

void MainWindow::openModelDialog()
{
    const QString path = askOpenFileName(this, tr("Open Model"), QStringLiteral("models"), tr("ArchScope models (*.safetensors)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::openLatentModelDialog()
{
    const QString path = askOpenFileName(this, tr("Open VS-GAE Model"), QStringLiteral("models"),
                                         tr("ArchScope models (*.safetensors)"));
    if (!path.isEmpty())
        openLatentModel(path);
}

void MainWindow::saveModelDialog()
{
    const PredictorList& list = predictions_->predictors();
    if (list.empty()) {
        statusBar()->showMessage(tr("No model to save: open or train one first"), 5000);
        return;
    }
    int index = int(list.size()) - 1;
    if (list.size() > 1) {
        QStringList names;
        for (const auto& p : list)
            names << modelNameText(p->name());
        bool ok = false;
        const QString chosen = QInputDialog::getItem(this, tr("Save Model"), tr("Model:"), names, index, false, &ok);
        if (!ok)
            return;
        index = int(names.indexOf(chosen));
    }
    const QString path = askSaveFileName(this, tr("Save Model"), QStringLiteral("models"), tr("ArchScope models (*.safetensors)"));
    if (path.isEmpty())
        return;
    try {
        list[std::size_t(index)]->save(path.toStdString());
        settings_.addRecentFile(QStringLiteral("models"), path);
        updateRecentMenus();
        reportSaved(path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Save Model"), QString::fromStdString(e.what()));
    }
}

void MainWindow::exportCellImage()
{
    const QString path = askSaveFileName(this, tr("Export Cell Image"), QStringLiteral("cellImages"),
                                         tr("SVG images (*.svg);;PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!editor_->view()->exportImage(path, &error))
        QMessageBox::warning(this, tr("Export Cell Image"), error);
    else
        reportSaved(path);
}

void MainWindow::showTrainDialog()
{
    TrainDialog dialog(latentModelPath_, this);
    if (dialog.exec() == QDialog::Accepted)
        startTraining(dialog.config());
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(settings_, this);
    dialog.exec();
}

void MainWindow::showShortcuts()
{
    // Built when first asked for, when every action of the window exists; kept open beside the work.
    if (!shortcutsDialog_)
        shortcutsDialog_ = new ShortcutsDialog(findChildren<QAction*>(), this);
    shortcutsDialog_->show();
    shortcutsDialog_->raise();
}

void MainWindow::showGuide()
{
    if (!guideDialog_)
        guideDialog_ = new GuideDialog(this);
    guideDialog_->show();
    guideDialog_->raise();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About ArchScope"),
                       tr("<p><b>ArchScope %1</b></p><p>An explorer for the NAS-Bench-101 search space: edit a cell "
                          "and see its predicted accuracy, browse the benchmark, train accuracy predictors.</p>"
                          "<p>NAS-Bench-101 by Ying et al. (ICML 2019), Apache License 2.0.</p>")
                           .arg(QApplication::applicationVersion()));
}

} // namespace archscope
