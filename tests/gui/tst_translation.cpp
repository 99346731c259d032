// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The German translation is embedded, loads, and is complete.
#include "dataset/DatasetTableModel.h"
#include "text/CellValidationText.h"

#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

using namespace archscope;

class TestTranslation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void germanLoadsAndTranslates();
    void germanIsComplete();
    void cellRulesInGerman_data();
    void cellRulesInGerman();
};

void TestTranslation::germanLoadsAndTranslates()
{
    QTranslator german;
    QVERIFY(german.load(QStringLiteral(":/i18n/archscope_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&german));
    QCOMPARE(QCoreApplication::translate("archscope::CellInfoPanel", "Valid"), QStringLiteral("Gültig"));
    DatasetTableModel model;
    QCOMPARE(model.headerData(DatasetTableModel::Params, Qt::Horizontal).toString(), QStringLiteral("Parameter"));
    QCoreApplication::removeTranslator(&german);
    QCOMPARE(model.headerData(DatasetTableModel::Params, Qt::Horizontal).toString(), QStringLiteral("Parameters"));
}

void TestTranslation::germanIsComplete()
{
    QFile ts(QStringLiteral(ARCHSCOPE_TS_FILE));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(ts.readAll());
    const int messages = int(text.count(QStringLiteral("<message")));
    QVERIFY(messages > 50);
    QCOMPARE(text.count(QStringLiteral("type=\"unfinished\"")), 0);
    QCOMPARE(text.count(QStringLiteral("<translation></translation>")), 0);
}

void TestTranslation::cellRulesInGerman_data()
{
    QTest::addColumn<QString>("opsText");
    QTest::addColumn<QString>("rowsText"); // the adjacency's rows, a string of 0/1 each
    QTest::addColumn<QString>("german");
    QTest::newRow("backward edge") << "input conv3x3-bn-relu output" << "010 001 010"
                                   << QStringLiteral("Kante 2 → 1 zeigt rückwärts: die Adjazenzmatrix muss eine obere "
                                                     "Dreiecksmatrix sein (keine Zyklen)");
    QTest::newRow("output cut off") << "input conv3x3-bn-relu output" << "010 000 000"
                                    << QStringLiteral("der Ausgang (Knoten 2) ist vom Eingang aus nicht erreichbar");
    QTest::newRow("ten edges") << "input conv3x3-bn-relu conv3x3-bn-relu conv3x3-bn-relu conv3x3-bn-relu output"
                               << "011111 001001 000001 000001 000001 000000"
                               << QStringLiteral("10 Kanten nach dem Beschneiden, höchstens 9 sind erlaubt");
    QTest::newRow("interior output") << "input output conv3x3-bn-relu output" << "0100 0010 0001 0000"
                                     << QStringLiteral("Knoten 1 ist „output“, innere Knoten müssen conv3x3-bn-relu, "
                                                       "conv1x1-bn-relu oder maxpool3x3 sein");
}

// Core's English messages never reach a German user: the GUI words them from the rule's fields.
void TestTranslation::cellRulesInGerman()
{
    QFETCH(QString, opsText);
    QFETCH(QString, rowsText);
    QFETCH(QString, german);
    std::vector<Op> ops;
    for (const QString& name : opsText.split(QLatin1Char(' ')))
        ops.push_back(*opFromName(name.toStdString()));
    std::vector<std::vector<int>> adjacency;
    for (const QString& row : rowsText.split(QLatin1Char(' '))) {
        adjacency.emplace_back();
        for (QChar c : row)
            adjacency.back().push_back(c == QLatin1Char('1') ? 1 : 0);
    }
    const CellValidation check = validateCell(Cell(ops, adjacency));
    QVERIFY(!check.ok());
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/archscope_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QString text = cellValidationText(check);
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(text, german);
    QVERIFY(cellValidationText(check) != german);
}

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
