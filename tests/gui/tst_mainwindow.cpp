// The real window, closed in the middle of its long jobs: it must return promptly (every job is
// cancelled and its thread joined) and nothing may arrive afterwards at what is gone.
#include "MainWindow.h"
#include "dataset/DatasetBrowser.h"
#include "dataset/DatasetTableModel.h"

#include <QAction>
#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace archscope;

namespace {

const QString kBundledPredictor = QStringLiteral(ARCHSCOPE_MODELS_DIR "/gnn-default.pt");

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void closesWhilePredictingTheDataset();
    void closesWhileTraining();
    void closesDuringStartup_data();
    void closesDuringStartup();

private:
    std::unique_ptr<MainWindow> openWindow();
    std::unique_ptr<MainWindow> openWindowWithDataset();
    // Destroys the window, says how long that took, and runs the event loop a while so that anything
    // still queued for it would show.
    qint64 closeAndTime(std::unique_ptr<MainWindow> window, const char* during);
};

std::unique_ptr<MainWindow> TestMainWindow::openWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

std::unique_ptr<MainWindow> TestMainWindow::openWindowWithDataset()
{
    std::unique_ptr<MainWindow> window = openWindow();
    if (!window)
        return nullptr;
    QSignalSpy loaded(window.get(), &MainWindow::datasetLoaded);
    window->openDataset(QStringLiteral(ARCHSCOPE_TEST_DATA));
    if (!loaded.wait(60000))
        return nullptr;
    return window;
}

qint64 TestMainWindow::closeAndTime(std::unique_ptr<MainWindow> window, const char* during)
{
    QElapsedTimer clock;
    clock.start();
    window.reset();
    const qint64 ms = clock.elapsed();
    qInfo("window destroyed during %s in %lld ms", during, ms);
    QTest::qWait(200);
    return ms;
}

void TestMainWindow::closesWhilePredictingTheDataset()
{
    std::unique_ptr<MainWindow> window = openWindowWithDataset();
    QVERIFY(window);
    window->openModel(kBundledPredictor);
    // Adding the model starts the prediction of all 20,001 cells (seconds on 2 cores).
    auto* predictors = window->findChild<QLabel*>(QStringLiteral("predictorStatus"));
    QTRY_COMPARE_WITH_TIMEOUT(predictors->text(), QStringLiteral("1 predictor(s)"), 30000);
    QTest::qWait(200);
    const DatasetTableModel* table = window->findChild<DatasetBrowser*>()->tableModel();
    QVERIFY2(std::isnan(table->keys(0).predicted), "the prediction should still be running");
    QVERIFY(closeAndTime(std::move(window), "the whole-dataset prediction") < 3000);
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
    window->startTraining(config);
    auto* cancelTraining = window->findChild<QAction*>(QStringLiteral("cancelTrainingAction"));
    QVERIFY(cancelTraining->isEnabled());
    QTest::qWait(1000);
    QVERIFY2(cancelTraining->isEnabled(), "the run should still be going");
    QVERIFY(closeAndTime(std::move(window), "training") < 3000);
}

void TestMainWindow::closesDuringStartup_data()
{
    // Bundled dataset, predictor, VS-GAE and VS-GAE predictor load at once; the dataset then gets
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
    QVERIFY(closeAndTime(std::move(window), "start-up") < 3000);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
