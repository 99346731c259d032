// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// A real (tiny) training run on the worker thread feeding the monitor, while a timer on the GUI
// thread measures how long the event loop is ever kept waiting.
#include "../support/TestData.h"

#include "training/QCustomPlotHeader.h"
#include "training/TrainingController.h"
#include "training/TrainingMonitor.h"
#include "../support/GuiTestMain.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>

using namespace archscope;

// The longest wait between ticks of a 2 ms timer on the GUI thread, from construction on.
class EventLoopGap {
public:
    EventLoopGap()
    {
        ticker_.setInterval(2);
        QObject::connect(&ticker_, &QTimer::timeout, &ticker_, [this] {
            worstNs_ = std::max(worstNs_, sinceTick_.nsecsElapsed());
            sinceTick_.start();
        });
        sinceTick_.start();
        ticker_.start();
    }
    double worstMs() const { return static_cast<double>(worstNs_) / 1e6; }

private:
    QTimer ticker_;
    QElapsedTimer sinceTick_;
    qint64 worstNs_ = 0;
};

class TestTrainingMonitor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void liveRunUpdatesPlotsWithoutStalling();
    void exportsAndOverlays();
    void cancelStopsPromptly();
    void peaksStayInsideThePlot_data();
    void peaksStayInsideThePlot();
    void legendsStayInsideAfterAnOverlay();
    void fileActionsReportWhatTheyWrote();
    void progressFillsOnlyForARunThatReachedItsEnd_data();
    void progressFillsOnlyForARunThatReachedItsEnd();
    void preparationShowsUntilTheFirstStep();

private:
    TrainingConfig tinyConfig(int epochs) const;

    std::shared_ptr<const Dataset> data_;
    TrainingMonitor monitor_;
};

void TestTrainingMonitor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    data_ = std::make_shared<const Dataset>(test::sample());
    monitor_.resize(1200, 400);
    monitor_.show();
    QVERIFY(QTest::qWaitForWindowExposed(&monitor_));
}

TrainingConfig TestTrainingMonitor::tinyConfig(int epochs) const
{
    TrainingConfig c;
    c.trainSize = 50;
    c.valSize = 20;
    c.epochs = epochs;
    c.ensemble = 1;
    c.nodeDim = 16;
    c.graphDim = 8;
    c.pretrainingEpochs = 0;
    c.threads = 1; // the other core stays with the GUI thread, as the app arranges it
    return c;
}

void TestTrainingMonitor::liveRunUpdatesPlotsWithoutStalling()
{
    TrainingController controller;
    connect(&controller, &TrainingController::step, &monitor_, &TrainingMonitor::addStep);
    connect(&controller, &TrainingController::epoch, &monitor_, &TrainingMonitor::addEpoch);
    QSignalSpy finished(&controller, &TrainingController::finished);
    QSignalSpy epochs(&controller, &TrainingController::epoch);

    monitor_.startRun(QStringLiteral("tiny"), 2);
    EventLoopGap gap;
    QElapsedTimer wall;
    wall.start();
    QVERIFY(controller.start(tinyConfig(2), data_));
    QVERIFY2(!controller.start(tinyConfig(2), data_), "a second run is refused while one runs");
    QVERIFY(finished.wait(300000));
    const double worstGapMs = gap.worstMs();
    qInfo("training run of %.1f s: largest event-loop gap on the GUI thread %.1f ms", static_cast<double>(wall.elapsed()) / 1000.0,
          worstGapMs);

    const TrainingOutcome outcome = finished.at(0).at(0).value<TrainingOutcome>();
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(outcome.stopReason, QStringLiteral("completed"));
    QVERIFY(outcome.predictor);
    const std::vector<float> p = outcome.predictor->predict({(*data_)[0].cell, (*data_)[1].cell});
    QCOMPARE(p.size(), std::size_t(2));
    QVERIFY(std::isfinite(p[0]) && std::isfinite(p[1]));
    QVERIFY(!controller.isRunning());

    QCOMPARE(epochs.count(), 2);
    QCOMPARE(monitor_.curves().epochs.size(), std::size_t(2));
    QVERIFY(!monitor_.curves().steps.empty());
    QCOMPARE(monitor_.lossPlot()->graph(0)->dataCount(), int(monitor_.curves().steps.size()));
    QCOMPARE(monitor_.lossPlot()->graph(2)->dataCount(), 2);
    QCOMPARE(monitor_.scatterPlot()->graph(0)->dataCount(), 20);
    QCOMPARE(monitor_.tauPlot()->graph(0)->dataCount(), 2);
    auto* title = qobject_cast<QCPTextElement*>(monitor_.scatterPlot()->plotLayout()->element(0, 0));
    QVERIFY(title && title->text().contains(QStringLiteral("τ")));
    // 50 ms: a frame or three. Measured 5-12 ms on a 2-core machine shared with two other builds.
    QVERIFY2(worstGapMs <= 50, qPrintable(QStringLiteral("event loop stalled %1 ms").arg(worstGapMs)));
}

void TestTrainingMonitor::exportsAndOverlays()
{
    QVERIFY2(!monitor_.curves().epochs.empty(), "runs after the live run");
    QTemporaryDir dir;
    QString error;
    for (const char* suffix : {"png", "svg", "pdf"}) {
        const QString path = dir.filePath(QStringLiteral("plots.") + QLatin1String(suffix));
        QVERIFY2(monitor_.exportPlots(path, &error), qPrintable(error));
        QVERIFY2(QFileInfo(path).size() > 1000, suffix);
    }
    QCOMPARE(QImage(dir.filePath(QStringLiteral("plots.png"))).size(), QSize(900, 3 * 360));
    QVERIFY(!monitor_.exportPlots(dir.filePath(QStringLiteral("plots.bmpx")), &error));
    QVERIFY2(error.contains(QStringLiteral("unknown format")), qPrintable(error));

    auto* logScale = monitor_.findChild<QCheckBox*>(QStringLiteral("logScaleCheck"));
    QVERIFY(logScale);
    logScale->click();
    QCOMPARE(monitor_.lossPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    logScale->click();
    QCOMPARE(monitor_.lossPlot()->yAxis->scaleType(), QCPAxis::stLinear);

    const QString csv = dir.filePath(QStringLiteral("run.csv"));
    QVERIFY2(monitor_.exportCsv(csv, &error), qPrintable(error));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csvFile.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith("epoch,train_loss,val_loss,kendall_tau"));
    // A predictor classifies no images: its accuracy fields are empty, never 0.
    QVERIFY2(lines[1].endsWith(",,"), lines[1].constData());
    // The CLI's writer: an export that cannot be written names the file and leaves nothing behind.
    const QString unwritable = dir.filePath(QStringLiteral("no-such-folder/run.csv"));
    QVERIFY(!monitor_.exportCsv(unwritable, &error));
    QVERIFY2(error.contains(unwritable), qPrintable(error));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("no-such-folder"))));
    QVERIFY2(monitor_.exportCsv(QStringLiteral("/dev/full"), &error) == !QFileInfo::exists(QStringLiteral("/dev/full")), qPrintable(error));

    const QString json = dir.filePath(QStringLiteral("run.json"));
    QVERIFY2(monitor_.saveRun(json, &error), qPrintable(error));
    QVERIFY(!monitor_.hasOverlay());
    QVERIFY2(monitor_.loadOverlay(json, &error), qPrintable(error));
    QVERIFY(monitor_.hasOverlay());
    QCOMPARE(monitor_.lossPlot()->graph(4)->dataCount(), 2);
    QCOMPARE(monitor_.tauPlot()->graph(1)->dataCount(), 2);
    const std::optional<RunCurves> back = RunCurves::load(json, &error);
    QVERIFY(back);
    QCOMPARE(back->epochs.size(), monitor_.curves().epochs.size());
    QCOMPARE(back->epochs[1].kendallTau, monitor_.curves().epochs[1].kendallTau);

    QVERIFY(!monitor_.loadOverlay(csv, &error));
    QVERIFY2(error.startsWith(csv), qPrintable(error));
}

void TestTrainingMonitor::cancelStopsPromptly()
{
    // A longer run than the first, watched for two seconds with the plots live, then cancelled.
    TrainingController controller;
    connect(&controller, &TrainingController::step, &monitor_, &TrainingMonitor::addStep);
    connect(&controller, &TrainingController::epoch, &monitor_, &TrainingMonitor::addEpoch);
    QSignalSpy epochs(&controller, &TrainingController::epoch);
    QSignalSpy finished(&controller, &TrainingController::finished);
    // Far more epochs than two seconds hold, so the run is still going when cancelled.
    monitor_.startRun(QStringLiteral("long"), 100000);
    EventLoopGap gap;
    QVERIFY(controller.start(tinyConfig(100000), data_));
    QVERIFY(epochs.wait(120000));
    QTest::qWait(2000);
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(finished.count(), 0);
    controller.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    qInfo("%d epochs with live plots: largest event-loop gap %.1f ms; cancel -> finished in %lld ms",
          int(epochs.count()), gap.worstMs(), clock.elapsed());
    const TrainingOutcome outcome = finished.at(0).at(0).value<TrainingOutcome>();
    QCOMPARE(outcome.stopReason, QStringLiteral("cancelled"));
    // The goal is 50 ms, met at 15-35 ms on a quiet 2-core machine; with a parallel build on the same two
    // cores (load 8) other processes starve the GUI thread for up to ~90 ms, hence the CI bound.
    QVERIFY2(gap.worstMs() <= 150, qPrintable(QStringLiteral("event loop stalled %1 ms").arg(gap.worstMs())));
}

namespace {

// A synthetic run: `losses` as the steps of one epoch each, then `epochs` epochs with falling losses.
void feed(TrainingMonitor& monitor, const std::vector<double>& losses, int epochs)
{
    monitor.startRun(QStringLiteral("synthetic"), epochs);
    for (std::size_t i = 0; i < losses.size(); ++i)
        monitor.addStep(StepEvent{1, int(i) + 1, int(losses.size()), losses[i], 100});
    for (int e = 1; e <= epochs; ++e) {
        EpochEvent event;
        event.epoch = e;
        event.epochs = epochs;
        event.trainLoss = 1.0 / e;
        event.valLoss = 1.2 / e;
        event.kendallTau = 0.5 + 0.3 * e / epochs;
        event.pearson = 0.8;
        event.rmse = 0.01;
        event.valTrue = {0.90f, 0.91f, 0.93f};
        event.valPredicted = {0.905f, 0.915f, 0.92f};
        monitor.addEpoch(event);
    }
}

} // namespace

// A loss spike is drawn whole: the axis reaches above the highest point (rescaleAxes alone put it on
// the frame, its marker cut in half), in linear and in log scale.
void TestTrainingMonitor::peaksStayInsideThePlot_data()
{
    QTest::addColumn<bool>("logScale");
    QTest::newRow("linear") << false;
    QTest::newRow("log") << true;
}

void TestTrainingMonitor::peaksStayInsideThePlot()
{
    QFETCH(bool, logScale);
    TrainingMonitor monitor;
    monitor.findChild<QCheckBox*>(QStringLiteral("logScaleCheck"))->setChecked(logScale);
    feed(monitor, {0.8, 0.6, 5.0, 0.5, 0.4}, 3);
    const QCPRange loss = monitor.lossPlot()->yAxis->range();
    QVERIFY2(loss.upper > 5.0 * (logScale ? 1.05 : 1.0) && loss.upper < 7.0, qPrintable(QString::number(loss.upper)));
    QVERIFY2(loss.lower < 0.4 && loss.lower > 0, qPrintable(QString::number(loss.lower)));
    const QCPRange tau = monitor.tauPlot()->yAxis->range();
    QVERIFY2(tau.upper > 0.8 && tau.lower < 0.6, qPrintable(QStringLiteral("%1..%2").arg(tau.lower).arg(tau.upper)));
}

// A run overlaid with a long name keeps every legend inside its plot's axis rectangle, off the axis.
void TestTrainingMonitor::legendsStayInsideAfterAnOverlay()
{
    TrainingMonitor monitor;
    monitor.resize(960, 320);
    monitor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&monitor));
    feed(monitor, {0.8, 0.6, 0.5}, 4);
    QTemporaryDir dir;
    RunCurves other = monitor.curves();
    other.name = QStringLiteral("GNN, 20.001 cells, seed 123456, nodes 64, graph 32, the long-named comparison run");
    QString error;
    const QString path = dir.filePath(QStringLiteral("other.json"));
    QVERIFY2(other.save(path, &error), qPrintable(error));
    QVERIFY2(monitor.loadOverlay(path, &error), qPrintable(error));
    for (QCustomPlot* plot : {monitor.lossPlot(), monitor.scatterPlot(), monitor.tauPlot()}) {
        plot->replot(QCustomPlot::rpImmediateRefresh);
        const QRect legend = plot->legend->outerRect();
        const QRect inside = plot->axisRect()->rect();
        QVERIFY2(plot->legend->realVisibility(), qPrintable(plot->objectName()));
        QVERIFY2(inside.contains(legend),
                 qPrintable(QStringLiteral("%1: legend %2,%3 %4x%5 outside the axis rect %6,%7 %8x%9")
                                .arg(plot->objectName())
                                .arg(legend.x()).arg(legend.y()).arg(legend.width()).arg(legend.height())
                                .arg(inside.x()).arg(inside.y()).arg(inside.width()).arg(inside.height())));
    }
    // The overlay's name is still on screen, beside the plots.
    auto* label = monitor.findChild<QLabel*>(QStringLiteral("overlayNameLabel"));
    QVERIFY(label && label->text().contains(QStringLiteral("long-named comparison run")));
}

// Each file button's action writes its file, adds the filter's suffix where the dialog would, and
// says what it wrote (the window shows it in the status bar).
void TestTrainingMonitor::fileActionsReportWhatTheyWrote()
{
    TrainingMonitor monitor;
    feed(monitor, {0.8, 0.6}, 2);
    QSignalSpy saved(&monitor, &TrainingMonitor::fileSaved);
    QTemporaryDir dir;
    using A = TrainingMonitor::FileAction;
    for (const auto& [action, name] : {std::pair{A::SaveRun, "run.json"}, std::pair{A::ExportCsv, "run.csv"},
                                       std::pair{A::ExportPlots, "plots.svg"}}) {
        const QString path = dir.filePath(QLatin1String(name));
        QVERIFY(monitor.runFileAction(action, path));
        QVERIFY2(QFileInfo::exists(path), name);
        QCOMPARE(saved.takeFirst().at(0).toString(), path);
    }
    QVERIFY(monitor.runFileAction(A::OverlayRun, dir.filePath(QStringLiteral("run.json"))));
    QVERIFY(saved.isEmpty()); // opening a file is no save
}


void TestTrainingMonitor::progressFillsOnlyForARunThatReachedItsEnd_data()
{
    QTest::addColumn<QString>("stopReason");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("shown");
    QTest::newRow("completed") << "completed" << QString() << 10;
    QTest::newRow("early stop") << "early stop" << QString() << 10;
    QTest::newRow("cancelled") << "cancelled" << QString() << 3;
    QTest::newRow("diverged") << "diverged: the loss is NaN" << QString() << 3;
    QTest::newRow("failed") << "completed" << "out of memory" << 3;
}

// A cancelled run's bar jumped to 100 %.
void TestTrainingMonitor::progressFillsOnlyForARunThatReachedItsEnd()
{
    QFETCH(QString, stopReason);
    QFETCH(QString, error);
    QFETCH(int, shown);
    TrainingMonitor monitor;
    feed(monitor, {0.8, 0.6}, 3);
    auto* progress = monitor.findChild<QProgressBar*>(QStringLiteral("trainingProgress"));
    progress->setRange(0, 10);
    progress->setValue(3);
    TrainingOutcome outcome;
    outcome.stopReason = stopReason;
    outcome.error = error;
    monitor.finishRun(outcome.error.isEmpty() ? outcome.stopReason : outcome.error, outcome.reachedTheEnd());
    QCOMPARE(progress->value(), shown);
}

// The GNN's label-free pre-training runs before the first step: its lines show in the progress bar, as
// the main window connects them, and the first step gives the bar back its percentage.
void TestTrainingMonitor::preparationShowsUntilTheFirstStep()
{
    TrainingMonitor monitor;
    auto* progress = monitor.findChild<QProgressBar*>(QStringLiteral("trainingProgress"));
    TrainingController controller;
    connect(&controller, &TrainingController::step, &monitor, &TrainingMonitor::addStep);
    connect(&controller, &TrainingController::log, &monitor, &TrainingMonitor::showPreparation);
    QStringList shown;
    connect(&controller, &TrainingController::log, this, [&] { shown << progress->text(); });
    QSignalSpy finished(&controller, &TrainingController::finished);
    monitor.startRun(QStringLiteral("pre-trained"), 1);
    TrainingConfig c = tinyConfig(1);
    c.pretrainingEpochs = 1;
    QVERIFY(controller.start(c, data_));
    QVERIFY(finished.wait(300000));
    QVERIFY2(!shown.filter(QStringLiteral("label-free pre-training on 20000 cells: epoch 1/1")).isEmpty(),
             qPrintable(shown.join(QLatin1Char('\n'))));
    QCOMPARE(progress->format(), QStringLiteral("%p%"));
    monitor.showPreparation(QStringLiteral("too late"));
    QCOMPARE(progress->format(), QStringLiteral("%p%"));
}

ARCHSCOPE_GUI_TEST_MAIN(TestTrainingMonitor)
#include "tst_trainingmonitor.moc"
