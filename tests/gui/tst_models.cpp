// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The Models panel as a user works it: the predictors kept from earlier runs are listed and loaded at
// start; one is renamed in place, unloaded and loaded again, its folder revealed, and deleted after
// the question (Cancel first keeps it). A run stopped early is resumed from the panel and completes.
#include "MainWindow.h"
#include "TrainedModels.h"
#include "info/PredictionService.h"
#include "registry/PredictorRegistry.h"
#include "training/QCustomPlotHeader.h"
#include "training/TrainingMonitor.h"
#include "../support/GuiTestMain.h"

#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace archscope;

namespace {

constexpr int kWaitMs = 60000;

QStringList predictorNames(const MainWindow& w)
{
    QStringList names;
    for (const auto& p : w.findChild<PredictionService*>()->predictors())
        names << QString::fromStdString(p->name());
    return names;
}

QString predictorStatus(const MainWindow& w) { return w.findChild<QLabel*>(QStringLiteral("predictorStatus"))->text(); }

// Answers the delete question once it is open by clicking `button`.
void answerDeleteQuestion(const QString& button, bool* asked)
{
    QTimer::singleShot(100, [button, asked] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        *asked = box && box->objectName() == QLatin1String("deleteModelBox");
        if (!box)
            return;
        QAbstractButton* b = button == QLatin1String("cancel") ? box->button(QMessageBox::Cancel)
                                                               : box->findChild<QPushButton*>(button);
        QTest::mouseClick(b, Qt::LeftButton);
    });
}

} // namespace

class TestModelsPanel : public QObject {
    Q_OBJECT

public Q_SLOTS:
    void openUrl(const QUrl& url) { revealed_ = url; }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void listsRenamesUnloadsRevealsAndDeletes()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const TrainedModels kept(folder.path());
        QString error;
        const QString model = kept.save(*loadPredictor(ARCHSCOPE_MODELS_DIR "/gnn-default.safetensors"), 1000,
                                        QStringLiteral("completed"), RunCurves{}, std::nullopt, &error);
        QVERIFY2(!model.isEmpty(), qPrintable(error));

        MainWindow w;
        w.setTrainedModelsFolder(folder.path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openDefaults();
        // The bundled predictor and the kept one.
        QTRY_COMPARE_WITH_TIMEOUT(predictorStatus(w), test::shownText("archscope::MainWindow", "%Ln predictor(s)", 2), kWaitMs);

        auto* dock = w.findChild<QDockWidget*>(QStringLiteral("modelsDock"));
        dock->show();
        dock->raise();
        auto* table = w.findChild<QTableWidget*>(QStringLiteral("modelsTable"));
        QTRY_VERIFY(table->isVisible());
        QCOMPARE(table->rowCount(), 1);
        const QString ownName = table->item(0, 0)->text();
        QVERIFY2(ownName.startsWith(QStringLiteral("GNN")), qPrintable(ownName));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("gnn"));
        QCOMPARE(table->item(0, 2)->text(), QLocale().toString(qint64(1000)));
        QCOMPARE(table->item(0, 5)->text(), test::shownText("archscope::ModelsPanel", "yes"));

        // Rename in place: select the row, F2, type, Enter. The name is kept on disk and shown at once.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualItemRect(table->item(0, 0)).center());
        QTest::keyClick(table, Qt::Key_F2);
        auto* editor = table->findChild<QLineEdit*>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("baseline GNN"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(TrainedModels(folder.path()).entries().value(0).name, QStringLiteral("baseline GNN"));
        QVERIFY(predictorNames(w).contains(QStringLiteral("baseline GNN")));
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("baseline GNN"));

        // Unload, then load again: the name stays the user's.
        auto* unload = w.findChild<QPushButton*>(QStringLiteral("unloadModelButton"));
        auto* load = w.findChild<QPushButton*>(QStringLiteral("loadModelButton"));
        QVERIFY(unload->isEnabled() && !load->isEnabled());
        QTest::mouseClick(unload, Qt::LeftButton);
        QCOMPARE(predictorStatus(w), test::shownText("archscope::MainWindow", "%Ln predictor(s)", 1));
        QVERIFY(!predictorNames(w).contains(QStringLiteral("baseline GNN")));
        QCOMPARE(table->item(0, 5)->text(), test::shownText("archscope::ModelsPanel", "no"));
        QVERIFY(load->isEnabled());
        QTest::mouseClick(load, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(predictorStatus(w), test::shownText("archscope::MainWindow", "%Ln predictor(s)", 2), kWaitMs);
        QVERIFY(predictorNames(w).contains(QStringLiteral("baseline GNN")));

        // Reveal opens the models' folder.
        QDesktopServices::setUrlHandler(QStringLiteral("file"), this, "openUrl");
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("revealModelButton")), Qt::LeftButton);
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        QCOMPARE(revealed_, QUrl::fromLocalFile(folder.path()));

        // Delete asks first: Cancel keeps everything, Delete removes the files and the predictor.
        bool asked = false;
        answerDeleteQuestion(QStringLiteral("cancel"), &asked);
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("deleteModelButton")), Qt::LeftButton);
        QVERIFY(asked);
        QVERIFY(QFile::exists(model));
        QCOMPARE(table->rowCount(), 1);
        asked = false;
        answerDeleteQuestion(QStringLiteral("confirmDeleteButton"), &asked);
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("deleteModelButton")), Qt::LeftButton);
        QVERIFY(asked);
        QCOMPARE(table->rowCount(), 0);
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files), QStringList());
        QCOMPARE(predictorStatus(w), test::shownText("archscope::MainWindow", "%Ln predictor(s)", 1));
    }

    // The monitor a restored layout shows is not empty: it has the newest kept run's curves.
    void newestRunsCurvesComeBack()
    {
        QTemporaryDir folder;
        const TrainedModels kept(folder.path());
        RunCurves run;
        run.name = QStringLiteral("GNN (last run)");
        const double nan = std::nan("");
        for (int e = 1; e <= 3; ++e) {
            run.steps.push_back({e - 0.5, 1.0 / e});
            run.epochs.push_back({e, 1.0 / e, 1.2 / e, 0.5 + 0.1 * e, 0.6, 0.02, 2.0 * e, nan, nan});
        }
        QString error;
        QVERIFY2(!kept.save(*loadPredictor(ARCHSCOPE_MODELS_DIR "/gnn-default.safetensors"), 1000, QStringLiteral("completed"),
                            run, std::nullopt, &error)
                      .isEmpty(),
                 qPrintable(error));
        MainWindow w;
        w.setTrainedModelsFolder(folder.path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openDefaults();
        auto* monitor = w.findChild<TrainingMonitor*>();
        QCOMPARE(int(monitor->curves().epochs.size()), 3);
        QCOMPARE(monitor->lossPlot()->graph(1)->dataCount(), 3);
        QCOMPARE(monitor->tauPlot()->graph(0)->dataCount(), 3);
        QCOMPARE(monitor->curves().name, run.name);
    }

    // Stop a run early: its model and checkpoint are kept, and Resume goes on from where it stopped,
    // to the end; the model's files are replaced (under the user's name) and the checkpoint goes.
    void stoppedRunResumesToItsEnd()
    {
        QTemporaryDir folder;
        MainWindow w;
        w.setTrainedModelsFolder(folder.path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDataset(QStringLiteral(ARCHSCOPE_TEST_DATA));
        QVERIFY(loaded.wait(kWaitMs));
        TrainingConfig config;
        config.trainSize = 200;
        config.valSize = 100;
        config.epochs = 30;
        config.ensemble = 1;
        config.nodeDim = 16;
        config.graphDim = 8;
        config.pretrainingEpochs = 0;
        config.seed = 7;
        w.startTraining(config);
        auto* monitor = w.findChild<TrainingMonitor*>();
        QTRY_VERIFY_WITH_TIMEOUT(monitor->curves().epochs.size() >= 2, kWaitMs);
        QTest::mouseClick(monitor->findChild<QPushButton*>(QStringLiteral("cancelTrainingButton")), Qt::LeftButton);

        const TrainedModels kept(folder.path());
        QString error;
        QTRY_COMPARE_WITH_TIMEOUT(kept.entries().size(), 1, kWaitMs);
        const TrainedModels::Entry stopped = kept.entries().front();
        QVERIFY2(stopped.stopped, qPrintable(stopped.stopReason));
        QVERIFY(QFileInfo(stopped.stopped->checkpoint).isFile());
        QCOMPARE(stopped.stopped->config.seed, std::uint64_t(7));
        QCOMPARE(stopped.stopped->config.epochs, 30);
        const int stoppedAt = RunCurves::load(TrainedModels::runCurvesPath(stopped.model), &error)->epochs.back().epoch;
        QVERIFY2(stoppedAt < 30, qPrintable(QString::number(stoppedAt)));
        qInfo("stopped after epoch %d", stoppedAt);

        auto* dock = w.findChild<QDockWidget*>(QStringLiteral("modelsDock"));
        dock->show();
        dock->raise();
        auto* table = w.findChild<QTableWidget*>(QStringLiteral("modelsTable"));
        QTRY_VERIFY(table->isVisible());
        auto* resume = w.findChild<QPushButton*>(QStringLiteral("resumeModelButton"));
        QVERIFY(!resume->isEnabled());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualItemRect(table->item(0, 0)).center());
        QVERIFY(resume->isEnabled());
        // Renamed first: the resumed run's model keeps the user's name.
        QVERIFY(kept.rename(stopped.model, QStringLiteral("my long run"), &error));

        QSignalSpy messages(w.statusBar(), &QStatusBar::messageChanged);
        QTest::mouseClick(resume, Qt::LeftButton);
        QVERIFY(!resume->isEnabled()); // one run at a time
        // The curves go on from the stopped run's, and so does the training: from its checkpoint.
        QVERIFY(!monitor->curves().epochs.empty());
        const QString resumedFrom = QStringLiteral("resuming from %1 after epoch ").arg(stopped.stopped->checkpoint);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(messages.begin(), messages.end(),
                                             [&](const QList<QVariant>& m) { return m.value(0).toString().startsWith(resumedFrom); }),
                                 kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!w.findChild<QAction*>(QStringLiteral("cancelTrainingAction"))->isEnabled(), 5 * kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!kept.entries().front().stopped, kWaitMs);

        const QList<TrainedModels::Entry> after = kept.entries();
        QCOMPARE(after.size(), 1);
        QCOMPARE(after.front().model, stopped.model);
        QCOMPARE(after.front().name, QStringLiteral("my long run"));
        QVERIFY(!QFile::exists(stopped.stopped->checkpoint));
        QVERIFY(!resume->isEnabled());
        // Every epoch once, 1 to 30, in order: those redone after the checkpoint are not doubled.
        const RunCurves run = *RunCurves::load(TrainedModels::runCurvesPath(stopped.model), &error);
        QCOMPARE(int(run.epochs.size()), 30);
        for (int e = 0; e < 30; ++e)
            QCOMPARE(run.epochs[std::size_t(e)].epoch, e + 1);
        for (std::size_t i = 1; i < run.steps.size(); ++i)
            QVERIFY(run.steps[i].x > run.steps[i - 1].x);
        QVERIFY(predictorNames(w).contains(QStringLiteral("my long run")));
    }

    // A checkpoint that no kept model resumes from (a run discarded as the app closed) is deleted at
    // the next start; one that a stopped model resumes from stays.
    void unusedCheckpointsGoAtStart()
    {
        QTemporaryDir folder;
        const TrainedModels kept(folder.path());
        const auto newCheckpoint = [&kept] {
            const QString path = kept.newCheckpointPath();
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write("checkpoint") > 0 ? path : QString();
        };
        const QString orphan = newCheckpoint();
        const QString used = newCheckpoint();
        QVERIFY(!orphan.isEmpty() && !used.isEmpty() && orphan != used);
        TrainingConfig config;
        config.epochs = 7;
        QString error;
        const QString model = kept.save(*loadPredictor(ARCHSCOPE_MODELS_DIR "/gnn-default.safetensors"), 1000,
                                        QStringLiteral("cancelled"), RunCurves{},
                                        TrainedModels::StoppedRun{config, used, QStringLiteral(ARCHSCOPE_TEST_DATA)}, &error);
        QVERIFY2(!model.isEmpty(), qPrintable(error));
        QVERIFY(kept.entry(model).stopped);
        MainWindow w;
        w.setTrainedModelsFolder(folder.path());
        w.openDefaults();
        QVERIFY(!QFile::exists(orphan));
        QVERIFY(QFile::exists(used));
        QCOMPARE(kept.entry(model).stopped->config.epochs, 7);
    }

private:
    QUrl revealed_;
};

ARCHSCOPE_GUI_TEST_MAIN(TestModelsPanel)
#include "tst_models.moc"
