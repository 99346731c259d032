// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The window as a new user meets it (issue 13): the first screen, the remembered layout, the help
// menu, saves confirmed in the status bar, undo texts that read as sentences, the dark palette.
#include "AppSettings.h"
#include "HelpDialogs.h"
#include "MainWindow.h"
#include "TrainedModels.h"
#include "dataset/DatasetTableModel.h"
#include "latent/LatentMapWidget.h"
#include "training/QCustomPlotHeader.h"
#include "training/TrainingMonitor.h"

#include "../support/TestData.h"
#include "cell/ModuleHash.h"
#include "data/CellText.h"
#include "../support/GuiTestMain.h"

#include <QAction>
#include <QDir>
#include <QApplication>
#include <QClipboard>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QDockWidget>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTranslator>
#include <QLocale>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollBar>
#include <QtTest>

#include <cstring>

#include <iterator>
#include <memory>
#include <vector>

using namespace archscope;

namespace {

QDockWidget* dock(const MainWindow& w, const char* name)
{
    return w.findChild<QDockWidget*>(QString::fromLatin1(name));
}

QAction* action(const MainWindow& w, const char* name)
{
    return w.findChild<QAction*>(QString::fromLatin1(name));
}

// The lightness of what a plot draws in its top-left corner, outside the axes: its background.
int backgroundLightness(QCustomPlot* plot)
{
    return plot->toPixmap(200, 150).toImage().pixelColor(2, 2).lightness();
}

// The lightest pixel of a menu item as drawn.
int brightestPixel(const QImage& image, const QRect& rect)
{
    int most = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            if (image.valid(x, y))
                most = std::max(most, image.pixelColor(x, y).lightness());
    return most;
}

} // namespace

class TestExplorerWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchScopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_explorerwindow"));
        // Runs finished here are kept in the (test-mode) data folder; each test run starts without them.
        QDir(TrainedModels::defaultFolder()).removeRecursively();
        QSettings().clear();
    }

    // At first launch the cell, its figures, the data and the latent map share the screen; the
    // training monitor stays hidden until a run starts.
    void firstScreenAndTheMonitorWhenARunStarts()
    {
        QSettings().remove(QStringLiteral("window"));
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // On a short screen the map is a tab behind the dataset, which then has the column's height.
        const bool shortScreen = w.screen()->availableSize().height() < MainWindow::kShortScreenHeight;
        for (const char* name : {"editorDock", "infoDock", "browserDock", "latentDock"})
            QVERIFY2(dock(w, name)->isVisible() || (shortScreen && !std::strcmp(name, "latentDock")), name);
        QCOMPARE(w.tabifiedDockWidgets(dock(w, "browserDock")).contains(dock(w, "latentDock")), shortScreen);
        QVERIFY(!dock(w, "monitorDock")->isVisible());

        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDataset(QStringLiteral(ARCHSCOPE_TEST_DATA));
        QVERIFY(loaded.wait(120000));
        // The accuracies are on screen without scrolling, and the table shows a screenful of rows.
        auto* table = w.findChild<QTableView*>(QStringLiteral("datasetTable"));
        // (The window fits its screen: 1024 x 700 in the German runs.)
        QVERIFY(w.width() <= w.screen()->availableSize().width() && w.height() <= w.screen()->availableSize().height());
        QStringList widths;
        for (int c = 0; c <= DatasetTableModel::Acc108; ++c)
            widths << QString::number(table->columnWidth(c));
        // On a small screen the figures are a horizontal scroll away, not cut off.
        if (w.width() < 1400) {
            QVERIFY(table->horizontalScrollBar()->isVisible());
            table->scrollTo(table->model()->index(0, DatasetTableModel::Acc108));
        }
        const int acc108Start = table->columnViewportPosition(DatasetTableModel::Acc108);
        const int acc108End = acc108Start + table->columnWidth(DatasetTableModel::Acc108);
        QVERIFY2(acc108Start >= 0 && acc108End <= table->viewport()->width(),
                 qPrintable(QStringLiteral("Acc. 108 at %1-%2 of %3 px (columns %4)")
                                .arg(acc108Start).arg(acc108End).arg(table->viewport()->width()).arg(widths.join(QLatin1Char(' ')))));
        table->horizontalScrollBar()->setValue(0);
        const int rows = table->viewport()->height() / table->rowHeight(0);
        QVERIFY2(rows >= 15, qPrintable(QStringLiteral("%1 rows").arg(rows)));

        TrainingConfig config;
        config.trainSize = 50;
        config.valSize = 20;
        config.epochs = 200;
        config.ensemble = 1;
        config.nodeDim = 8;
        config.graphDim = 8;
        config.pretrainingEpochs = 0;
        w.startTraining(config);
        QVERIFY(dock(w, "monitorDock")->isVisible());
        action(w, "cancelTrainingAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(action(w, "trainAction")->isEnabled(), 120000);
    }

    // Cells go in and out through the clipboard as a person would: Ctrl+V a ModelSpec from
    // NAS-Bench-101's Python API, Ctrl+C the dataset's JSON record, Ctrl+Shift+C a ModelSpec again.
    void copiesAndPastesCellsWithTheKeyboard()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDataset(QStringLiteral(ARCHSCOPE_TEST_DATA));
        QVERIFY(loaded.wait(120000));
        const Record& best = *std::max_element(test::sample().records().begin(), test::sample().records().end(),
                                               [](const Record& a, const Record& b) {
                                                   return a.validationAccuracy() < b.validationAccuracy();
                                               });
        const QString hash = QString::fromStdString(best.hash.hex());
        auto* hashLabel = w.findChild<QLabel*>(QStringLiteral("hashLabel"));
        const QString before = hashLabel->text();
        QClipboard* clipboard = QApplication::clipboard();

        clipboard->setText(QString::fromStdString(cellToModelSpec(best.cell)));
        QTest::keyClick(&w, Qt::Key_V, Qt::ControlModifier);
        QTRY_COMPARE(hashLabel->text(), hash);

        clipboard->clear();
        QTest::keyClick(&w, Qt::Key_C, Qt::ControlModifier);
        const QJsonObject record = QJsonDocument::fromJson(clipboard->text().toUtf8()).object();
        QCOMPARE(record.value(QStringLiteral("hash")).toString(), hash);
        QCOMPARE(record.value(QStringLiteral("params")).toInteger(), best.params);
        QCOMPARE(record.value(QStringLiteral("val_acc")).toObject().value(QStringLiteral("108")).toDouble(),
                 double(best.validationAccuracy()));

        QTest::keyClick(&w, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        const QString spec = clipboard->text();
        QVERIFY2(spec.startsWith(QStringLiteral("ModelSpec(matrix=[[")), qPrintable(spec));
        QCOMPARE(QString::fromStdString(moduleHash(cellFromText(spec.toStdString(), "test")).hex()), hash);

        clipboard->setText(QStringLiteral("a conv3x3 and a maxpool"));
        QTest::keyClick(&w, Qt::Key_V, Qt::ControlModifier);
        // core's own words ("neither a cell as JSON …") inside the translated sentence.
        const QString cannot = test::shownText("archscope::MainWindow", "Cannot paste: %1")
                                   .arg(test::shownText("archscope::MainWindow", "clipboard") + QStringLiteral(": neither"));
        QVERIFY2(w.statusBar()->currentMessage().startsWith(cannot), qPrintable(w.statusBar()->currentMessage()));
        QCOMPARE(hashLabel->text(), hash);

        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(hashLabel->text(), before);
    }

    // View ▸ Reset Layout, by its keys, brings back the first arrangement after the user moved docks.
    void resetLayoutBringsBackTheFirstArrangement()
    {
        QSettings().remove(QStringLiteral("window"));
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        dock(w, "infoDock")->hide();
        dock(w, "monitorDock")->show();
        dock(w, "browserDock")->setFloating(true);
        QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        // On a short screen the map is a tab behind the dataset, which then has the column's height.
        const bool shortScreen = w.screen()->availableSize().height() < MainWindow::kShortScreenHeight;
        for (const char* name : {"editorDock", "infoDock", "browserDock", "latentDock"})
            QVERIFY2(dock(w, name)->isVisible() || (shortScreen && !std::strcmp(name, "latentDock")), name);
        QCOMPARE(w.tabifiedDockWidgets(dock(w, "browserDock")).contains(dock(w, "latentDock")), shortScreen);
        QVERIFY(!dock(w, "monitorDock")->isVisible());
        QVERIFY(!dock(w, "browserDock")->isFloating());
    }

    // Shrinking the window to 1024 × 700 and back, again and again, brings every dock back to the size
    // it had: nothing drifts.
    void dockSizesSurviveResizes()
    {
        QSettings().remove(QStringLiteral("window"));
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.resize(1500, 950);
        QTest::qWait(50);
        const char* names[] = {"editorDock", "infoDock", "browserDock", "latentDock"};
        std::vector<QSize> before;
        for (const char* name : names)
            before.push_back(dock(w, name)->size());
        for (int round = 0; round < 3; ++round) {
            w.resize(1024, 700);
            QTest::qWait(50);
            w.resize(1500, 950);
            QTest::qWait(50);
        }
        for (std::size_t i = 0; i < std::size(names); ++i) {
            const QSize now = dock(w, names[i])->size();
            QVERIFY2(std::abs(now.width() - before[i].width()) <= 4 && std::abs(now.height() - before[i].height()) <= 4,
                     qPrintable(QStringLiteral("%1: %2×%3, was %4×%5").arg(QLatin1String(names[i])).arg(now.width())
                                    .arg(now.height()).arg(before[i].width()).arg(before[i].height())));
        }
    }

    // The arrangement and size the user left are there at the next start.
    void layoutIsRestored()
    {
        QSettings().remove(QStringLiteral("window"));
        QSize left; // on the screen, whichever the run has
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            dock(w, "monitorDock")->show();
            dock(w, "infoDock")->hide();
            left = QSize(1200, 800).boundedTo(w.screen()->availableSize() - QSize(40, 40));
            w.resize(left);
            QTest::qWait(50);
            w.close();
        }
        MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(dock(again, "monitorDock")->isVisible());
        QVERIFY(!dock(again, "infoDock")->isVisible());
        QVERIFY(dock(again, "editorDock")->isVisible());
        // (The offscreen platform adds a few pixels of frame to the restored height.)
        QCOMPARE(again.width(), left.width());
        QVERIFY2(std::abs(again.height() - left.height()) <= 16, qPrintable(QString::number(again.height())));
    }

    // Help ▸ Keyboard Shortcuts lists the window's actions by their own keys; Help ▸ Guide shows the
    // README's explorer section.
    void helpListsShortcutsAndShowsTheGuide()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        action(w, "shortcutsAction")->trigger();
        auto* shortcuts = w.findChild<ShortcutsDialog*>(QStringLiteral("shortcutsDialog"));
        QVERIFY(shortcuts && shortcuts->isVisible());
        QMap<QString, QString> listed; // action -> keys
        QTableWidget* table = shortcuts->table();
        for (int row = 0; row < table->rowCount(); ++row)
            listed.insert(table->item(row, 0)->text(), table->item(row, 1)->text());
        const QString undo = test::shownText("archscope::MainWindow", "Undo");
        const QString redo = test::shownText("archscope::MainWindow", "Redo");
        const QString train = test::shownText("archscope::MainWindow", "&Train Predictor…").remove(QLatin1Char('&'));
        const QString addVertex = test::shownText("archscope::CellView", "Add &Vertex").remove(QLatin1Char('&'));
        QVERIFY2(listed.value(undo).contains(QStringLiteral("Ctrl+Z")), qPrintable(undo + QLatin1Char('=') + listed.value(undo)));
        QVERIFY2(listed.value(redo).contains(QStringLiteral("Ctrl+Y")), qPrintable(redo + QLatin1Char('=') + listed.value(redo)));
        QCOMPARE(listed.value(train), QStringLiteral("Ctrl+T"));
        QCOMPARE(listed.value(addVertex), QStringLiteral("Ins"));
        const QList<QTableWidgetItem*> where = table->findItems(addVertex, Qt::MatchExactly);
        QVERIFY(!where.isEmpty());
        QCOMPARE(table->item(where.front()->row(), 2)->text(), test::shownText("archscope::CellView", "Cell editor"));
        // Every action with keys is there, nothing else.
        int withKeys = 0;
        for (const QAction* a : w.findChildren<QAction*>())
            withKeys += !a->shortcuts().isEmpty();
        QVERIFY(table->rowCount() > 10 && table->rowCount() <= withKeys);

        action(w, "guideAction")->trigger();
        auto* guide = w.findChild<GuideDialog*>(QStringLiteral("guideDialog"));
        QVERIFY(guide && guide->isVisible());
        const QString text = guide->browser()->toPlainText();
        // In the user's language: the README's explorer section, or its German translation.
        const bool german = QLocale().language() == QLocale::German;
        const QStringList parts = german ? QStringList{QStringLiteral("Der Explorer"), QStringLiteral("Zelleneditor"),
                                                       QStringLiteral("Latenter Raum"), QStringLiteral("Aufsteigen")}
                                         : QStringList{QStringLiteral("The explorer"), QStringLiteral("Cell editor"),
                                                       QStringLiteral("Latent space"), QStringLiteral("Climb")};
        for (const QString& part : parts)
            QVERIFY2(text.contains(part), qPrintable(part));
        QVERIFY(!text.contains(QStringLiteral("Command line")));
        QCOMPARE(text.contains(QStringLiteral("The explorer")), !german);
        QVERIFY(!guide->browser()->toHtml().contains(QStringLiteral("<img")));
    }

    // docs/guide.de.md translates the README's explorer section, which Help ▸ Guide shows: both must give
    // the same figures, so that a figure changed in one and not the other fails here. Runs of digits are
    // compared, since German writes 20.001 and 0,831 where English writes 20,001 and 0.831.
    void germanGuideGivesTheReadmesFigures()
    {
        const auto figures = [](const QString& text) {
            static const QRegularExpression digits(QStringLiteral("[0-9]+"));
            QStringList runs;
            for (auto it = digits.globalMatch(text); it.hasNext();)
                runs << it.next().captured();
            runs.sort();
            return runs;
        };
        const QString english = GuideDialog::guideText(QStringLiteral("en"));
        const QString german = GuideDialog::guideText(QStringLiteral("de"));
        QVERIFY2(english.startsWith(QStringLiteral("## The explorer")), qPrintable(english.left(40)));
        QVERIFY2(german.startsWith(QStringLiteral("## Der Explorer")), qPrintable(german.left(40)));
        QVERIFY(figures(english).size() > 50);
        QCOMPARE(figures(german), figures(english));
    }

    // A save says where it went: the cell, a training run, the latent map.
    void savesAreConfirmedInTheStatusBar()
    {
        MainWindow w;
        w.show();
        QTemporaryDir dir;
        const auto shows = [&w](const QString& path) {
            return w.statusBar()->currentMessage().contains(QDir::toNativeSeparators(path));
        };
        QVERIFY(w.saveCellTo(dir.filePath(QStringLiteral("cell.json"))));
        QVERIFY2(shows(dir.filePath(QStringLiteral("cell.json"))), qPrintable(w.statusBar()->currentMessage()));
        auto* monitor = w.findChild<TrainingMonitor*>();
        QVERIFY(monitor->runFileAction(TrainingMonitor::FileAction::SaveRun, dir.filePath(QStringLiteral("run.json"))));
        QVERIFY2(shows(dir.filePath(QStringLiteral("run.json"))), qPrintable(w.statusBar()->currentMessage()));
        QVERIFY(w.findChild<LatentMapWidget*>()->exportMapTo(dir.filePath(QStringLiteral("map.csv"))));
        QVERIFY2(shows(dir.filePath(QStringLiteral("map.csv"))), qPrintable(w.statusBar()->currentMessage()));
    }

    // Undo and redo name the command in one sentence of the language, not "Undo" glued to a name.
    void undoTextsAreWholeSentences_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("undo");
        QTest::addColumn<QString>("redo");
        QTest::newRow("English") << "" << "&Undo: Add vertex" << "&Redo: Add vertex";
        QTest::newRow("German") << "de" << "&Rückgängig: Knoten hinzufügen" << "&Wiederholen: Knoten hinzufügen";
    }
    void undoTextsAreWholeSentences()
    {
        QFETCH(QString, language);
        QFETCH(QString, undo);
        QFETCH(QString, redo);
        if (language.isEmpty() && QLocale().language() == QLocale::German)
            QSKIP("This run is German throughout (ARCHSCOPE_TEST_LANGUAGE): the German row is its case.");
        QTranslator translator;
        if (!language.isEmpty()) {
            QVERIFY(translator.load(QStringLiteral(":/i18n/archscope_%1.qm").arg(language)));
            QCoreApplication::installTranslator(&translator);
        }
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowActive(&w));
            auto* view = w.findChild<QWidget*>(QStringLiteral("cellView"));
            view->setFocus();
            QTest::keyClick(view, Qt::Key_Insert);
            QCOMPARE(action(w, "undoAction")->text(), undo);
            action(w, "undoAction")->trigger();
            QCOMPARE(action(w, "redoAction")->text(), redo);
        }
        QCoreApplication::removeTranslator(&translator);
    }

    // Under the dark palette the plots turn dark with everything else, and a disabled menu item is
    // drawn dimmer than an enabled one (it was brighter).
    void darkPaletteReachesPlotsAndMenus()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* monitor = w.findChild<TrainingMonitor*>();
        auto* map = w.findChild<LatentMapWidget*>();
        QVERIFY(backgroundLightness(monitor->lossPlot()) > 200);

        applyPalette(*qApp, AppSettings::Palette::Dark);
        QTest::qWait(50); // the palette reaches the widgets through the event loop
        for (QCustomPlot* plot : {monitor->lossPlot(), monitor->scatterPlot(), monitor->tauPlot(), map->plot()})
            QVERIFY2(backgroundLightness(plot) < 60, qPrintable(plot->objectName()));

        QMenu menu(&w);
        QAction* enabled = menu.addAction(QStringLiteral("Enabled item"));
        QAction* disabled = menu.addAction(QStringLiteral("Disabled item"));
        disabled->setEnabled(false);
        menu.popup(w.mapToGlobal(QPoint(40, 40)));
        QVERIFY(QTest::qWaitForWindowExposed(&menu));
        const QImage drawn = menu.grab().toImage();
        const int bright = brightestPixel(drawn, menu.actionGeometry(enabled));
        const int dim = brightestPixel(drawn, menu.actionGeometry(disabled));
        QVERIFY2(dim < bright, qPrintable(QStringLiteral("disabled %1, enabled %2").arg(dim).arg(bright)));
        menu.close();
        // Styles draw disabled text in the disabled Text colour and etch it with the disabled Light one.
        const QPalette palette = QApplication::palette();
        QVERIFY(palette.color(QPalette::Disabled, QPalette::Text).lightness()
                < palette.color(QPalette::Active, QPalette::Text).lightness());
        QVERIFY(palette.color(QPalette::Disabled, QPalette::Light).lightness()
                < palette.color(QPalette::Active, QPalette::Text).lightness());

        applyPalette(*qApp, AppSettings::Palette::Light);
        QTest::qWait(50);
        QVERIFY(backgroundLightness(monitor->lossPlot()) > 200);
        QVERIFY(backgroundLightness(map->plot()) > 200);
    }
};

ARCHSCOPE_GUI_TEST_MAIN(TestExplorerWindow)
#include "tst_explorerwindow.moc"
