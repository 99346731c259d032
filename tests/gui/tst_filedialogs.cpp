// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The rules behind every file dialog of the app: a typed name gets the chosen filter's suffix, and a
// dialog opens where the last one of its kind was used, not in the working directory. (The dialogs
// themselves cannot be clicked offscreen; these are the functions that feed them.)
#include "files/FileDialogs.h"
#include "../support/GuiTestMain.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace archscope;

class TestFileDialogs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ArchScopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_filedialogs"));
        QSettings().clear();
    }

    void defaultSuffix_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("written");
        QTest::newRow("Save Run adds .json") << "/tmp/run" << "Run files (*.json)" << "/tmp/run.json";
        QTest::newRow("Save Cell adds .json") << "/tmp/cell" << "Cell files (*.json)" << "/tmp/cell.json";
        QTest::newRow("Save Model adds .safetensors") << "/tmp/gnn" << "ArchScope models (*.safetensors)" << "/tmp/gnn.safetensors";
        QTest::newRow("the chosen image filter") << "/tmp/map" << "SVG images (*.svg)" << "/tmp/map.svg";
        QTest::newRow("a filter of several types: its first") << "/tmp/plots" << "Images (*.png *.svg *.pdf)"
                                                               << "/tmp/plots.png";
        QTest::newRow("a suffix typed is kept") << "/tmp/run.txt" << "Run files (*.json)" << "/tmp/run.txt";
        QTest::newRow("a dotted folder is no suffix") << "/tmp/v1.2/run" << "Run files (*.json)"
                                                      << "/tmp/v1.2/run.json";
        QTest::newRow("all files: as typed") << "/tmp/data" << "All files (*)" << "/tmp/data";
        QTest::newRow("cancelled stays empty") << "" << "Run files (*.json)" << "";
    }
    void defaultSuffix()
    {
        QFETCH(QString, typed);
        QFETCH(QString, filter);
        QFETCH(QString, written);
        QCOMPARE(withDefaultSuffix(typed, filter), written);
    }

    // Each kind remembers its own folder; a kind never used starts in the documents folder, and so
    // does one whose folder has gone.
    void startFolderIsTheLastOneOfItsKind()
    {
        QTemporaryDir runs, cells;
        const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        const QString fresh = dialogStartDir(QStringLiteral("runs"));
        QVERIFY(fresh != QDir::currentPath());
        QCOMPARE(fresh, QFileInfo(documents).isDir() ? documents : QDir::homePath());

        rememberDialogDir(QStringLiteral("runs"), runs.filePath(QStringLiteral("a.json")));
        rememberDialogDir(QStringLiteral("cells"), cells.filePath(QStringLiteral("b.json")));
        QCOMPARE(dialogStartDir(QStringLiteral("runs")), runs.path());
        QCOMPARE(dialogStartDir(QStringLiteral("cells")), cells.path());
        rememberDialogDir(QStringLiteral("runs"), QString()); // a cancelled dialog changes nothing
        QCOMPARE(dialogStartDir(QStringLiteral("runs")), runs.path());

        runs.remove();
        QCOMPARE(dialogStartDir(QStringLiteral("runs")), fresh);
        QCOMPARE(dialogStartDir(QStringLiteral("cells")), cells.path());
    }
};

ARCHSCOPE_GUI_TEST_MAIN(TestFileDialogs)
#include "tst_filedialogs.moc"
