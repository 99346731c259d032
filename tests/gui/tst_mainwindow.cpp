// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The real window, destroyed in the middle of its long jobs: it must return promptly (every job is
// cancelled and its thread joined) and nothing may arrive afterwards at what is gone.
#include "dataset/DatasetBrowser.h"
#include "dataset/DatasetTableModel.h"
#include "MainWindow.h"
#include "TrainedModels.h"
#include "training/TrainingMonitor.h"
#include "runtime/Runtime.h"
#include "../support/TestData.h"
#include "../support/GuiTestMain.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace archscope;

namespace {

const QString kBundledPredictor = QStringLiteral(ARCHSCOPE_MODELS_DIR "/gnn-default.safetensors");
const QString kLatentPredictor = QStringLiteral(ARCHSCOPE_MODELS_DIR "/vsgae-predictor.safetensors");

bool hasPredictions(const MainWindow& window)
{
    const DatasetTableModel* table = window.findChild<DatasetBrowser*>()->tableModel();
    return table->rowCount() > 0 && !std::isnan(table->keys(0).predicted);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mapsNoQt5();
    void closesWhilePredictingTheDataset();
    void closesWhileTraining();
    void closesDuringStartup_data();
    void closesDuringStartup();
    void quitDuringARunAsks_data();
    void quitDuringARunAsks();
    void predictedColumnNamesItsPredictorAndKeepsTheChoice();

private:
    std::unique_ptr<MainWindow> openWindow();
    std::unique_ptr<MainWindow> openWindowWithDataset(const QString& path = QStringLiteral(ARCHSCOPE_TEST_DATA));
    // Destroys the window, checks that it took less than half of `referenceMs` (a job stops at its
    // next check of the cancel flag: a chunk of the dataset prediction, sized to ~0.25 s, or of the
    // encoding away), and runs the event loop a while so that anything still queued for the window
    // would show.
    void closePromptly(std::unique_ptr<MainWindow> window, const char* during, qint64 referenceMs);

    // How long the work that a close cuts short takes to finish on this machine now, each measured
    // under the load it runs under in the tests below: the whole-dataset prediction alone, and the
    // whole start-up (dataset, predictor, VS-GAE, the dataset's prediction beside its encoding).
    qint64 wholePredictionMs_ = 0;
    qint64 wholeStartupMs_ = 0;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // As main() does: without it LibTorch's large buffers are mmapped afresh every batch and the
    // dataset prediction runs ten times slower than in the app.
    setComputeThreads(0);

    std::unique_ptr<MainWindow> window = openWindowWithDataset();
    QVERIFY(window);
    QElapsedTimer clock;
    clock.start();
    window->openModel(kBundledPredictor);
    QTRY_VERIFY_WITH_TIMEOUT(hasPredictions(*window), 120000);
    wholePredictionMs_ = clock.elapsed();
    qInfo("loading the bundled predictor and predicting the dataset with it: %lld ms", wholePredictionMs_);

    std::unique_ptr<MainWindow> starting = openWindow();
    QVERIFY(starting);
    clock.restart();
    starting->openDefaults();
    QTRY_VERIFY_WITH_TIMEOUT(hasPredictions(*starting), 120000);
    wholeStartupMs_ = clock.elapsed();
    qInfo("the whole start-up, up to the dataset's predictions: %lld ms", wholeStartupMs_);
}

std::unique_ptr<MainWindow> TestMainWindow::openWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

std::unique_ptr<MainWindow> TestMainWindow::openWindowWithDataset(const QString& path)
{
    std::unique_ptr<MainWindow> window = openWindow();
    if (!window)
        return nullptr;
    QSignalSpy loaded(window.get(), &MainWindow::datasetLoaded);
    window->openDataset(path);
    if (!loaded.wait(60000))
        return nullptr;
    return window;
}

void TestMainWindow::closePromptly(std::unique_ptr<MainWindow> window, const char* during, qint64 referenceMs)
{
    QElapsedTimer clock;
    clock.start();
    window.reset();
    const qint64 ms = clock.elapsed();
    qInfo("window destroyed during %s in %lld ms", during, ms);
    QVERIFY2(ms < referenceMs / 2, qPrintable(QStringLiteral("%1 ms, against %2 ms to finish").arg(ms).arg(referenceMs)));
    QTest::qWait(200);
}

// Debian's LibTorch would bring Qt 5 Widgets (through OpenCV's highgui) into this Qt 6 process;
// cmake/highgui-stub keeps it out. /proc/self/maps lists every library the process has mapped.
void TestMainWindow::mapsNoQt5()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        QSKIP("no /proc/self/maps on this system");
    const QByteArray mapped = maps.readAll();
    QVERIFY2(mapped.contains("libQt6Widgets"), "the test reads the wrong map: Qt 6 Widgets is not in it");
    QVERIFY2(!mapped.contains("libQt5"), "a Qt 5 library is mapped into the app's process");
    QVERIFY2(!mapped.contains("libopencv_highgui.so") || mapped.contains("lib/archscope/libopencv_highgui.so"),
             "OpenCV's real highgui is mapped, not the empty stub");
}

void TestMainWindow::closesWhilePredictingTheDataset()
{
    std::unique_ptr<MainWindow> window = openWindowWithDataset();
    QVERIFY(window);
    window->openModel(kBundledPredictor);
    // Adding the model starts the prediction of all 20,001 cells.
    auto* predictors = window->findChild<QLabel*>(QStringLiteral("predictorStatus"));
    QTRY_COMPARE_WITH_TIMEOUT(predictors->text(), test::shownText("archscope::MainWindow", "%Ln predictor(s)", 1), 30000);
    QTest::qWait(200);
    QVERIFY2(!hasPredictions(*window), "the prediction should still be running");
    closePromptly(std::move(window), "the whole-dataset prediction", wholePredictionMs_);
}

void TestMainWindow::closesWhileTraining()
{
    std::unique_ptr<MainWindow> window = openWindowWithDataset();
    QVERIFY(window);
    TrainingConfig config;
    config.trainSize = 200;
    config.valSize = 50;
    config.epochs = 100000;
    config.nodeDim = 16;
    config.graphDim = 8;
    config.pretrainingEpochs = 0;
    window->startTraining(config);
    auto* cancelTraining = window->findChild<QAction*>(QStringLiteral("cancelTrainingAction"));
    QVERIFY(cancelTraining->isEnabled());
    QTest::qWait(1000);
    QVERIFY2(cancelTraining->isEnabled(), "the run should still be going");
    closePromptly(std::move(window), "training", wholePredictionMs_);
}

void TestMainWindow::closesDuringStartup_data()
{
    // The bundled dataset, predictor, VS-GAE and VS-GAE predictor load at once; then the dataset is
    // predicted and encoded. Closing at different moments catches each job at a different stage.
    QTest::addColumn<int>("afterMs");
    for (int ms : {0, 100, 500, 2000})
        QTest::newRow(qPrintable(QStringLiteral("%1 ms").arg(ms))) << ms;
}

void TestMainWindow::closesDuringStartup()
{
    QFETCH(int, afterMs);
    std::unique_ptr<MainWindow> window = openWindow();
    QVERIFY(window);
    window->openDefaults();
    QTest::qWait(afterMs);
    closePromptly(std::move(window), "start-up", wholeStartupMs_);
}

// The Predicted column's header names the predictor it shows; the newest predictor takes it over until
// the user chooses one in Model ▸ Predicted Column, and then a newly loaded one does not.
void TestMainWindow::predictedColumnNamesItsPredictorAndKeepsTheChoice()
{
    // The bundled sample's first 2,000 cells: the column is predicted four times here, and the whole
    // sample would make this the longest test of CI's sanitized job (a minute of its wall time, alone).
    QTemporaryDir dir;
    const QString fewer = dir.filePath(QStringLiteral("first-2000.jsonl"));
    const auto& all = test::sample().records();
    writeJsonl(fewer.toStdString(), std::vector<Record>(all.begin(), all.begin() + 2000));
    std::unique_ptr<MainWindow> w = openWindowWithDataset(fewer);
    QVERIFY(w);
    const DatasetTableModel* table = w->findChild<DatasetBrowser*>()->tableModel();
    const auto header = [table] { return table->headerData(DatasetTableModel::Predicted, Qt::Horizontal).toString(); };
    QCOMPARE(header(), test::shownText("archscope::DatasetTableModel", "Predicted (%)"));
    w->openModel(kBundledPredictor);
    QTRY_VERIFY_WITH_TIMEOUT(hasPredictions(*w), 120000);
    const QString gnn = table->predictedBy();
    QVERIFY(gnn.startsWith(QStringLiteral("GNN")));
    QCOMPARE(header(), test::shownText("archscope::DatasetTableModel", "Predicted (%)\n%1").arg(gnn));
    const float gnnValue = table->keys(0).predicted;
    w->openModel(kLatentPredictor);
    QTRY_VERIFY_WITH_TIMEOUT(table->predictedBy().startsWith(QStringLiteral("VS-GAE")), 120000);
    QVERIFY(table->keys(0).predicted != gnnValue);

    auto* menu = w->findChild<QMenu*>(QStringLiteral("predictedColumnMenu"));
    QVERIFY(menu);
    Q_EMIT menu->aboutToShow();
    QCOMPARE(menu->actions().size(), 2);
    QAction* first = w->findChild<QAction*>(QStringLiteral("predictedColumn0"));
    QVERIFY(first && first->text() == gnn && !first->isChecked());
    QVERIFY(w->findChild<QAction*>(QStringLiteral("predictedColumn1"))->isChecked());
    first->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(table->predictedBy(), gnn, 120000);
    QCOMPARE(table->keys(0).predicted, gnnValue);

    w->openModel(kLatentPredictor);
    QTRY_VERIFY_WITH_TIMEOUT((Q_EMIT menu->aboutToShow(), menu->actions().size() == 3), 60000);
    QTest::qWait(2000); // what a take-over would have started has had time to land
    QCOMPARE(table->predictedBy(), gnn);
    QCOMPARE(table->keys(0).predicted, gnnValue);
}

void TestMainWindow::quitDuringARunAsks_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<bool>("closes");
    QTest::addColumn<int>("kept");
    QTest::newRow("stop and keep its model") << "stopAndKeepButton" << true << 1;
    QTest::newRow("discard the run") << "discardRunButton" << true << 0;
    QTest::newRow("cancel: keep working") << "keepWorkingButton" << false << 0;
}

// Quitting in the middle of a run asks what to do with it, and a kept model is there at the next start.
void TestMainWindow::quitDuringARunAsks()
{
    QFETCH(QString, button);
    QFETCH(bool, closes);
    QFETCH(int, kept);
    QTemporaryDir models;
    std::unique_ptr<MainWindow> window = openWindowWithDataset();
    QVERIFY(window);
    window->setTrainedModelsFolder(models.path());
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    TrainingConfig config;
    config.trainSize = 200;
    config.valSize = 50;
    config.epochs = 100000;
    config.ensemble = 1;
    config.nodeDim = 16;
    config.graphDim = 8;
    config.pretrainingEpochs = 0;
    window->startTraining(config);
    auto* monitor = window->findChild<TrainingMonitor*>();
    QTRY_VERIFY_WITH_TIMEOUT(!monitor->curves().epochs.empty(), 60000);

    bool asked = false;
    QTimer::singleShot(100, this, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        asked = box->objectName() == QStringLiteral("quitDuringRunBox");
        QTest::mouseClick(box->findChild<QPushButton*>(button), Qt::LeftButton);
    });
    window->close();
    QVERIFY(asked);
    if (closes)
        QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 60000);
    else
        QVERIFY(window->isVisible() && window->findChild<QAction*>(QStringLiteral("cancelTrainingAction"))->isEnabled());
    QTest::qWait(200);
    QCOMPARE(int(TrainedModels(models.path()).models().size()), kept);
    // A stopped run's model can be resumed; a discarded run leaves no checkpoint behind.
    const QList<TrainedModels::Entry> entries = TrainedModels(models.path()).entries();
    QVERIFY(std::all_of(entries.begin(), entries.end(), [](const TrainedModels::Entry& e) { return bool(e.stopped); }));
    if (button == QLatin1String("discardRunButton"))
        QCOMPARE(QDir(models.filePath(QStringLiteral("checkpoints"))).entryList(QDir::Files), QStringList());
    if (!closes)
        return;
    window.reset();

    // The next start loads what was kept, beside the bundled predictor.
    std::unique_ptr<MainWindow> again = openWindow();
    QVERIFY(again);
    again->setTrainedModelsFolder(models.path());
    again->openDefaults();
    auto* predictors = again->findChild<QLabel*>(QStringLiteral("predictorStatus"));
    QTRY_COMPARE_WITH_TIMEOUT(predictors->text(), test::shownText("archscope::MainWindow", "%Ln predictor(s)", 1 + kept), 60000);
}

ARCHSCOPE_GUI_TEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
