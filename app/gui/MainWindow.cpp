// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MainWindow.h"
#include "text/ModelNameText.h"
#include "text/StopReasonText.h"
#include "DockProportions.h"
#include "LoadedModel.h"
#include "ModelsPanel.h"

#include "data/DatasetLoader.h"
#ifdef ARCHSCOPE_HAS_TFRECORD
#include "data/NasBenchTfRecord.h"
#include "registry/PredictorRegistry.h"
#include "util/Errors.h"
#endif
#include "dataset/DatasetBrowser.h"
#include "dataset/DatasetTableModel.h"
#include "editor/CellEditor.h"
#include "focus/FocusRing.h"
#include "info/CellInfoPanel.h"
#include "info/FittingScrollArea.h"
#include "info/MeasuredNetworks.h"
#include "info/PredictionService.h"
#include "latent/LatentAscentPanel.h"
#include "latent/LatentMapWidget.h"
#include "registry/Trainer.h"
#include "training/TrainingMonitor.h"
#include "util/ResourcePaths.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QDir>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPointer>
#include <QProgressDialog>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace archscope {

QString bundledModelPath(const QString& fileName)
{
    return QString::fromStdString(findBundledFile(std::filesystem::path("models") / fileName.toStdString()).string());
}

namespace {

// Bumped whenever the default arrangement of the docks changes, so that a layout saved by an older
// version (with other docks or places) is not restored over the new one.
constexpr int kLayoutVersion = 2;

// The whole dataset is predicted in chunks, so that the editor's live predictions, which share the
// predictor's lock, slip in between and a cancel (closing the window) takes effect within a chunk.
// A chunk is sized by time, not by count: beside the VS-GAE's encoding and a build, 2,048 cells took
// up to 5 s here, and the window waited that long to close.
constexpr double kPredictChunkMs = 250;
// Two of the GNN's prediction batches, which it spreads over two threads; with 256 cells a call's
// fixed costs took a third of the throughput.
constexpr std::size_t kMinPredictChunk = 1024;
constexpr std::size_t kMaxPredictChunk = 8192;

std::size_t nextPredictChunk(std::size_t chunk, qint64 elapsedMs)
{
    const double scaled = double(chunk) * kPredictChunkMs / double(std::max<qint64>(elapsedMs, 1));
    return std::clamp(std::size_t(scaled), kMinPredictChunk, kMaxPredictChunk);
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), predictions_(new PredictionService(this)),
      editor_(nullptr), info_(nullptr), browser_(nullptr), monitor_(nullptr), latent_(nullptr), climb_(nullptr),
      measured_(new MeasuredNetworks(MeasuredNetworks::defaultPath(), this)),
      datasetJob_(QStringLiteral("dataset"), JobRunner::Policy::LatestWins),
#ifdef ARCHSCOPE_HAS_TFRECORD
      importJob_(QStringLiteral("import"), JobRunner::Policy::Queue),
#endif
      modelJob_(QStringLiteral("models"), JobRunner::Policy::Queue),
      datasetPredictionJob_(QStringLiteral("datasetPrediction"), JobRunner::Policy::LatestWins),
      exportJob_(QStringLiteral("exportNetwork"), JobRunner::Policy::Queue),
      scoreCacheFolder_(ScoreCache::defaultFolder()),
      datasetStatus_(new QLabel(this)), predictorStatus_(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("ArchScope"));
    setDockNestingEnabled(true);
    createDocks();
    new FocusRing(this);
    createActions();
    createMenus();
    datasetStatus_->setObjectName(QStringLiteral("datasetStatus"));
    predictorStatus_->setObjectName(QStringLiteral("predictorStatus"));
    statusBar()->addPermanentWidget(datasetStatus_);
    statusBar()->addPermanentWidget(predictorStatus_);
    connect(predictions_, &PredictionService::predictorsChanged, this, &MainWindow::updateStatus);
    connect(browser_, &DatasetBrowser::cellSelected, this,
            [this](const Cell& cell) { doc_.replace(cell, tr("Pick from dataset")); });
    connect(latent_, &LatentMapWidget::cellPicked, this,
            [this](const Cell& cell) { doc_.replace(cell, tr("Pick from latent map")); });
    connect(climb_, &LatentAscentPanel::cellPicked, this,
            [this](const Cell& cell) { doc_.replace(cell, tr("Pick from latent climb")); });
    // An invalid decode still goes to the editor: seeing what the decoder got wrong is the point.
    connect(latent_, &LatentMapWidget::cellDecoded, this, [this](const DecodedCell& d) {
        doc_.replace(d.cell ? *d.cell : d.raw, tr("Decode from latent space"));
    });

    connect(&training_, &TrainingController::step, monitor_, &TrainingMonitor::addStep);
    connect(&training_, &TrainingController::epoch, monitor_, &TrainingMonitor::addEpoch);
    connect(&training_, &TrainingController::started, this, [this](const RunStartEvent& e) {
        const QString device = tr("%1, %Ln thread(s)", nullptr, e.threads).arg(QString::fromStdString(e.device).toUpper());
        // The images a network run really has (fewer than asked for when the task's files hold fewer).
        const QLocale locale;
        monitor_->setDevice(runIsNetwork_ ? tr("%1; %2 training and %3 validation images")
                                                .arg(device, locale.toString(qulonglong(e.trainingExamples)),
                                                     locale.toString(qulonglong(e.validationExamples)))
                                          : device);
    });
    connect(&training_, &TrainingController::log, this, [this](const QString& line) { statusBar()->showMessage(line, 5000); });
    connect(&training_, &TrainingController::log, monitor_, &TrainingMonitor::showPreparation);
    connect(&training_, &TrainingController::finished, this, [this](const TrainingOutcome& outcome) {
        updateTrainActions();
        cancelTrainingAction_->setEnabled(false);
        monitor_->finishRun(outcome.error.isEmpty() ? stopReasonText(outcome.stopReason) : outcome.error,
                            outcome.reachedTheEnd());
        if (!outcome.error.isEmpty()) {
            statusBar()->showMessage(tr("Training failed: %1").arg(outcome.error));
        } else if (outcome.predictor && !discardRun_) {
            keepTrainedModel(outcome);
        } else {
            statusBar()->showMessage(tr("Training %1 without a model").arg(stopReasonText(outcome.stopReason)));
        }
        // A checkpoint no kept model resumes from is of no further use.
        const QString checkpoint = QString::fromStdString(runConfig_.checkpointPath);
        if (!checkpoint.isEmpty() && !trainedModels_.usesCheckpoint(checkpoint))
            QFile::remove(checkpoint);
        resumingModel_.clear();
        refreshModelsPanel();
        if (closeAfterRun_)
            QTimer::singleShot(0, this, &QWidget::close);
    });
    connect(&training_, &TrainingController::networkFinished, this, &MainWindow::finishNetworkTraining);
    connect(&doc_, &CellDocument::cellChanged, this, &MainWindow::updateTrainActions);
    info_->setMeasured(measured_);
    connect(measured_, &MeasuredNetworks::changed, this, &MainWindow::showMeasuredInTable);
    connect(monitor_, &TrainingMonitor::cancelRequested, &training_, &TrainingController::cancel);
    // The map shows the cells the dataset's filter lets through.
    connect(browser_, &DatasetBrowser::filterApplied, this,
            [this] { latent_->setShownRecords(browser_->shownRecords()); });
    connect(monitor_, &TrainingMonitor::fileSaved, this, &MainWindow::reportSaved);
    connect(latent_, &LatentMapWidget::fileSaved, this, &MainWindow::reportSaved);

    // Room for the four panels side by side, but never more than the screen: on a 1024 x 700 screen
    // the window would otherwise start half outside it.
    QSize size(1500, 950);
    if (const QScreen* s = screen())
        size = size.boundedTo(s->availableSize());
    resize(size);
    defaultLayout_ = saveState(kLayoutVersion);
    restoreGeometry(settings_.windowGeometry());
    restoreState(settings_.windowState(), kLayoutVersion);
    dockProportions_ = new DockProportions(this);
    updateRecentMenus();
    updateStatus();
    updateTrainActions();
}

MainWindow::~MainWindow()
{
    // Every job is told to stop now, so that the runners' destructors wait for them side by side
    // rather than one after another.
    for (JobRunner* jobs : {&datasetJob_, &modelJob_, &datasetPredictionJob_})
        jobs->cancel();
    for (LabelFreeColumn& column : labelFreeColumns_)
        column.job->cancel();
#ifdef ARCHSCOPE_HAS_TFRECORD
    importJob_.cancel();
#endif
    training_.cancel();
    latent_->cancelEncoding();
    climb_->cancel();
}

void MainWindow::createDocks()
{
    editor_ = new CellEditor(&doc_, this);
    info_ = new CellInfoPanel(&doc_, predictions_, this);
    browser_ = new DatasetBrowser(this);
    monitor_ = new TrainingMonitor(this);
    latent_ = new LatentMapWidget(this);
    climb_ = new LatentAscentPanel(latent_, this);
    auto* latentSplit = new QSplitter(Qt::Vertical, this);
    latentSplit->setObjectName(QStringLiteral("latentSplit"));
    latentSplit->addWidget(latent_);
    latentSplit->addWidget(climb_);
    latentSplit->setStretchFactor(0, 4);
    latentSplit->setStretchFactor(1, 1);
    const auto dock = [this](QWidget* w, const QString& title, const QString& name, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    QDockWidget* editorDock = dock(editor_, tr("Cell Editor"), QStringLiteral("editorDock"), Qt::LeftDockWidgetArea);
    // A seven-vertex cell's figures are taller than the room under the editor on a laptop screen: they
    // scroll rather than squeeze into each other.
    auto* infoScroll = new FittingScrollArea(this);
    infoScroll->setObjectName(QStringLiteral("infoScroll"));
    infoScroll->setWidget(info_);
    infoScroll->setFrameShape(QFrame::NoFrame);
    QDockWidget* infoDock = dock(infoScroll, tr("Cell Info"), QStringLiteral("infoDock"), Qt::LeftDockWidgetArea);
    QDockWidget* browserDock =
        dock(browser_, tr("Dataset"), QStringLiteral("browserDock"), Qt::RightDockWidgetArea);
    QDockWidget* latentDock =
        dock(latentSplit, tr("Latent Space"), QStringLiteral("latentDock"), Qt::RightDockWidgetArea);
    monitorDock_ = dock(monitor_, tr("Training"), QStringLiteral("monitorDock"), Qt::RightDockWidgetArea);
    modelsPanel_ = new ModelsPanel(this);
    QDockWidget* modelsDock = dock(modelsPanel_, tr("Models"), QStringLiteral("modelsDock"), Qt::RightDockWidgetArea);
    connect(modelsPanel_, &ModelsPanel::loadRequested, this, &MainWindow::loadTrainedModel);
    connect(modelsPanel_, &ModelsPanel::unloadRequested, this, &MainWindow::unloadTrainedModel);
    connect(modelsPanel_, &ModelsPanel::deleteRequested, this, &MainWindow::deleteTrainedModel);
    connect(modelsPanel_, &ModelsPanel::renameRequested, this, &MainWindow::renameTrainedModel);
    connect(modelsPanel_, &ModelsPanel::resumeRequested, this, &MainWindow::resumeTrainedModel);
    // The first screen is what people come for: the cell and its figures on the left, the data and
    // the latent map on the right. The training monitor waits, hidden in the latent map's tab group,
    // until a run starts (startTraining shows it; View ▸ Training brings it back at any time).
    // On a short screen (a 1024 x 700 one) the dataset above the map kept four rows: there the dataset
    // and the map are tabs of the whole right column instead, the dataset in front.
    const bool shortScreen = screen() && screen()->availableSize().height() < kShortScreenHeight;
    splitDockWidget(editorDock, infoDock, Qt::Vertical);
    if (shortScreen)
        tabifyDockWidget(browserDock, latentDock);
    else
        splitDockWidget(browserDock, latentDock, Qt::Vertical);
    tabifyDockWidget(latentDock, monitorDock_);
    tabifyDockWidget(latentDock, modelsDock);
    resizeDocks({editorDock, browserDock}, {480, 1020}, Qt::Horizontal);
    resizeDocks({editorDock, infoDock}, {440, 460}, Qt::Vertical);
    if (shortScreen) {
        browserDock->raise();
    } else {
        resizeDocks({browserDock, latentDock}, {480, 420}, Qt::Vertical);
        latentDock->raise();
    }
    monitorDock_->hide();
    for (QDockWidget* d : {editorDock, infoDock, browserDock, monitorDock_, latentDock, modelsDock})
        d->toggleViewAction()->setObjectName(d->objectName() + QStringLiteral("Toggle"));
}

void MainWindow::openDefaults()
{
    try {
        openDataset(QString::fromStdString(defaultDatasetPath()));
    } catch (const std::exception& e) {
        statusBar()->showMessage(tr("No dataset: %1").arg(QString::fromStdString(e.what())));
    }
    const QString model = bundledModelPath(QStringLiteral("gnn-default.safetensors"));
    if (model.isEmpty())
        statusBar()->showMessage(tr("No bundled predictor (resources/models/gnn-default.safetensors); "
                                    "train one with Model ▸ Train Predictor"),
                                 10000);
    else
        openModel(model);
    // The predictors trained here before come back, and the monitor shows the newest run's curves.
    if (!training_.isRunning())
        trainedModels_.removeUnusedCheckpoints();
    for (const QString& path : trainedModels_.models())
        loadTrainedModel(path);
    if (const std::optional<RunCurves> last = trainedModels_.newestRun(); last && monitor_->curves().epochs.empty())
        monitor_->showFinishedRun(*last);
    // Without a bundled VS-GAE the latent dock itself says how to train one.
    const QString latent = bundledModelPath(QStringLiteral("vsgae-default.safetensors"));
    if (!latent.isEmpty())
        openLatentModel(latent);
    // The bundled VS-GAE predictor only drives the climb: the editor and the table keep the GNN,
    // which ranks cells far better (docs/BENCHMARKS.md).
    const QString climbPredictor = bundledModelPath(QStringLiteral("vsgae-predictor.safetensors"));
    if (!climbPredictor.isEmpty())
        modelJob_.run(
            this,
            [climbPredictor](const JobControl&) { return loadPredictorFileNoThrow(climbPredictor); },
            [this](const Loaded<Predictor>& loaded) {
                if (loaded.value)
                    offerToClimb(loaded.value);
                else
                    statusBar()->showMessage(tr("Could not open the bundled VS-GAE predictor: %1").arg(loaded.error));
            });
}

void MainWindow::importTfRecord(const QString& tfrecordPath, const QString& cachePath)
{
#ifdef ARCHSCOPE_HAS_TFRECORD
    // The importer reports no fraction done (a few seconds for the official files): a busy dialog whose
    // Cancel stops the import at its next block, leaving any existing cache as it was.
    auto* progress = new QProgressDialog(tr("Importing %1…").arg(QFileInfo(tfrecordPath).fileName()), tr("Cancel"), 0, 0, this);
    progress->setObjectName(QStringLiteral("importProgress"));
    progress->setWindowTitle(tr("Import NAS-Bench-101 tfrecord"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(progress, &QProgressDialog::canceled, &importJob_, &JobRunner::cancel);
    progress->show();
    datasetStatus_->setText(tr("Importing %1…").arg(QFileInfo(tfrecordPath).fileName()));
    importJob_.run(
        this,
        [tfrecordPath, cachePath](const JobControl& control) {
            try {
                importNasBenchTfRecord(tfrecordPath.toStdString(), cachePath.toStdString(), 0, control.cancelFlag());
                return QString();
            } catch (const Cancelled&) {
                return tr("cancelled; nothing was written");
            } catch (const std::exception& e) {
                return QString::fromStdString(e.what());
            }
        },
        [this, cachePath, progress = QPointer<QProgressDialog>(progress)](const QString& error) {
            if (progress)
                progress->close();
            if (!error.isEmpty()) {
                statusBar()->showMessage(tr("Import failed: %1").arg(error));
                updateStatus();
                return;
            }
            openDataset(cachePath);
        });
#else
    Q_UNUSED(cachePath);
    statusBar()->showMessage(tr("Cannot import %1: the tfrecord importer is not part of this build").arg(tfrecordPath));
#endif
}

void MainWindow::openDataset(const QString& path)
{
    datasetStatus_->setText(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    datasetJob_.run(
        this,
        [path](const JobControl& control) {
            try {
                return Loaded<const Dataset>{
                    std::make_shared<const Dataset>(loadDataset(path.toStdString(), control.cancelFlag())), {}};
            } catch (const std::exception& e) {
                return Loaded<const Dataset>{nullptr, QString::fromStdString(e.what())};
            }
        },
        [this, path](const Loaded<const Dataset>& loaded) {
            if (!loaded.value) {
                statusBar()->showMessage(tr("Could not open the dataset: %1").arg(loaded.error));
                updateStatus();
                return;
            }
            settings_.addRecentFile(QStringLiteral("datasets"), path);
            updateRecentMenus();
            setDataset(loaded.value);
        });
}

void MainWindow::setDataset(std::shared_ptr<const Dataset> dataset)
{
    dataset_ = std::move(dataset);
    browser_->setDataset(dataset_);
    showMeasuredInTable();
    info_->setDataset(dataset_);
    latent_->setDataset(dataset_);
    latent_->setShownRecords(browser_->shownRecords());
    climb_->setDataset(dataset_);
    for (LabelFreeColumn& column : labelFreeColumns_)
        computeLabelFreeColumn(column);
    updateStatus();
    const PredictorList& loaded = predictions_->predictors();
    const auto last = std::find_if(loaded.rbegin(), loaded.rend(), [](const auto& p) { return scoresDatasets(*p); });
    if (columnChosen_ && columnPredictor_)
        predictDataset(columnPredictor_);
    else if (last != loaded.rend())
        predictDataset(*last);
    Q_EMIT datasetLoaded();
}

void MainWindow::loadPredictorFile(const QString& path, bool remember)
{
    modelJob_.run(
        this,
        [path](const JobControl&) { return loadPredictorFileNoThrow(path); },
        [this, path, remember](const Loaded<Predictor>& loaded) {
            if (!loaded.value) {
                statusBar()->showMessage(tr("Could not open the model: %1").arg(loaded.error));
                return;
            }
            if (remember) {
                settings_.addRecentFile(QStringLiteral("models"), path);
                updateRecentMenus();
            }
            statusBar()->showMessage(tr("Loaded %1").arg(modelNameText(loaded.value->name())), 5000);
            addPredictor(loaded.value);
        });
}

void MainWindow::openLatentModel(const QString& path)
{
    modelJob_.run(
        this,
        [path](const JobControl&) {
            try {
                return Loaded<LatentModel>{loadLatentModel(path.toStdString()), {}};
            } catch (const std::exception& e) {
                return Loaded<LatentModel>{nullptr, QString::fromStdString(e.what())};
            }
        },
        [this, path](const Loaded<LatentModel>& loaded) {
            if (!loaded.value) {
                statusBar()->showMessage(tr("Could not open the VS-GAE model: %1").arg(loaded.error));
                return;
            }
            latentModelPath_ = path;
            statusBar()->showMessage(tr("Loaded %1").arg(modelNameText(loaded.value->name())), 5000);
            latent_->setModel(loaded.value);
            updateClimbPredictor();
        });
}

void MainWindow::addPredictor(std::shared_ptr<const Predictor> predictor)
{
    predictions_->addPredictor(predictor);
    // The newest predictor takes the Predicted column over until the user chooses one.
    if (scoresDatasets(*predictor) && !columnChosen_)
        predictDataset(predictor);
    offerToClimb(predictor);
}

void MainWindow::offerToClimb(std::shared_ptr<const Predictor> predictor)
{
    climbCandidates_.push_back(std::move(predictor));
    updateClimbPredictor();
}

void MainWindow::updateClimbPredictor()
{
    // The check scores a handful of cells (milliseconds); a predictor of cells is refused at once.
    std::shared_ptr<const Predictor> chosen;
    if (latent_->model())
        for (auto it = climbCandidates_.rbegin(); it != climbCandidates_.rend() && !chosen; ++it)
            if (readsLatentCodeOf(**it, *latent_->model()))
                chosen = *it;
    climb_->setPredictor(chosen);
}

void MainWindow::predictDataset(std::shared_ptr<const Predictor> predictor)
{
    // The table's "predicted" column is at 108 epochs; other budgets would not be comparable.
    if (!dataset_ || predictor->budgetEpochs() != kBudgetEpochs[kBudget108])
        return;
    std::shared_ptr<const Dataset> records = dataset_;
    datasetPredictionJob_.run(
        this,
        [records, predictor](const JobControl& control) {
            auto out = std::make_shared<std::vector<float>>();
            out->reserve(records->size());
            std::vector<Cell> chunk;
            std::size_t chunkSize = kMinPredictChunk;
            QElapsedTimer clock;
            try {
                for (std::size_t i = 0; i < records->size(); i += chunkSize) {
                    if (control.cancelled())
                        return Loaded<std::vector<float>>{nullptr, tr("cancelled")};
                    if (clock.isValid())
                        chunkSize = nextPredictChunk(chunkSize, clock.elapsed());
                    clock.start();
                    chunk.clear();
                    for (std::size_t k = i; k < std::min(records->size(), i + chunkSize); ++k)
                        chunk.push_back((*records)[k].cell);
                    const std::vector<float> part = predictor->predict(chunk);
                    out->insert(out->end(), part.begin(), part.end());
                }
            } catch (const std::exception& e) {
                return Loaded<std::vector<float>>{nullptr, QString::fromStdString(e.what())};
            }
            return Loaded<std::vector<float>>{out, {}};
        },
        [this, records, predictor, name = modelNameText(predictor->name())](const Loaded<std::vector<float>>& values) {
            if (!values.value) {
                statusBar()->showMessage(tr("%1 could not predict the dataset: %2").arg(name, values.error));
            } else if (records == dataset_) {
                browser_->setPredictions(*values.value, name);
                columnPredictor_ = predictor;
            }
        });
}

void MainWindow::fillPredictedColumnMenu()
{
    predictedColumnMenu_->clear();
    auto* group = new QActionGroup(predictedColumnMenu_);
    int index = 0;
    for (const auto& predictor : predictions_->predictors()) {
        if (!scoresDatasets(*predictor))
            continue;
        QAction* a = predictedColumnMenu_->addAction(modelNameText(predictor->name()));
        a->setObjectName(QStringLiteral("predictedColumn%1").arg(index++));
        a->setCheckable(true);
        a->setChecked(predictor == columnPredictor_);
        a->setActionGroup(group);
        a->setToolTip(tr("Show this predictor's values in the dataset's Predicted column"));
        connect(a, &QAction::triggered, this, [this, predictor] {
            columnChosen_ = true;
            predictDataset(predictor);
            statusBar()->showMessage(
                tr("The Predicted column will show %1").arg(modelNameText(predictor->name())), 5000);
        });
    }
    if (index == 0)
        predictedColumnMenu_->addAction(tr("No predictor of datasets loaded"))->setEnabled(false);
}

void MainWindow::startTraining(const TrainingConfig& requested)
{
    if (!dataset_) {
        statusBar()->showMessage(tr("Open a dataset first"));
        return;
    }
    TrainingConfig config = requested;
    // One core stays with the GUI thread so that plots and editing stay fluid during the run.
    config.threads = std::max(1, QThread::idealThreadCount() - 1);
    // A run stopped before its end can be resumed from its checkpoint (the Models panel).
    if (config.checkpointPath.empty())
        config.checkpointPath = trainedModels_.newCheckpointPath().toStdString();
    if (!training_.start(config, dataset_))
        return;
    runConfig_ = config;
    runDataset_ = QString::fromStdString(dataset_->source());
    runTrainSize_ = resolvedConfig(config).trainSize;
    runIsNetwork_ = false;
    discardRun_ = false;
    monitorDock_->show();
    monitorDock_->raise();
    updateTrainActions();
    cancelTrainingAction_->setEnabled(true);
    // Ensemble members train one after another with one epoch count across them all.
    const TrainingConfig resolved = resolvedConfig(config);
    const QString name = tr("%1, %2 cells, seed %3")
                             .arg(QString::fromStdString(predictorKind(resolved.model).shortName))
                             .arg(QLocale().toString(qulonglong(resolved.trainSize)))
                             .arg(resolved.seed);
    const int epochs = resolved.epochs * resolved.ensemble;
    // A resumed run's curves go on from where they stopped.
    QString error;
    const std::optional<RunCurves> before =
        resumingModel_.isEmpty() ? std::nullopt : RunCurves::load(TrainedModels::runCurvesPath(resumingModel_), &error);
    if (before)
        monitor_->continueRun(*before, epochs);
    else
        monitor_->startRun(name, epochs);
}

void MainWindow::showBestCell()
{
    browser_->table()->sortByColumn(DatasetTableModel::Acc108, Qt::DescendingOrder);
    browser_->table()->selectRow(0);
}

void MainWindow::showLatentDemo()
{
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("latentDock")))
        dock->raise();
    connect(latent_, &LatentMapWidget::mapUpdated, this, [this] {
        if (!dataset_ || latent_->pointCount() != dataset_->size() || latent_->pathStart())
            return;
        std::size_t worst = 0, best = 0;
        for (std::size_t i = 1; i < dataset_->size(); ++i) {
            const float acc = (*dataset_)[i].validationAccuracy();
            if (acc < (*dataset_)[worst].validationAccuracy())
                worst = i;
            if (acc > (*dataset_)[best].validationAccuracy())
                best = i;
        }
        latent_->showPath(worst, best);
        climb_->start();
    });
}

void MainWindow::scheduleScreenshot(const QString& path, int delayMs)
{
    QTimer::singleShot(delayMs, this, [this, path] {
        if (grab().save(path))
            reportSaved(path);
        else
            statusBar()->showMessage(tr("Could not write %1").arg(QDir::toNativeSeparators(path)));
        close();
    });
}

void MainWindow::updateStatus()
{
    const QLocale locale;
    datasetStatus_->setText(dataset_ ? tr("%1 · %2 cells")
                                           .arg(QFileInfo(QString::fromStdString(dataset_->source())).fileName(),
                                                locale.toString(qulonglong(dataset_->size())))
                                     : tr("no dataset"));
    predictorStatus_->setText(tr("%Ln predictor(s)", nullptr, int(predictions_->predictors().size())));
    setWindowTitle(dataset_ ? tr("%1 — ArchScope").arg(QFileInfo(QString::fromStdString(dataset_->source())).fileName())
                            : tr("ArchScope"));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (training_.isRunning() && !askToQuitDuringRun()) {
        event->ignore();
        return;
    }
    training_.cancel();
    latent_->cancelEncoding();
    settings_.setWindow(saveGeometry(), saveState(kLayoutVersion));
    event->accept();
}

void MainWindow::resetLayout()
{
    restoreState(defaultLayout_, kLayoutVersion);
}

bool MainWindow::askToQuitDuringRun()
{
    // Already asked, and the answer was to close once the run has ended.
    if (closeAfterRun_)
        return false;
    QMessageBox box(QMessageBox::Question, tr("Quit ArchScope"),
                    runIsNetwork_ ? tr("The cell's network is training. Its accuracy is recorded when the run completes.")
                                  : tr("A training run is in progress. Its model is kept in your data folder when it ends."),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("quitDuringRunBox"));
    QPushButton* wait = box.addButton(tr("Quit When Done"), QMessageBox::AcceptRole);
    wait->setObjectName(QStringLiteral("quitWhenDoneButton"));
    // A stopped network run has no result to keep: stopping it is quitting without it.
    QPushButton* stop = box.addButton(runIsNetwork_ ? tr("Stop the Run") : tr("Stop and Keep Its Model"),
                                      QMessageBox::AcceptRole);
    stop->setObjectName(QStringLiteral("stopAndKeepButton"));
    QPushButton* discard = box.addButton(tr("Discard the Run"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("discardRunButton"));
    QPushButton* cancel = box.addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("keepWorkingButton"));
    box.setDefaultButton(stop);
    box.setEscapeButton(cancel);
    box.exec();
    if (box.clickedButton() == discard) {
        discardRun_ = true;
        return true;
    }
    if (box.clickedButton() == stop) {
        closeAfterRun_ = true;
        training_.cancel();
        statusBar()->showMessage(tr("Stopping the run; the window closes once its model is kept"));
    } else if (box.clickedButton() == wait) {
        closeAfterRun_ = true;
        statusBar()->showMessage(tr("The window closes when the run ends"));
    }
    return false;
}

} // namespace archscope
