// The German translation is embedded, loads, and is complete.
#include "dataset/DatasetTableModel.h"

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

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
