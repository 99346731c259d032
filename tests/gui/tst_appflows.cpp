// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The app from the top, as a person uses it: the main window on the bundled data and model, a training
// started from the menu through the Train dialog, a second one cancelled, a cell opened from the table.

#include "dataset/DatasetTableModel.h"
#include "info/CellInfoPanel.h"
#include "MainWindow.h"
#include "TrainedModels.h"
#include "registry/PredictorRegistry.h"
#include "runtime/Runtime.h"
#include "TrainDialog.h"
#include "training/TrainingMonitor.h"
#include "../support/GuiTestMain.h"

#include <QAction>
#include <QDir>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QtTest>

#include <cmath>
#include <set>

using namespace archscope;

namespace {

constexpr int kLongWaitMs = 240000; // a loaded CI machine; a run here takes a few seconds

// Fills the Train dialog once it is open (it runs modally) and clicks its OK button: the Quick preset,
// shortened so that the run takes seconds.
void fillTrainDialogWhenOpen(int epochs)
{
    QTimer::singleShot(0, [epochs] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog && dialog->objectName() == QLatin1String("trainDialog"));
        auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("kindCombo"));
        kind->setCurrentIndex(kind->findData(QStringLiteral("gnn")));
        auto* preset = dialog->findChild<QComboBox*>(QStringLiteral("presetCombo"));
        preset->setCurrentIndex(0);
        dialog->findChild<QSpinBox*>(QStringLiteral("epochsSpin"))->setValue(epochs);
        dialog->findChild<QSpinBox*>(QStringLiteral("trainSizeSpin"))->setValue(400);
        dialog->findChild<QSpinBox*>(QStringLiteral("valSizeSpin"))->setValue(200);
        auto* buttons = dialog->findChild<QDialogButtonBox*>();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
}

QAction* action(const MainWindow& w, const char* name)
{
    return w.findChild<QAction*>(QString::fromLatin1(name));
}

int predictorRows(const MainWindow& w)
{
    return w.findChild<QTableWidget*>(QStringLiteral("predictionTable"))->rowCount();
}

} // namespace

class AppFlowsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchScopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_appflows"));
        // Runs finished here are kept in the (test-mode) data folder; each test run starts without them.
        QDir(TrainedModels::defaultFolder()).removeRecursively();
    }

    // The dialog offers what this machine and session have, starts from the registry's quick preset,
    // and comes back with the settings last accepted.
    void trainDialogOffersWhatIsThereAndRemembers()
    {
        QSettings().remove(QStringLiteral("train"));
        {
            TrainDialog dialog(QString{});
            auto* device = dialog.findChild<QComboBox*>(QStringLiteral("deviceCombo"));
            QCOMPARE(device->findData(QStringLiteral("cuda")) >= 0, cudaAvailable());
            // Without a VS-GAE the latent predictor cannot be trained.
            auto* kind = dialog.findChild<QComboBox*>(QStringLiteral("kindCombo"));
            auto* kinds = qobject_cast<QStandardItemModel*>(kind->model());
            QVERIFY(!kinds->item(kind->findData(QStringLiteral("vsgae-latent")))->isEnabled());
            QCOMPARE(dialog.config().epochs, predictorKind("gnn").quick.epochs);
            QCOMPARE(dialog.config().ensemble, 1);
            QCOMPARE(dialog.config().pretrainingEpochs, 0);
            dialog.findChild<QSpinBox*>(QStringLiteral("epochsSpin"))->setValue(7);
            dialog.findChild<QSpinBox*>(QStringLiteral("graphDimSpin"))->setValue(32);
            auto* preset = dialog.findChild<QComboBox*>(QStringLiteral("presetCombo"));
            preset->setCurrentIndex(1);
            QCOMPARE(dialog.config().ensemble, predictorKind("gnn").defaults.ensemble);
            QCOMPARE(dialog.config().pretrainingEpochs, predictorKind("gnn").defaults.pretrainingEpochs);
            // The full preset follows the training size as the CLI does: 100 cells in batches of 64
            // are 2 steps an epoch, so 200 epochs make a member's 400 steps, and 9 members.
            auto* trainSize = dialog.findChild<QSpinBox*>(QStringLiteral("trainSizeSpin"));
            trainSize->setValue(100);
            dialog.findChild<QSpinBox*>(QStringLiteral("valSizeSpin"))->setValue(100);
            QCOMPARE(dialog.config().epochs, 200);
            QCOMPARE(dialog.config().ensemble, 9);
            trainSize->setValue(1000);
            QCOMPARE(dialog.config().epochs, predictorKind("gnn").defaults.epochs);
            QCOMPARE(dialog.config().ensemble, predictorKind("gnn").defaults.ensemble);
            dialog.findChild<QSpinBox*>(QStringLiteral("epochsSpin"))->setValue(7);
            dialog.findChild<QSpinBox*>(QStringLiteral("pretrainingEpochsSpin"))->setValue(3);
            QTest::mouseClick(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        }
        TrainDialog again(QStringLiteral("/models/vsgae.safetensors"));
        QCOMPARE(again.config().epochs, 7);
        QCOMPARE(again.config().ensemble, predictorKind("gnn").defaults.ensemble);
        QCOMPARE(again.config().pretrainingEpochs, 3);
        auto* kind = again.findChild<QComboBox*>(QStringLiteral("kindCombo"));
        kind->setCurrentIndex(kind->findData(QStringLiteral("vsgae-latent")));
        QCOMPARE(again.config().model, std::string("vsgae-latent"));
        // The VS-GAE's encoder is frozen: nothing to pre-train.
        QVERIFY(!again.findChild<QSpinBox*>(QStringLiteral("pretrainingEpochsSpin"))->isEnabled());
        QCOMPARE(again.config().pretrainingEpochs, 0);
        QCOMPARE(again.config().latentModelPath, std::string("/models/vsgae.safetensors"));
    }

    // Ctrl+Z undoes and Ctrl+Y redoes, besides the platform's own redo keys.
    void undoAndRedoKeys()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto* undo = action(w, "undoAction");
        auto* view = w.findChild<QWidget*>(QStringLiteral("cellView"));
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Insert);
        QVERIFY(undo->isEnabled());
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!undo->isEnabled());
        QTest::keyClick(&w, Qt::Key_Y, Qt::ControlModifier);
        QVERIFY(undo->isEnabled());
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(undo->isEnabled());
    }

    void trainsFromTheMenuCancelsAndPredictsACell()
    {
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDefaults();
        QVERIFY(loaded.wait(kLongWaitMs));
        QVERIFY2(w.windowTitle().startsWith(QStringLiteral("nb101-dev.jsonl.gz")), qPrintable(w.windowTitle()));
        // The bundled GNN shows in the cell info once it is loaded.
        QTRY_VERIFY_WITH_TIMEOUT(predictorRows(w) >= 1, kLongWaitMs);
        const int predictorsBefore = predictorRows(w);

        // A short run from Model ▸ Train Predictor: epochs reach the monitor, τ is a number, and the
        // new model joins the predictors and fills the dataset's Predicted column.
        auto* monitor = w.findChild<TrainingMonitor*>();
        fillTrainDialogWhenOpen(3);
        action(w, "trainAction")->trigger();
        QVERIFY(!action(w, "trainAction")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "trainAction")->isEnabled(), kLongWaitMs);
        QCOMPARE(int(monitor->curves().epochs.size()), 3);
        QVERIFY(std::isfinite(monitor->curves().epochs.back().kendallTau));
        QVERIFY(monitor->curves().epochs.back().kendallTau > 0.2);
        QVERIFY(!w.findChild<QLabel*>(QStringLiteral("deviceLabel"))->text().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(predictorRows(w), predictorsBefore + 1, kLongWaitMs);
        auto* table = w.findChild<QTableView*>(QStringLiteral("datasetTable"));
        std::set<QString> predicted;
        QTRY_VERIFY_WITH_TIMEOUT(!table->model()->index(0, DatasetTableModel::Predicted).data().toString().isEmpty(),
                                 kLongWaitMs);
        for (int row = 0; row < 50; ++row)
            predicted.insert(table->model()->index(row, DatasetTableModel::Predicted).data().toString());
        QVERIFY2(predicted.size() > 10, "the new model's predictions in the dataset table hardly vary");

        // A second run, cancelled from the menu once its first steps are in: no model is added.
        fillTrainDialogWhenOpen(200);
        action(w, "trainAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!monitor->curves().steps.empty(), kLongWaitMs);
        QVERIFY(action(w, "cancelTrainingAction")->isEnabled());
        action(w, "cancelTrainingAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "trainAction")->isEnabled(), kLongWaitMs);
        QVERIFY(monitor->curves().epochs.size() < 200);
        QTest::qWait(200);
        QCOMPARE(predictorRows(w), predictorsBefore + 1);

        // Clicking a row of the dataset opens that cell; its predictions appear in the cell info.
        table->scrollToTop();
        const QRect row = table->visualRect(table->model()->index(2, DatasetTableModel::Hash));
        const QString hash = table->model()->index(2, DatasetTableModel::Hash).data().toString();
        QSignalSpy shown(w.findChild<CellInfoPanel*>(), &CellInfoPanel::predictionShown);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, row.center());
        QTRY_VERIFY_WITH_TIMEOUT(w.findChild<QLabel*>(QStringLiteral("hashLabel"))->text().contains(hash.left(8)),
                                 kLongWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kLongWaitMs);
        auto* predictions = w.findChild<QTableWidget*>(QStringLiteral("predictionTable"));
        for (int i = 0; i < predictions->rowCount(); ++i)
            QVERIFY2(predictions->item(i, 2)->text().contains(QLatin1Char('%')), qPrintable(predictions->item(i, 2)->text()));
    }
};

ARCHSCOPE_GUI_TEST_MAIN(AppFlowsTest)
#include "tst_appflows.moc"
