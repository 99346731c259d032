// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Label-free scores in the explorer, as a user works them: Model ▸ Label-Free Score Columns adds a
// dataset column for a zero-cost proxy (the values eval-zc computes at the same network), Cell Info shows
// the picked cell's score with its percentile among the dataset's, the Label-Free Ranking view gives the
// score's Kendall τ beside the parameter count's, and a second window reads every value from the disk
// cache instead of computing it again; a damaged cache is scored afresh. Several scores have columns at
// once, each with its line in Cell Info, and go one by one. The bundled GHN is a column like the proxies,
// with its cache named by its model file's digest.
#include "MainWindow.h"
#include "dataset/DatasetBrowser.h"
#include "dataset/DatasetTableModel.h"
#include "labelfree/LabelFreeRankingView.h"
#include "proxies/ZeroCostProxies.h"
#include "registry/PredictorRegistry.h"
#include "util/Errors.h"

#include "../support/ReferenceStatistics.h"
#include "../support/TestData.h"
#include "../support/GuiTestMain.h"

#include <QComboBox>
#include <QDialog>
#include <QHeaderView>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace archscope;

namespace {

constexpr int kWaitMs = 120000;
constexpr std::size_t kCells = 150;
// The GHN takes about half a second a cell.
constexpr std::size_t kGhnCells = 6;

const ZeroCostProxy& proxyNamed(std::string_view name)
{
    for (const ZeroCostProxy& p : zeroCostProxies())
        if (p.name == name)
            return p;
    throw std::logic_error("no proxy " + std::string(name));
}

// The values eval-zc gives at the explorer's network: stem 16, 3 stacks of 1 module, on Fashion-MNIST's
// 28 × 28 × 1 input and 10 classes.
ProxySettings explorerNetwork()
{
    ProxySettings s;
    s.network.stemChannels = 16;
    s.network.numStacks = 3;
    s.network.cellsPerStack = 1;
    s.network.inputChannels = 1;
    s.network.inputHeight = 28;
    s.network.inputWidth = 28;
    s.network.numClasses = 10;
    s.batchSize = 64;
    return s;
}

// Model ▸ Label-Free Score Columns' entry for `name`, as the menu shows it when opened; null when none.
QAction* menuEntry(MainWindow& w, const QString& name)
{
    auto* menu = w.findChild<QMenu*>(QStringLiteral("labelFreeMenu"));
    Q_EMIT menu->aboutToShow();
    return menu->findChild<QAction*>(name == QLatin1String("Remove All") ? QStringLiteral("labelFreeRemoveAll")
                                                                          : QStringLiteral("labelFree_") + name);
}

// Adds `name`'s column as a click in the menu would, and waits for the column.
bool chooseInMenu(MainWindow& w, const QString& name)
{
    QAction* action = menuEntry(w, name);
    if (!action || action->isChecked())
        return false;
    QSignalSpy finished(&w, &MainWindow::labelFreeColumnFinished);
    action->trigger();
    while (finished.wait(kWaitMs))
        if (finished.last().at(0).toString() == name)
            return true;
    return false;
}

// What Cell Info shows for a cell scoring `mine` among the dataset's `values`: the share below it, ties
// counting half.
QString shownScore(const QString& name, double mine, const std::vector<double>& values)
{
    double below = 0;
    for (double v : values)
        below += v < mine ? 1.0 : v == mine ? 0.5 : 0.0;
    const QLocale locale;
    return test::shownText("archscope::CellInfoPanel", "%1 %2, above %3 % of the dataset's %4 scored cells")
        .arg(name, locale.toString(mine, 'g', 6), locale.toString(100.0 * below / double(values.size()), 'f', 1),
             locale.toString(qulonglong(values.size())));
}

} // namespace

class TestLabelFree : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        data_ = dir_.filePath(QStringLiteral("first.jsonl"));
        const auto& all = test::sample().records();
        records_.assign(all.begin(), all.begin() + std::ptrdiff_t(kCells));
        writeJsonl(data_.toStdString(), records_);
        ghnData_ = dir_.filePath(QStringLiteral("ghn.jsonl"));
        writeJsonl(ghnData_.toStdString(), std::vector<Record>(records_.begin(), records_.begin() + std::ptrdiff_t(kGhnCells)));
    }

    void scoresTheDatasetOnceAndRanksIt()
    {
        const QString cache = dir_.filePath(QStringLiteral("cache"));
        std::vector<double> first;
        {
            std::unique_ptr<MainWindow> w = openWindow(cache);
            QVERIFY(w);
            QVERIFY(chooseInMenu(*w, QStringLiteral("synflow")));
            const DatasetScores* scores = w->labelFreeScores(QStringLiteral("synflow"));
            QVERIFY(scores);
            QCOMPARE(scores->computedNow, kCells);
            QVERIFY2(scores->errors.isEmpty(), qPrintable(scores->errors.join(QLatin1Char('\n'))));

            // synflow reads no images.
            for (std::size_t i : {std::size_t(0), std::size_t(17), kCells - 1}) {
                const double expected = scoreCellProxies(records_[i].cell, {&proxyNamed("synflow")}, explorerNetwork(), nullptr).front();
                QCOMPARE(scores->values[i], expected);
            }
            // A column after the fixed ones shows them, under the score's name.
            const DatasetTableModel* table = w->findChild<DatasetBrowser*>()->tableModel();
            QCOMPARE(table->columnCount(), DatasetTableModel::FirstScore + 1);
            QCOMPARE(table->headerData(DatasetTableModel::FirstScore, Qt::Horizontal).toString(), QStringLiteral("synflow"));
            for (int row = 0; row < table->rowCount(); ++row)
                QCOMPARE(table->score(row, QStringLiteral("synflow")), scores->values[table->recordIndex(row)]);
            first = scores->values;

            // Picking a cell shows its score in Cell Info, with the share of the dataset's cells below it.
            QTableView* view = w->findChild<DatasetBrowser*>()->table();
            view->selectRow(3);
            const std::size_t record = table->recordIndex(3);
            const QString expected = shownScore(QStringLiteral("synflow"), first[record], first);
            auto* label = w->findChild<QLabel*>(QStringLiteral("labelFreeLabel"));
            QTRY_COMPARE_WITH_TIMEOUT(label->text(), expected, kWaitMs);

            // The ranking view: the score's τ against the 108-epoch accuracy, the parameter count's beside it.
            w->findChild<QAction*>(QStringLiteral("labelFreeRankingAction"))->trigger();
            auto* dialog = w->findChild<QDialog*>(QStringLiteral("labelFreeRankingDialog"));
            QVERIFY(dialog && dialog->isVisible());
            auto* ranking = dialog->findChild<LabelFreeRankingView*>();
            std::vector<double> accuracy, params;
            for (const Record& r : records_) {
                accuracy.push_back(r.validationAccuracy());
                params.push_back(double(r.params));
            }
            QCOMPARE(ranking->cellCount(), int(kCells));
            QVERIFY(std::abs(ranking->kendallTau() - test::referenceKendallTauB(first, accuracy)) < 1e-12);
            QVERIFY(std::abs(ranking->parameterCountTau() - test::referenceKendallTauB(params, accuracy)) < 1e-12);
            const QString summary = dialog->findChild<QLabel*>(QStringLiteral("labelFreeRankingSummary"))->text();
            QVERIFY2(summary.contains(QLocale().toString(ranking->kendallTau(), 'f', 3)), qPrintable(summary));
            dialog->close();
        }
        {
            // The next window computes nothing: every value comes from the cache.
            std::unique_ptr<MainWindow> w = openWindow(cache);
            QVERIFY(w);
            QVERIFY(chooseInMenu(*w, QStringLiteral("synflow")));
            QCOMPARE(w->labelFreeScores(QStringLiteral("synflow"))->computedNow, std::size_t(0));
            QCOMPARE(w->labelFreeScores(QStringLiteral("synflow"))->values, first);

            // Unticking it removes the column and Cell Info's row.
            QVERIFY(!menuEntry(*w, QStringLiteral("no-such-proxy")));
            menuEntry(*w, QStringLiteral("synflow"))->trigger();
            QVERIFY(!w->labelFreeScores(QStringLiteral("synflow")));
            const DatasetTableModel* table = w->findChild<DatasetBrowser*>()->tableModel();
            QCOMPARE(table->columnCount(), int(DatasetTableModel::FirstScore));
            QVERIFY(std::isnan(table->score(0, QStringLiteral("synflow"))));
            QCOMPARE(w->findChild<QLabel*>(QStringLiteral("labelFreeLabel"))->text(), test::shownText("archscope::CellInfoPanel", "none chosen"));
            QVERIFY(!menuEntry(*w, QStringLiteral("synflow"))->isChecked());
        }
        {
            // A damaged cache names its file and line, and its cells are scored again.
            const QString file = QDir(cache).filePath(LabelFreeScore(proxyNamed("synflow")).key() + QStringLiteral(".csv"));
            QFile f(file);
            QVERIFY(f.open(QIODevice::Append));
            f.write("not a hash,1\n");
            f.close();
            std::unique_ptr<MainWindow> w = openWindow(cache);
            QVERIFY(w);
            QVERIFY(chooseInMenu(*w, QStringLiteral("synflow")));
            const DatasetScores* scores = w->labelFreeScores(QStringLiteral("synflow"));
            QCOMPARE(scores->errors.size(), 1);
            const QString where = test::shownText("ScoreCache", "%1, line %2: not a hash and a finite score")
                                      .arg(QDir::toNativeSeparators(file)).arg(kCells + 2); // the header, the cells, the damage
            QCOMPARE(scores->errors.front(), where);
            QCOMPARE(scores->computedNow, kCells);
            QCOMPARE(scores->values, first);
            ScoreCache again(cache, LabelFreeScore(proxyNamed("synflow")));
            QString error;
            QVERIFY2(again.load(&error), qPrintable(error));
            QCOMPARE(again.size(), kCells);
        }
    }

    // Several scores at once: a column each, in the order added, each with its own line in Cell Info and
    // its own choice in the ranking view; the table sorts by any of them, and they go one by one.
    void severalScoreColumnsAtOnce()
    {
        std::unique_ptr<MainWindow> w = openWindow(dir_.filePath(QStringLiteral("several-cache")));
        QVERIFY(w);
        const QStringList names{QStringLiteral("params"), QStringLiteral("synflow"), QStringLiteral("l2_norm")};
        for (const QString& name : names)
            QVERIFY2(chooseInMenu(*w, name), qPrintable(name));
        DatasetTableModel* table = w->findChild<DatasetBrowser*>()->tableModel();
        QCOMPARE(table->scoreNames(), names);
        QCOMPARE(table->columnCount(), DatasetTableModel::FirstScore + 3);
        std::vector<std::vector<double>> values;
        for (int i = 0; i < names.size(); ++i) {
            QCOMPARE(table->headerData(DatasetTableModel::FirstScore + i, Qt::Horizontal).toString(), names[i]);
            const DatasetScores* scores = w->labelFreeScores(names[i]);
            QVERIFY(scores);
            QCOMPARE(scores->values.size(), kCells);
            // Each column holds its own score: the value scoreCellProxies gives for that proxy alone.
            const double expected = scoreCellProxies(records_[5].cell, {&proxyNamed(names[i].toStdString())},
                                                     explorerNetwork(), nullptr).front();
            QCOMPARE(scores->values[5], expected);
            values.push_back(scores->values);
        }
        QVERIFY(values[0] != values[1] && values[1] != values[2]);

        // Cell Info: one line per score, in the columns' order, each with its percentile.
        QTableView* view = w->findChild<DatasetBrowser*>()->table();
        view->selectRow(4);
        const std::size_t record = table->recordIndex(4);
        QStringList lines;
        for (std::size_t i = 0; i < values.size(); ++i)
            lines.append(shownScore(names[int(i)], values[i][record], values[i]));
        auto* label = w->findChild<QLabel*>(QStringLiteral("labelFreeLabel"));
        QTRY_COMPARE_WITH_TIMEOUT(label->text(), lines.join(QLatin1Char('\n')), kWaitMs);

        // A click on the synflow column's heading sorts the rows by it, unscored cells last.
        QHeaderView* header = view->horizontalHeader();
        const int synflowColumn = table->scoreColumn(QStringLiteral("synflow"));
        view->scrollTo(view->model()->index(0, synflowColumn));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(synflowColumn) + header->sectionSize(synflowColumn) / 2,
                                 header->height() / 2));
        QCOMPARE(header->sortIndicatorSection(), synflowColumn);
        const bool ascending = header->sortIndicatorOrder() == Qt::AscendingOrder;
        for (int row = 1; row < view->model()->rowCount(); ++row) {
            const double prev = view->model()->index(row - 1, synflowColumn).data().toDouble();
            const double cur = view->model()->index(row, synflowColumn).data().toDouble();
            QVERIFY2(ascending ? prev <= cur : prev >= cur, qPrintable(QStringLiteral("row %1").arg(row)));
        }

        // The ranking view plots any of them: the newest first, another when chosen.
        w->findChild<QAction*>(QStringLiteral("labelFreeRankingAction"))->trigger();
        auto* dialog = w->findChild<QDialog*>(QStringLiteral("labelFreeRankingDialog"));
        QVERIFY(dialog && dialog->isVisible());
        auto* choice = dialog->findChild<QComboBox*>(QStringLiteral("labelFreeRankingScore"));
        QCOMPARE(choice->count(), 3);
        QCOMPARE(choice->currentText(), names.back());
        std::vector<double> accuracy;
        for (const Record& r : records_)
            accuracy.push_back(r.validationAccuracy());
        auto* ranking = dialog->findChild<LabelFreeRankingView*>();
        QVERIFY(std::abs(ranking->kendallTau() - test::referenceKendallTauB(values[2], accuracy)) < 1e-12);
        choice->setCurrentIndex(1);
        QVERIFY(std::abs(ranking->kendallTau() - test::referenceKendallTauB(values[1], accuracy)) < 1e-12);
        dialog->close();

        // Unticking synflow removes its column and line only; Remove All the rest.
        menuEntry(*w, QStringLiteral("synflow"))->trigger();
        QCOMPARE(table->scoreNames(), (QStringList{names[0], names[2]}));
        QCOMPARE(table->headerData(DatasetTableModel::FirstScore + 1, Qt::Horizontal).toString(), names[2]);
        for (int row = 0; row < table->rowCount(); ++row)
            QCOMPARE(table->score(row, names[2]), values[2][table->recordIndex(row)]);
        // Still the cell picked before the sort.
        QCOMPARE(label->text(), shownScore(names[0], values[0][record], values[0]) + QLatin1Char('\n') +
                                    shownScore(names[2], values[2][record], values[2]));
        QAction* removeAll = menuEntry(*w, QStringLiteral("Remove All"));
        QVERIFY(removeAll->isEnabled());
        removeAll->trigger();
        QVERIFY(table->scoreNames().isEmpty());
        QCOMPARE(label->text(), test::shownText("archscope::CellInfoPanel", "none chosen"));
        QVERIFY(!menuEntry(*w, QStringLiteral("Remove All"))->isEnabled());
    }

    // The bundled GHN as a column: its values are the model's own scores, Cell Info places the picked
    // cell among them, and the cache is named by the model file's digest.
    void ghnScoreWithItsPercentile()
    {
        const QString ghnFile = bundledModelPath(QStringLiteral("ghn-default.safetensors"));
        QVERIFY(!ghnFile.isEmpty());
        const std::shared_ptr<Predictor> ghn = loadPredictor(QFile::encodeName(ghnFile).toStdString());
        const QString cache = dir_.filePath(QStringLiteral("ghn-cache"));
        std::unique_ptr<MainWindow> w = openWindow(cache, ghnData_);
        QVERIFY(w);
        QVERIFY(chooseInMenu(*w, QStringLiteral("ghn")));
        const DatasetScores* scores = w->labelFreeScores(QStringLiteral("ghn"));
        QVERIFY(scores);
        QVERIFY2(scores->errors.isEmpty(), qPrintable(scores->errors.join(QLatin1Char('\n'))));
        QCOMPARE(scores->computedNow, kGhnCells);
        std::vector<Cell> cells;
        for (std::size_t i = 0; i < kGhnCells; ++i)
            cells.push_back(records_[i].cell);
        const std::vector<float> expected = ghn->predict(cells);
        for (std::size_t i = 0; i < kGhnCells; ++i)
            QCOMPARE(scores->values[i], double(expected[i]));
        const DatasetTableModel* table = w->findChild<DatasetBrowser*>()->tableModel();
        QCOMPARE(table->headerData(DatasetTableModel::FirstScore, Qt::Horizontal).toString(), QStringLiteral("ghn"));

        w->findChild<DatasetBrowser*>()->table()->selectRow(2);
        const QString shown = shownScore(QStringLiteral("ghn"), scores->values[table->recordIndex(2)], scores->values);
        QTRY_COMPARE_WITH_TIMEOUT(w->findChild<QLabel*>(QStringLiteral("labelFreeLabel"))->text(), shown, kWaitMs);

        const std::shared_ptr<const LabelFreeScore> score = LabelFreeScore::ghn(ghnFile);
        QVERIFY(score->key().startsWith(QStringLiteral("ghn-")));
        QVERIFY(QFile::exists(QDir(cache).filePath(score->key() + QStringLiteral(".csv"))));
        // Another file, another cache: a GHN trained again is not taken for the old one.
        const QString copy = dir_.filePath(QStringLiteral("other-ghn.safetensors"));
        QVERIFY(QFile::copy(ghnFile, copy));
        QFile f(copy);
        QVERIFY(f.open(QIODevice::Append));
        f.write("x");
        f.close();
        QVERIFY(LabelFreeScore::ghn(copy)->key() != score->key());
        QVERIFY_THROWS_EXCEPTION(DataError, LabelFreeScore::ghn(dir_.filePath(QStringLiteral("no-such.safetensors"))));
    }

private:
    std::unique_ptr<MainWindow> openWindow(const QString& cache, const QString& data = {})
    {
        auto w = std::make_unique<MainWindow>();
        w->setTrainedModelsFolder(dir_.filePath(QStringLiteral("models")));
        w->setScoreCacheFolder(cache);
        w->show();
        if (!QTest::qWaitForWindowExposed(w.get()))
            return nullptr;
        QSignalSpy loaded(w.get(), &MainWindow::datasetLoaded);
        w->openDataset(data.isEmpty() ? data_ : data);
        if (!loaded.wait(kWaitMs))
            return nullptr;
        return w;
    }

    QTemporaryDir dir_;
    QString data_;
    QString ghnData_;
    std::vector<Record> records_;
};

ARCHSCOPE_GUI_TEST_MAIN(TestLabelFree)
#include "tst_labelfree.moc"
