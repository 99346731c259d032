// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Model ▸ Train This Cell as a person uses it: the dialog, a run on a tiny Fashion-MNIST made here that is
// cancelled from the monitor, and a completed run whose accuracy shows in the cell info and the dataset's
// Measured column and is still there after a restart.

#include "data/DatasetLoader.h"
#include "dataset/DatasetTableModel.h"
#include "info/MeasuredNetworks.h"
#include "MainWindow.h"
#include "runtime/Runtime.h"
#include "training/QCustomPlotHeader.h"
#include "training/TrainingMonitor.h"
#include "TrainNetDialog.h"
#include "../support/GuiTestMain.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>

using namespace archscope;

namespace {

constexpr int kLongWaitMs = 240000; // a loaded CI machine; the tiny runs here take a second or two

QByteArray bigEndian(quint32 v)
{
    QByteArray bytes;
    for (int shift : {24, 16, 8, 0})
        bytes += char((v >> shift) & 0xffu);
    return bytes;
}

// An IDX file of unsigned bytes: magic 0x0000080D for D dimensions, the sizes, then the bytes.
void writeIdx(const QString& path, const QList<quint32>& shape, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray data = bigEndian(0x800u + quint32(shape.size()));
    for (quint32 n : shape)
        data += bigEndian(n);
    f.write(data + bytes);
}

// Fashion-MNIST's four files, uncompressed, with `train` and `test` 8x8 images whose brightness
// follows their class, so that even a tiny network learns something.
void writeTinyFashionMnist(const QString& dir, quint32 train, quint32 test)
{
    const auto write = [&dir](const QString& prefix, quint32 n) {
        QByteArray images, labels;
        for (quint32 i = 0; i < n; ++i) {
            const int label = int(i % 10);
            labels += char(label);
            for (int p = 0; p < 64; ++p)
                images += char((label * 25 + p * (label % 3)) & 0xff);
        }
        writeIdx(dir + QStringLiteral("/%1-images-idx3-ubyte").arg(prefix), {n, 8, 8}, images);
        writeIdx(dir + QStringLiteral("/%1-labels-idx1-ubyte").arg(prefix), {n}, labels);
    };
    write(QStringLiteral("train"), train);
    write(QStringLiteral("t10k"), test);
}

// Fills Train This Cell once it is open (it runs modally) and clicks its OK button: a network of one
// module with four stem channels on the tiny images.
void fillTrainNetDialogWhenOpen(const QString& dir, int epochs)
{
    QTimer::singleShot(0, [dir, epochs] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog && dialog->objectName() == QLatin1String("trainNetDialog"));
        auto* folder = dialog->findChild<QLineEdit*>(QStringLiteral("taskDirEdit"));
        folder->clear();
        QTest::keyClicks(folder, dir);
        dialog->findChild<QSpinBox*>(QStringLiteral("stemSpin"))->setValue(4);
        dialog->findChild<QSpinBox*>(QStringLiteral("stacksSpin"))->setValue(1);
        dialog->findChild<QSpinBox*>(QStringLiteral("modulesSpin"))->setValue(1);
        dialog->findChild<QSpinBox*>(QStringLiteral("epochsSpin"))->setValue(epochs);
        dialog->findChild<QSpinBox*>(QStringLiteral("trainImagesSpin"))->setValue(0);
        dialog->findChild<QSpinBox*>(QStringLiteral("evalImagesSpin"))->setValue(0);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
}

// Fills File ▸ Export Network once it is open: the format and weights entries at `format` and
// `weights` (0: fresh), a stem of `stem` channels for fresh weights, and the file; clicks Export. The
// weights entry's checkpoint lands in `checkpoint`.
void fillExportDialogWhenOpen(const QString& file, int format, int weights, int stem, QString* checkpoint)
{
    QTimer::singleShot(0, [=] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog && dialog->objectName() == QLatin1String("exportNetworkDialog"));
        auto* formats = dialog->findChild<QComboBox*>(QStringLiteral("exportFormatCombo"));
        auto* weightsCombo = dialog->findChild<QComboBox*>(QStringLiteral("exportWeightsCombo"));
        formats->setCurrentIndex(format);
        QVERIFY(weights < weightsCombo->count());
        weightsCombo->setCurrentIndex(weights);
        *checkpoint = weightsCombo->currentData().toString();
        auto* stemSpin = dialog->findChild<QSpinBox*>(QStringLiteral("exportStemSpin"));
        QCOMPARE(stemSpin->isEnabled(), weights == 0);
        if (weights == 0)
            stemSpin->setValue(stem);
        auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("exportFileEdit"));
        edit->clear();
        QTest::keyClicks(edit, file);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
}

QAction* action(const MainWindow& w, const char* name)
{
    return w.findChild<QAction*>(QString::fromLatin1(name));
}

QString measuredText(const MainWindow& w)
{
    return w.findChild<QLabel*>(QStringLiteral("measuredLabel"))->text();
}

// The main window on the bundled dataset, shown and active.
std::unique_ptr<MainWindow> openWindowOnDataset()
{
    auto w = std::make_unique<MainWindow>();
    w->show();
    if (!QTest::qWaitForWindowActive(w.get()))
        return nullptr;
    QSignalSpy loaded(w.get(), &MainWindow::datasetLoaded);
    w->openDataset(QString::fromStdString(defaultDatasetPath()));
    return loaded.wait(kLongWaitMs) ? std::move(w) : nullptr;
}

// Clicks a row of the dataset table, which opens its cell in the editor.
void clickDatasetRow(const MainWindow& w, int row)
{
    auto* table = w.findChild<QTableView*>(QStringLiteral("datasetTable"));
    table->scrollToTop();
    const QRect rect = table->visualRect(table->model()->index(row, DatasetTableModel::Hash));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
}

QVariant measuredCell(const MainWindow& w, int row)
{
    return w.findChild<QTableView*>(QStringLiteral("datasetTable"))->model()->index(row, DatasetTableModel::Measured).data();
}

} // namespace

class TrainNetTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchScopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_trainnet"));
        QVERIFY(images_.isValid());
        writeTinyFashionMnist(images_.path(), 600, 100);
    }

    // Every test starts as a first launch: no remembered settings or window layout, no results.
    void init()
    {
        QSettings().clear();
        QFile::remove(MeasuredNetworks::defaultPath());
    }

    // A quick CPU run by default; CUDA only where there is one; CIFAR-10 needs its folder; the settings
    // accepted come back.
    void dialogDefaultsAndRemembers()
    {
        {
            TrainNetDialog dialog;
            const NetTrainingConfig c = dialog.config();
            QCOMPARE(c.task, std::string("fashion-mnist"));
            QCOMPARE(c.network.stemChannels, 16);
            QCOMPARE(c.network.numStacks, 3);
            QCOMPARE(c.network.cellsPerStack, 1);
            QCOMPARE(c.epochs, 4);
            QCOMPARE(c.trainImages, 5000);
            QCOMPARE(c.evalImages, 2000);
            auto* device = dialog.findChild<QComboBox*>(QStringLiteral("deviceCombo"));
            QCOMPARE(device->findData(QStringLiteral("cuda")) >= 0, cudaAvailable());
            QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            QVERIFY(ok->isEnabled());
            auto* task = dialog.findChild<QComboBox*>(QStringLiteral("taskCombo"));
            task->setCurrentIndex(task->findData(QStringLiteral("cifar10")));
            QVERIFY(!ok->isEnabled());
            QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("taskDirEdit")), QStringLiteral("/data/cifar"));
            QVERIFY(ok->isEnabled());
            dialog.findChild<QSpinBox*>(QStringLiteral("epochsSpin"))->setValue(12);
            QTest::mouseClick(ok, Qt::LeftButton);
        }
        TrainNetDialog again;
        QCOMPARE(again.config().task, std::string("cifar10"));
        QCOMPARE(again.config().taskDir, std::string("/data/cifar"));
        QCOMPARE(again.config().epochs, 12);
    }

    // Started with its shortcut, cancelled with the monitor's button once epochs come in: the run
    // stops early, nothing is recorded, and both training actions are back.
    void cancelledRunRecordsNothing()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto* trainNet = action(w, "trainNetAction");
        QVERIFY(trainNet->isEnabled());
        auto* monitor = w.findChild<TrainingMonitor*>();
        QVERIFY(!monitor->isVisible());
        fillTrainNetDialogWhenOpen(images_.path(), 1000);
        QTest::keyClick(&w, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!trainNet->isEnabled());
        QVERIFY(!action(w, "trainAction")->isEnabled());
        QVERIFY(monitor->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!monitor->curves().epochs.empty(), kLongWaitMs);
        QVERIFY(monitor->accuracyPlot()->isVisible());
        QVERIFY(monitor->tauPlot()->isHidden());
        QTest::mouseClick(monitor->findChild<QPushButton*>(QStringLiteral("cancelTrainingButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(trainNet->isEnabled(), kLongWaitMs);
        QVERIFY(action(w, "trainAction")->isEnabled());
        QVERIFY(!action(w, "cancelTrainingAction")->isEnabled());
        QVERIFY(monitor->curves().epochs.size() < 1000);
        QCOMPARE(w.findChild<QLabel*>(QStringLiteral("etaLabel"))->text(), test::shownText("archscope::StopReasonText", "cancelled"));
        QVERIFY(!QFile::exists(MeasuredNetworks::defaultPath()));
        QCOMPARE(measuredText(w), test::shownText("archscope::CellInfoPanel", "not measured"));
    }

    // A completed run from the menu: accuracy curves per epoch, the accuracy in the cell info and in the
    // dataset's Measured column for that cell only, and both again in a new window.
    void completedRunIsShownAndSurvivesRestart()
    {
        QString shown;
        {
            std::unique_ptr<MainWindow> w = openWindowOnDataset();
            QVERIFY(w);
            QVERIFY(!measuredCell(*w, 0).isValid());
            clickDatasetRow(*w, 0);
            QTRY_COMPARE_WITH_TIMEOUT(measuredText(*w), test::shownText("archscope::CellInfoPanel", "not measured"), kLongWaitMs);
            fillTrainNetDialogWhenOpen(images_.path(), 2);
            action(*w, "trainNetAction")->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(action(*w, "trainNetAction")->isEnabled(), kLongWaitMs);
            auto* monitor = w->findChild<TrainingMonitor*>();
            QCOMPARE(int(monitor->curves().epochs.size()), 2);
            // The images it really trained on: the tiny task's 600, of which the last fifth validate.
            const QString device = monitor->findChild<QLabel*>(QStringLiteral("deviceLabel"))->text();
            const QString images = test::shownText("archscope::MainWindow", "%1; %2 training and %3 validation images")
                                       .arg(QString(), QStringLiteral("480"), QStringLiteral("120"));
            QVERIFY2(device.endsWith(images), qPrintable(device + QStringLiteral(" | ") + images));
            QCOMPARE(monitor->accuracyPlot()->graph(0)->dataCount(), 2);
            QCOMPARE(monitor->accuracyPlot()->graph(1)->dataCount(), 2);
            // Export CSV carries the accuracies of each epoch.
            QTemporaryDir out;
            QString error;
            QVERIFY2(monitor->exportCsv(out.filePath(QStringLiteral("run.csv")), &error), qPrintable(error));
            QFile csv(out.filePath(QStringLiteral("run.csv")));
            QVERIFY(csv.open(QIODevice::ReadOnly));
            const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
            QVERIFY(lines[0].endsWith("val_accuracy,test_accuracy"));
            QCOMPARE(lines.size(), 3);
            QCOMPARE(lines[2].split(',').last().toDouble(), monitor->curves().epochs.back().testAccuracy);
            // A network ranks no cells: its τ, r and RMSE are missing, never 0.
            const QList<QByteArray> fields = lines[2].split(',');
            QVERIFY2(fields[3].isEmpty() && fields[4].isEmpty() && fields[5].isEmpty(), lines[2].constData());
            shown = measuredText(*w);
            QVERIFY2(shown.contains(QLatin1Char('%')) && shown.contains(QStringLiteral("fashion-mnist")),
                     qPrintable(shown));
            QVERIFY(QFile::exists(MeasuredNetworks::defaultPath()));
            const QVariant measured = measuredCell(*w, 0);
            QVERIFY(measured.isValid());
            QVERIFY(measured.toDouble() >= 0 && measured.toDouble() <= 1);
            QVERIFY(!measuredCell(*w, 1).isValid());
        }
        std::unique_ptr<MainWindow> again = openWindowOnDataset();
        QVERIFY(again);
        QVERIFY(measuredCell(*again, 0).isValid());
        QVERIFY(!measuredCell(*again, 1).isValid());
        clickDatasetRow(*again, 1);
        QTRY_COMPARE_WITH_TIMEOUT(measuredText(*again), test::shownText("archscope::CellInfoPanel", "not measured"), kLongWaitMs);
        clickDatasetRow(*again, 0);
        QTRY_COMPARE_WITH_TIMEOUT(measuredText(*again), shown, kLongWaitMs);
    }

    // A Train This Cell run keeps its network: File ▸ Export Network offers it beside fresh weights, and
    // writes either as a PyTorch script or an ONNX model on a worker, saying so in the status bar.
    void exportsFreshAndTrainedNetworks()
    {
        std::unique_ptr<MainWindow> w = openWindowOnDataset();
        QVERIFY(w);
        clickDatasetRow(*w, 0);
        QTRY_COMPARE_WITH_TIMEOUT(measuredText(*w), test::shownText("archscope::CellInfoPanel", "not measured"), kLongWaitMs);
        fillTrainNetDialogWhenOpen(images_.path(), 1);
        action(*w, "trainNetAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(action(*w, "trainNetAction")->isEnabled(), kLongWaitMs);
        const QString hash = w->findChild<QTableView*>(QStringLiteral("datasetTable"))
                                 ->model()->index(0, DatasetTableModel::Hash).data().toString();

        QTemporaryDir out;
        const QString script = out.filePath(QStringLiteral("trained.py"));
        QString checkpoint;
        fillExportDialogWhenOpen(script, 1, 1, 0, &checkpoint);
        action(*w, "exportNetworkAction")->trigger();
        QVERIFY2(checkpoint.contains(hash.left(8)) && QFile::exists(checkpoint), qPrintable(checkpoint));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(script), kLongWaitMs);
        QFile text(script);
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QByteArray body = text.readAll();
        QVERIFY(body.contains("WEIGHTS = \"" + QFile::encodeName(QFileInfo(checkpoint).absoluteFilePath()) + '"'));
        QVERIFY(body.contains("(\"conv\", [0], (3, 1, 4))")); // the run's stem: 4 channels on one-channel images
        QTRY_VERIFY_WITH_TIMEOUT(w->statusBar()->currentMessage().contains(script), kLongWaitMs);

        const QString onnx = out.filePath(QStringLiteral("fresh.onnx"));
        fillExportDialogWhenOpen(onnx, 0, 0, 8, &checkpoint);
        action(*w, "exportNetworkAction")->trigger();
        QVERIFY(checkpoint.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(onnx), kLongWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(w->statusBar()->currentMessage().contains(onnx), kLongWaitMs);
        QVERIFY(QFileInfo(onnx).size() > 1000);
    }

    // Closing the window mid-run stops the run and waits for it, as with a predictor's training.
    void closesMidRun()
    {
        auto w = std::make_unique<MainWindow>();
        w->show();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        fillTrainNetDialogWhenOpen(images_.path(), 1000);
        action(*w, "trainNetAction")->trigger();
        auto* monitor = w->findChild<TrainingMonitor*>();
        QTRY_VERIFY_WITH_TIMEOUT(!monitor->curves().epochs.empty(), kLongWaitMs);
        // Quitting asks first; "Stop the Run" closes the window once the run has stopped.
        bool asked = false;
        QTimer::singleShot(100, this, [&asked] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box)
                return;
            asked = true;
            QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("stopAndKeepButton")), Qt::LeftButton);
        });
        w->close();
        QVERIFY(asked);
        QTRY_VERIFY_WITH_TIMEOUT(!w->isVisible(), kLongWaitMs);
        w.reset();
        QVERIFY(!QFile::exists(MeasuredNetworks::defaultPath()));
    }

private:
    QTemporaryDir images_;
};

ARCHSCOPE_GUI_TEST_MAIN(TrainNetTest)
#include "tst_trainnet.moc"
