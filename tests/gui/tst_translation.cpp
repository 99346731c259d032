// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The German translation is embedded, loads, and is complete.
#include "dataset/DatasetTableModel.h"
#include "text/CellValidationText.h"
#include "text/ModelNameText.h"
#include "text/StopReasonText.h"

#include <QFile>
#include <QLocale>
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
    void namesAndOutcomesInGerman_data();
    void namesAndOutcomesInGerman();
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

void TestTranslation::namesAndOutcomesInGerman_data()
{
    QTest::addColumn<QString>("kind");    // "name": a model's name; "stop": how a run ended
    QTest::addColumn<QString>("core");    // as core words it
    QTest::addColumn<QString>("english"); // as the English UI shows it
    QTest::addColumn<QString>("german");
    // The names core gives what it trains (core/train/GnnTrainer.cpp, core/ghn/GhnTrainer.cpp,
    // core/train/VsGaeTrainer.cpp), as the bundled models carry them.
    QTest::newRow("GNN ensemble") << "name" << "GNN (1000 cells, random, seed 0, ensemble of 3)"
                                  << "GNN (1,000 cells, random, seed 0, ensemble of 3)"
                                  << QStringLiteral("GNN (1.000 Zellen, zufällig, Seed 0, Ensemble aus 3)");
    QTest::newRow("zero-shot GNN") << "name" << "GNN (2500 cells, even, seed 7, <= 5 vertices)"
                                   << QStringLiteral("GNN (2,500 cells, even, seed 7, ≤ 5 vertices)")
                                   << QStringLiteral("GNN (2.500 Zellen, gleichmäßig, Seed 7, ≤ 5 Knoten)");
    QTest::newRow("latent predictor") << "name" << "VS-GAE latent (400 cells, random, seed 0)"
                                      << "VS-GAE latent (400 cells, random, seed 0)"
                                      << QStringLiteral("VS-GAE-Latent (400 Zellen, zufällig, Seed 0)");
    QTest::newRow("GHN") << "name" << "GHN (5000 fashion-mnist images, seed 0)"
                         << "GHN (5,000 fashion-mnist images, seed 0)"
                         << QStringLiteral("GHN (5.000 fashion-mnist-Bilder, Seed 0)");
    QTest::newRow("VS-GAE") << "name" << "VS-GAE (168001 cells, ndim 64, seed 0)"
                            << "VS-GAE (168,001 cells, ndim 64, seed 0)"
                            << QStringLiteral("VS-GAE (168.001 Zellen, ndim 64, Seed 0)");
    QTest::newRow("a user's name") << "name" << "my long run (GNN)" << "my long run (GNN)" << "my long run (GNN)";
    QTest::newRow("completed") << "stop" << "completed" << "completed" << QStringLiteral("abgeschlossen");
    QTest::newRow("early stop") << "stop" << "early stop" << "stopped early" << QStringLiteral("vorzeitig beendet");
    QTest::newRow("diverged") << "stop" << "diverged: the loss became nan in epoch 3"
                              << "diverged: the loss became nan in epoch 3"
                              << QStringLiteral("divergiert: the loss became nan in epoch 3");
}

// Names and outcomes that core words in English (and model files keep) reach a German user in German;
// a name the user chose stays theirs.
void TestTranslation::namesAndOutcomesInGerman()
{
    QFETCH(QString, kind);
    QFETCH(QString, core);
    QFETCH(QString, english);
    QFETCH(QString, german);
    const auto shown = [&] {
        return kind == QLatin1String("name") ? modelNameText(core.toStdString()) : stopReasonText(core);
    };
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    QCOMPARE(shown(), english);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/archscope_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    QLocale::setDefault(QLocale(QStringLiteral("de")));
    const QString text = shown();
    QLocale::setDefault(QLocale::c());
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(text, german);
}

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
