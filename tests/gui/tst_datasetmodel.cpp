// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The dataset table and its filters, checked against counts taken straight from the records, and
// timed at the size of the whole NAS-Bench-101 space.
#include "../support/TestData.h"

#include "dataset/DatasetBrowser.h"
#include "dataset/DatasetFilterModel.h"
#include "dataset/DatasetTableModel.h"
#include "../support/GuiTestMain.h"

#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QLocale>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace archscope;

Q_DECLARE_METATYPE(DatasetFilter)

class TestDatasetModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void filterCounts_data();
    void filterCounts();
    void sortsByAccuracyWithUnknownLast();
    void browserEmitsSelectedCell();
    void filterControlsApplyAfterTyping();
    void wholeSpaceStaysFast();
    void hashSearchTakesAPrefix();
    void parameterCountsAreGrouped_data();
    void parameterCountsAreGrouped();

private:
    std::shared_ptr<const Dataset> data_;
};

namespace {

// The filter written out plainly over the records, independent of the model's precomputed keys.
int countMatching(const Dataset& data, const DatasetFilter& f)
{
    int n = 0;
    for (const Record& r : data.records()) {
        const int v = r.cell.numVertices();
        int ops[3] = {0, 0, 0};
        for (Op op : r.cell.ops())
            if (op == Op::Conv3x3)
                ++ops[0];
            else if (op == Op::Conv1x1)
                ++ops[1];
            else if (op == Op::MaxPool3x3)
                ++ops[2];
        bool ok = v >= f.minVertices && v <= f.maxVertices;
        for (int k = 0; k < 3; ++k)
            ok = ok && ops[k] >= f.minOps[std::size_t(k)] && ops[k] <= f.maxOps[std::size_t(k)];
        const float acc = r.validationAccuracy();
        ok = ok && (std::isnan(acc) ? f.minAccuracy <= 0 && f.maxAccuracy >= 1
                                    : acc >= f.minAccuracy && acc <= f.maxAccuracy);
        n += ok;
    }
    return n;
}

} // namespace

void TestDatasetModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    data_ = std::make_shared<const Dataset>(test::sample());
}

void TestDatasetModel::filterCounts_data()
{
    QTest::addColumn<DatasetFilter>("filter");
    QTest::addColumn<int>("expected"); // -1: count it from the records
    DatasetFilter all;
    QTest::newRow("no filter: the whole sample") << all << 20001;
    DatasetFilter five = all;
    five.minVertices = five.maxVertices = 5;
    QTest::newRow("exactly 5 vertices") << five << -1;
    DatasetFilter noPool = all;
    noPool.maxOps = {5, 5, 0};
    QTest::newRow("no maxpool") << noPool << -1;
    DatasetFilter convs = all;
    convs.minOps = {2, 1, 0};
    QTest::newRow("at least two conv3x3 and a conv1x1") << convs << -1;
    DatasetFilter good = all;
    good.minAccuracy = 0.94;
    QTest::newRow("accuracy at least 94 %") << good << -1;
    DatasetFilter band = all;
    band.minVertices = 6;
    band.minAccuracy = 0.90;
    band.maxAccuracy = 0.92;
    band.maxOps = {5, 1, 5};
    QTest::newRow("combined") << band << -1;
    DatasetFilter none = all;
    none.minVertices = 7;
    none.maxVertices = 6;
    QTest::newRow("empty range") << none << 0;
}

void TestDatasetModel::filterCounts()
{
    QFETCH(DatasetFilter, filter);
    QFETCH(int, expected);
    DatasetTableModel model;
    model.setDataset(data_);
    DatasetFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilter(filter);
    const int want = expected >= 0 ? expected : countMatching(*data_, filter);
    QCOMPARE(proxy.rowCount(), want);
    if (expected < 0)
        QVERIFY2(want > 0 && want < 20001, "a row worth testing selects some records, not all");
}

void TestDatasetModel::sortsByAccuracyWithUnknownLast()
{
    DatasetTableModel model;
    model.setDataset(data_);
    DatasetFilterModel proxy;
    proxy.setSourceModel(&model);
    // Predictions only for even rows: the odd ones are unknown and must end up last either way.
    std::vector<float> predicted(data_->size());
    for (std::size_t i = 0; i < predicted.size(); ++i)
        predicted[i] = i % 2 ? std::nanf("") : (*data_)[i].validationAccuracy() + 0.01f;
    model.setPredictions(predicted);
    for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        proxy.sort(DatasetTableModel::Predicted, order);
        const int known = int((data_->size() + 1) / 2);
        for (int r = 1; r < proxy.rowCount(); ++r) {
            const QVariant prev = proxy.index(r - 1, DatasetTableModel::Predicted).data();
            const QVariant cur = proxy.index(r, DatasetTableModel::Predicted).data();
            if (r < known) {
                QVERIFY(prev.isValid() && cur.isValid());
                QVERIFY(order == Qt::AscendingOrder ? prev.toDouble() <= cur.toDouble()
                                                    : prev.toDouble() >= cur.toDouble());
            } else {
                QVERIFY2(!cur.isValid(), qPrintable(QStringLiteral("row %1 should be unknown").arg(r)));
            }
        }
    }
    proxy.sort(DatasetTableModel::Acc108, Qt::DescendingOrder);
    double best = 0;
    for (const Record& r : data_->records())
        best = std::max(best, double(r.validationAccuracy()));
    QCOMPARE(proxy.index(0, DatasetTableModel::Acc108).data().toDouble(), best);
}

void TestDatasetModel::browserEmitsSelectedCell()
{
    DatasetBrowser browser;
    browser.setDataset(data_);
    browser.resize(900, 500);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    QSignalSpy selected(&browser, &DatasetBrowser::cellSelected);
    browser.table()->selectRow(7);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).value<Cell>(), (*data_)[7].cell);
    QCOMPARE(browser.table()->model()->index(7, DatasetTableModel::Hash).data().toString(),
             QString::fromStdString((*data_)[7].hash.hex()));

    // After sorting, a row still names its own record: the best cell of the sample comes first.
    browser.table()->sortByColumn(DatasetTableModel::Acc108, Qt::DescendingOrder);
    const auto best = std::max_element(data_->records().begin(), data_->records().end(),
                                       [](const Record& a, const Record& b) {
                                           return a.validationAccuracy() < b.validationAccuracy();
                                       });
    browser.table()->selectRow(0);
    QCOMPARE(selected.count(), 2);
    QCOMPARE(selected.at(1).at(0).value<Cell>(), best->cell);
    QCOMPARE(browser.table()->model()->index(0, DatasetTableModel::Hash).data().toString(),
             QString::fromStdString(best->hash.hex()));
}

void TestDatasetModel::filterControlsApplyAfterTyping()
{
    DatasetBrowser browser;
    browser.setDataset(data_);
    auto* minVertices = browser.findChild<QSpinBox*>(QStringLiteral("minVerticesSpin"));
    auto* minAccuracy = browser.findChild<QDoubleSpinBox*>(QStringLiteral("minAccuracySpin"));
    QVERIFY(minVertices && minAccuracy);
    minVertices->setValue(7);
    minAccuracy->setValue(94.0);
    QCOMPARE(browser.filterModel()->rowCount(), 20001); // still typing: nothing filtered yet
    DatasetFilter expected;
    expected.minVertices = 7;
    expected.minAccuracy = 0.94;
    const int want = countMatching(*data_, expected);
    QTRY_COMPARE_WITH_TIMEOUT(browser.filterModel()->rowCount(), want, 2000);
    const QString count = browser.findChild<QLabel*>(QStringLiteral("matchCountLabel"))->text();
    QVERIFY2(count.startsWith(QLocale().toString(want) + QLatin1Char(' ')), qPrintable(count));
}

// Typed as a person types: a prefix narrows to the cells whose hash starts so, letters that are no hex
// digit are not taken, the whole hash finds its one cell, Reset shows all again.
void TestDatasetModel::hashSearchTakesAPrefix()
{
    DatasetBrowser browser;
    browser.setDataset(data_);
    auto* search = browser.findChild<QLineEdit*>(QStringLiteral("hashSearchEdit"));
    QVERIFY(search);
    const std::string hash = (*data_)[4321].hash.hex();
    const QString prefix = QString::fromStdString(hash.substr(0, 3)).toUpper();
    const auto matching = std::count_if(data_->records().begin(), data_->records().end(), [&](const Record& r) {
        return r.hash.hex().rfind(hash.substr(0, 3), 0) == 0;
    });
    QVERIFY(matching > 1 && matching < 100);
    QTest::keyClicks(search, prefix + QStringLiteral("xyz"));
    QCOMPARE(search->text(), prefix);
    QTRY_COMPARE_WITH_TIMEOUT(browser.filterModel()->rowCount(), int(matching), 2000);
    search->clear();
    QTest::keyClicks(search, QString::fromStdString(hash));
    QTRY_COMPARE_WITH_TIMEOUT(browser.filterModel()->rowCount(), 1, 2000);
    QCOMPARE(browser.filterModel()->index(0, DatasetTableModel::Hash).data().toString(), QString::fromStdString(hash));
    QTest::mouseClick(browser.findChild<QPushButton*>(QStringLiteral("resetFilterButton")), Qt::LeftButton);
    QCOMPARE(search->text(), QString());
    QCOMPARE(browser.filterModel()->rowCount(), 20001);
}

void TestDatasetModel::wholeSpaceStaysFast()
{
    // As many rows as the whole space has cells, from copies of the sample; each copy gets a hash of its
    // own, since a dataset holds one record per hash.
    constexpr std::size_t kSpace = 423624;
    std::vector<Record> records;
    records.reserve(kSpace);
    for (std::size_t i = 0; i < kSpace; ++i) {
        records.push_back((*data_)[i % data_->size()]);
        char hex[33];
        std::snprintf(hex, sizeof hex, "%032zx", i);
        records.back().hash = *ModuleHash::fromHex(hex);
    }
    auto big = std::make_shared<const Dataset>(std::move(records), "space-sized");

    QElapsedTimer clock;
    DatasetBrowser browser;
    browser.resize(1000, 600);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    clock.start();
    browser.setDataset(big);
    QCoreApplication::processEvents();
    const double loadMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    QCOMPARE(browser.filterModel()->rowCount(), int(kSpace));

    clock.start();
    browser.table()->sortByColumn(DatasetTableModel::Acc108, Qt::DescendingOrder);
    QCoreApplication::processEvents();
    const double sortMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;

    DatasetFilter f;
    f.minVertices = 6;
    f.minAccuracy = 0.93;
    clock.start();
    browser.filterModel()->setFilter(f);
    QCoreApplication::processEvents();
    const double filterMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    QVERIFY(browser.filterModel()->rowCount() > 0);

    // What a view does while scrolling: data() on every visible cell, many times.
    const DatasetTableModel* model = browser.tableModel();
    clock.start();
    qint64 chars = 0;
    for (int row = 0; row < 100000; ++row)
        for (int col = 0; col < model->columnCount(); ++col) {
            const QVariant v = model->data(model->index(row, col));
            chars += v.userType() == QMetaType::QString ? v.toString().size() : 1;
        }
    const double dataNs = static_cast<double>(clock.nsecsElapsed()) / 1e6 / (100000.0 * model->columnCount()) * 1e6;
    QVERIFY(chars > 0);

    qInfo("423,624 rows: model %.0f ms, sort by accuracy %.0f ms, filter %.0f ms, data() %.0f ns per cell", loadMs,
          sortMs, filterMs, dataNs);
    // Loose bounds for a shared 2-core CI machine; the printed figures are what to watch.
    QVERIFY2(sortMs < 2000, "sorting the whole space takes a moment, not a wait");
    QVERIFY2(filterMs < 2000, "filtering the whole space stays interactive");
    QVERIFY2(dataNs < 2000, "data() stays cheap");
}

// The table writes parameter counts as the locale groups digits, though item views ask for no grouping.
void TestDatasetModel::parameterCountsAreGrouped_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("shown");
    QTest::newRow("English") << "en_US" << "8,555,530";
    QTest::newRow("German") << "de_DE" << "8.555.530";
}

void TestDatasetModel::parameterCountsAreGrouped()
{
    QFETCH(QString, locale);
    QFETCH(QString, shown);
    DatasetBrowser browser;
    QLocale viewLocale(locale); // as QAbstractItemView hands it to its delegates
    viewLocale.setNumberOptions(QLocale::OmitGroupSeparator);
    auto* delegate = qobject_cast<QStyledItemDelegate*>(browser.table()->itemDelegateForColumn(DatasetTableModel::Params));
    QVERIFY(delegate);
    QCOMPARE(delegate->displayText(QVariant(qlonglong(8555530)), viewLocale), shown);
}

ARCHSCOPE_GUI_TEST_MAIN(TestDatasetModel)
#include "tst_datasetmodel.moc"
