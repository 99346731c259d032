// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The explorer in a 1024 × 700 window, in English and in German: every label and button shows its whole
// text, nothing overlaps, and no panel needs scrolling sideways (the dataset's wide table aside). With
// the keyboard alone, Tab walks through every panel and back without being caught, and the focus is
// always ringed.
#include "AppSettings.h"
#include "ExportNetworkDialog.h"
#include "MainWindow.h"
#include "PreferencesDialog.h"
#include "TrainDialog.h"
#include "TrainNetDialog.h"
#include "TrainedModels.h"
#include "registry/PredictorRegistry.h"
#include "cell/Cell.h"
#include "editor/CellDocument.h"
#include "editor/CellScene.h"
#include "focus/FocusRing.h"
#include "latent/LatentMapWidget.h"

#include "../support/CellKeys.h"
#include "../support/TestData.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QDockWidget>
#include <QSet>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTranslator>
#include <QtTest>

using namespace archscope;

namespace {

// What the user can see of `w` in window coordinates: its rectangle cut by every ancestor's.
QRect visibleRect(const QWidget* w, const QWidget* window)
{
    QRect r = w->rect();
    const QWidget* at = w;
    while (at && at != window) {
        const QWidget* parent = at->parentWidget();
        if (!parent)
            break;
        r = r.translated(at->pos()).intersected(parent->rect());
        at = parent;
    }
    return r;
}

// The window at 1024 × 700, active, with the bundled dataset and models opened as at a start.
bool openAt1024x700(MainWindow& w)
{
    w.resize(1024, 700);
    w.show();
    if (!QTest::qWaitForWindowActive(&w))
        return false;
    QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
    w.openDefaults();
    return loaded.wait(120000);
}

QString describe(const QWidget* w)
{
    const QString text = qobject_cast<const QLabel*>(w)            ? qobject_cast<const QLabel*>(w)->text()
                         : qobject_cast<const QAbstractButton*>(w) ? qobject_cast<const QAbstractButton*>(w)->text()
                                                                   : QString();
    return QStringLiteral("%1 '%2' (%3)").arg(QString::fromLatin1(w->metaObject()->className()), text.left(60), w->objectName());
}

// What does not fit in `top` (a window or a dialog): a label or button cut off by its panel or
// showing less than its text, two of them overlapping, a panel that scrolls sideways (the dataset's
// table of many columns aside). `minimumShown`: how many labels and buttons must be checked at least.
QStringList fitProblems(QWidget* top, int minimumShown)
{
    QStringList problems;
    QList<QWidget*> shown;
    for (QWidget* child : top->findChildren<QWidget*>())
        if (child->isVisible() && !visibleRect(child, top).isEmpty()
            && (qobject_cast<QLabel*>(child) || qobject_cast<QAbstractButton*>(child)))
            shown << child;
    for (QWidget* c : shown) {
        // Cut off by the panel around it (what scrolls inside a scroll area aside).
        bool scrolled = false;
        for (const QWidget* up = c->parentWidget(); up && up != top; up = up->parentWidget())
            if (auto* area = qobject_cast<const QAbstractScrollArea*>(up->parentWidget()); area && area->viewport() == up)
                scrolled = true;
        if (!scrolled && visibleRect(c, top).size() != c->size())
            problems << describe(c) + QStringLiteral(": cut off by its panel (%1 × %2 of %3 × %4 shown)")
                                          .arg(visibleRect(c, top).width())
                                          .arg(visibleRect(c, top).height())
                                          .arg(c->width())
                                          .arg(c->height());
        if (auto* label = qobject_cast<QLabel*>(c); label && !label->text().isEmpty()) {
            const bool fits = label->wordWrap() ? label->heightForWidth(label->width()) <= label->height()
                                                : label->minimumSizeHint().width() <= label->width();
            if (!fits)
                problems << describe(c) + QStringLiteral(": text cut off (%1 × %2, needs %3)")
                                              .arg(label->width())
                                              .arg(label->height())
                                              .arg(label->wordWrap() ? label->heightForWidth(label->width())
                                                                     : label->minimumSizeHint().width());
        }
        if (auto* button = qobject_cast<QAbstractButton*>(c); button && !button->text().isEmpty()
                                                               && button->minimumSizeHint().width() > button->width())
            problems << describe(c) + QStringLiteral(": %1 px wide, needs %2").arg(button->width()).arg(button->minimumSizeHint().width());
    }
    // Two things the user reads never overlap (one inside the other is not an overlap).
    for (int i = 0; i < shown.size(); ++i)
        for (int j = i + 1; j < shown.size(); ++j) {
            if (shown[i]->isAncestorOf(shown[j]) || shown[j]->isAncestorOf(shown[i]))
                continue;
            const QRect a = visibleRect(shown[i], top), b = visibleRect(shown[j], top);
            if (a.intersects(b))
                problems << describe(shown[i]) + QStringLiteral(" overlaps ") + describe(shown[j]);
        }
    // Panels scroll up and down at most; the dataset's table of many columns may scroll sideways.
    for (QAbstractScrollArea* area : top->findChildren<QAbstractScrollArea*>())
        if (area->isVisible() && area->horizontalScrollBar()->isVisible()
            && area->objectName() != QLatin1String("datasetTable"))
            problems << QStringLiteral("%1 (%2) scrolls sideways: %3 px wide, shows %4 of %5")
                            .arg(QString::fromLatin1(area->metaObject()->className()), area->objectName())
                            .arg(area->width())
                            .arg(area->horizontalScrollBar()->pageStep())
                            .arg(area->horizontalScrollBar()->maximum() + area->horizontalScrollBar()->pageStep());
    if (shown.size() < minimumShown)
        problems << QStringLiteral("only %1 labels and buttons shown in %2").arg(shown.size()).arg(top->objectName());
    return problems;
}

} // namespace

class TestSmallWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchScopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_smallwindow"));
        QDir(TrainedModels::defaultFolder()).removeRecursively();
        QSettings().clear();
    }

    void everythingFitsAt1024x700_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("English") << QString();
        QTest::newRow("German") << QStringLiteral("de");
    }

    void everythingFitsAt1024x700()
    {
        QFETCH(QString, language);
        QTranslator translator;
        if (!language.isEmpty()) {
            QVERIFY(translator.load(QStringLiteral(":/i18n/archscope_%1.qm").arg(language)));
            QCoreApplication::installTranslator(&translator);
        }
        QStringList problems;
        {
            MainWindow w;
            QVERIFY(openAt1024x700(w));
            // The latent map's message grows when the dataset is encoded: check it at its longest, however
            // fast the machine encodes.
            auto* map = w.findChild<LatentMapWidget*>();
            QVERIFY(map);
            QTRY_VERIFY_WITH_TIMEOUT(!map->isEncoding() && map->message().contains(QLatin1Char('%')), 120000);
            QTest::qWait(1500); // the predictions arrive
            QCOMPARE(w.size(), QSize(1024, 700));

            problems = fitProblems(&w, 30);
        }
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // The panels behind the right-hand tabs (Training, Models with a model that can be resumed) and the
    // dialogs the menus open, in either language: nothing cut off, nothing overlapping.
    void tabbedPanelsAndDialogsFit_data() { everythingFitsAt1024x700_data(); }
    void tabbedPanelsAndDialogsFit()
    {
        QFETCH(QString, language);
        QTranslator translator;
        const QLocale locale;
        if (!language.isEmpty()) {
            QVERIFY(translator.load(QStringLiteral(":/i18n/archscope_%1.qm").arg(language)));
            QCoreApplication::installTranslator(&translator);
            QLocale::setDefault(QLocale(language));
        }
        const TrainedModels kept(TrainedModels::defaultFolder());
        const QString checkpoint = kept.newCheckpointPath();
        QFile file(checkpoint);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("checkpoint");
        file.close();
        QString error;
        const QString model = kept.save(*loadPredictor(ARCHSCOPE_MODELS_DIR "/gnn-default.safetensors"), 1000,
                                        QStringLiteral("cancelled"), RunCurves{},
                                        TrainedModels::StoppedRun{TrainingConfig{}, checkpoint, QStringLiteral(ARCHSCOPE_TEST_DATA)},
                                        &error);
        QVERIFY2(!model.isEmpty(), qPrintable(error));
        QStringList problems;
        {
            MainWindow w;
            QVERIFY(openAt1024x700(w));
            QTest::qWait(1500);
            for (const char* name : {"monitorDock", "modelsDock"}) {
                auto* dock = w.findChild<QDockWidget*>(QLatin1String(name));
                dock->show();
                dock->raise();
                if (auto* table = dock->findChild<QTableWidget*>(QStringLiteral("modelsTable")))
                    table->selectRow(0);
                QTest::qWait(200);
                // A panel wider than the window leaves grows the window past the screen's 1,024 pixels.
                if (w.width() != 1024)
                    problems << QLatin1String(name) + QStringLiteral(": the window grew to %1 px").arg(w.width());
                for (const QString& p : fitProblems(&w, 30))
                    problems << QLatin1String(name) + QStringLiteral(": ") + p;
            }
            QVERIFY(w.findChild<QPushButton*>(QStringLiteral("resumeModelButton"))->isEnabled());
            TrainDialog train(QString(), &w);
            TrainNetDialog trainNet(&w);
            ExportNetworkDialog exportNetwork(test::sample()[0].cell, {}, &w);
            AppSettings settings;
            PreferencesDialog preferences(settings, &w);
            for (QDialog* dialog : std::initializer_list<QDialog*>{&train, &trainNet, &exportNetwork, &preferences}) {
                dialog->show();
                QVERIFY(QTest::qWaitForWindowExposed(dialog));
                for (const QString& p : fitProblems(dialog, 3))
                    problems << QString::fromLatin1(dialog->metaObject()->className()) + QStringLiteral(": ") + p;
                dialog->hide();
            }
        }
        QVERIFY(kept.remove(model, &error));
        QLocale::setDefault(locale);
        QCoreApplication::removeTranslator(&translator);
        // In German the Training tab's row of buttons once made its dock 5 px wider than a 1,024-pixel
        // window leaves it: its close button and right-most buttons were cut off.
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void tabWalksEveryPanelWithTheFocusRinged()
    {
        MainWindow w;
        QVERIFY(openAt1024x700(w));
        QWidget* start = w.findChild<QWidget*>(QStringLiteral("cellView"));
        start->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), start);
        auto* ring = w.findChild<FocusRing*>();
        QVERIFY(ring);
        QSet<QString> panels;
        int presses = 0;
        do {
            QWidget* focused = QApplication::focusWidget();
            QVERIFY(focused);
            // The ring surrounds what has the focus, on top of everything else.
            QTRY_VERIFY2(ring->isVisible() && ring->target() == focused,
                         qPrintable(QStringLiteral("no ring around %1").arg(focused->objectName())));
            const QRect around(focused->mapTo(&w, QPoint(0, 0)), focused->size());
            QVERIFY(ring->geometry().contains(around));
            for (QWidget* up = focused; up; up = up->parentWidget())
                if (auto* dock = qobject_cast<QDockWidget*>(up))
                    panels.insert(dock->objectName());
            QTest::keyClick(focused, Qt::Key_Tab);
        } while (QApplication::focusWidget() != start && ++presses < 120);
        QVERIFY2(presses < 120, "Tab never came back to the cell editor: something keeps it");
        for (const char* dock : {"editorDock", "infoDock", "browserDock", "latentDock"})
            QVERIFY2(panels.contains(QLatin1String(dock)), dock);
    }

    // No mouse, German, 1024 × 700: a 5-vertex cell of the benchmark built with the keys alone (arrows
    // select a vertex, 1-3 set its op, E and the other vertex's entry add an edge), then its prediction
    // read in Cell Info. Golden: the cell's line of resources/data/nb101-dev.jsonl.gz.
    void keyboardOnlyFiveVertexCellInGerman()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/archscope_de.qm")));
        QCoreApplication::installTranslator(&translator);
        // As the language preference does (AppSettings): German words and German numbers.
        const QLocale before;
        QLocale::setDefault(QLocale(QStringLiteral("de")));
        {
            MainWindow w;
            QVERIFY(openAt1024x700(w));
            auto* view = w.findChild<QWidget*>(QStringLiteral("cellView"));
            auto* scene = w.findChild<CellScene*>();
            QVERIFY(view && scene);
            view->setFocus();
            QTRY_COMPARE(QApplication::focusWidget(), view);
            const auto key = [view](Qt::Key k) { QTest::keyClick(view, k); };
            const QStringList adjacency{QStringLiteral("01000"), QStringLiteral("00110"), QStringLiteral("00010"),
                                        QStringLiteral("00001"), QStringLiteral("00000")};
            const Op ops[] = {Op::MaxPool3x3, Op::Conv3x3, Op::Conv1x1};
            key(Qt::Key_Insert);
            key(Qt::Key_Insert);
            for (int v = 1; v <= 3; ++v) {
                test::selectVertexByKeys(view, *scene, v);
                key(Qt::Key(Qt::Key_1 + opHashLabel(ops[v - 1])));
            }
            for (int i = 0; i < 5; ++i)
                for (int j = i + 1; j < 5; ++j) {
                    const bool want = adjacency[i][j] == QLatin1Char('1');
                    if (want != scene->document()->cell().hasEdge(i, j))
                        test::toggleEdgeByKeys(view, *scene, i, j);
                    QCOMPARE(scene->document()->cell().hasEdge(i, j), want);
                }
            QCOMPARE(w.findChild<QLabel*>(QStringLiteral("validityLabel"))->text(), QStringLiteral("Gültig"));
            QCOMPARE(w.findChild<QLabel*>(QStringLiteral("hashLabel"))->text(), QStringLiteral("005d730dc32caf954ab507d61e15cd6f"));
            const auto* table = w.findChild<QTableWidget*>(QStringLiteral("predictionTable"));
            QTRY_VERIFY(table->rowCount() > 0 && table->item(0, 2) && table->item(0, 2)->text().endsWith(QStringLiteral(" %")));
            // The benchmark's own figure beside it, in German number format.
            QCOMPARE(w.findChild<QLabel*>(QStringLiteral("accuracy108Label"))->text(), QStringLiteral("91,74 %"));
        }
        QLocale::setDefault(before);
        QCoreApplication::removeTranslator(&translator);
    }
};

QTEST_MAIN(TestSmallWindow)
#include "tst_smallwindow.moc"
