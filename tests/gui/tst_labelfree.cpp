// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Label-free scores in the explorer, as a user works them: Model ▸ Label-Free Score Column fills the
// dataset's Score column with a zero-cost proxy (the values eval-zc computes at the same network),
// Cell Info shows the picked cell's score with its percentile among the dataset's, the Label-Free
// Ranking view gives the score's Kendall τ beside the parameter count's, and a second window reads
// every value from the disk cache instead of computing it again; a damaged cache is scored afresh. The
// bundled GHN is a column like the proxies, with its cache named by its model file's digest.
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

#include <QDialog>
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

// Chooses `name` in Model ▸ Label-Free Score Column as a click would, and waits for the column.
bool chooseInMenu(MainWindow& w, const QString& name)
{
    auto* menu = w.findChild<QMenu*>(QStringLiteral("labelFreeMenu"));
    Q_EMIT menu->aboutToShow();
    QAction* action = menu->findChild<QAction*>(QStringLiteral("labelFree_") + name);
    if (!action)
        return false;
    QSignalSpy finished(&w, &MainWindow::labelFreeColumnFinished);
    action->trigger();
    return finished.wait(kWaitMs);
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
            const DatasetScores* scores = w->labelFreeScores();
            QVERIFY(scores);
            QCOMPARE(scores->computedNow, kCells);
            QVERIFY2(scores->errors.isEmpty(), qPrintable(scores->errors.join(QLatin1Char('\n'))));

            // The values eval-zc gives at the explorer's network: stem 16, 3 stacks of 1 module, on
            // Fashion-MNIST's 28 × 28 × 1 input and 10 classes; synflow reads no images.
            ProxySettings s;
            s.network.stemChannels = 16;
            s.network.numStacks = 3;
            s.network.cellsPerStack = 1;
            s.network.inputChannels = 1;
            s.network.inputHeight = 28;
            s.network.inputWidth = 28;
            s.network.numClasses = 10;
            s.batchSize = 64;
            for (std::size_t i : {std::size_t(0), std::size_t(17), kCells - 1}) {
                const double expected = scoreCellProxies(records_[i].cell, {&proxyNamed("synflow")}, s, nullptr).front();
                QCOMPARE(scores->values[i], expected);
            }
            // The Score column shows them, under the score's name.
            const DatasetTableModel* table = w->findChild<DatasetBrowser*>()->tableModel();
            QCOMPARE(table->headerData(DatasetTableModel::Score, Qt::Horizontal).toString(), QStringLiteral("synflow"));
            for (int row = 0; row < table->rowCount(); ++row)
                QCOMPARE(table->keys(row).score, scores->values[table->recordIndex(row)]);
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
            QCOMPARE(w->labelFreeScores()->computedNow, std::size_t(0));
            QCOMPARE(w->labelFreeScores()->values, first);

            // None clears the column and Cell Info's row.
            QVERIFY(!chooseInMenu(*w, QStringLiteral("no-such-proxy")));
            w->chooseLabelFreeScore(nullptr);
            QVERIFY(!w->labelFreeScores());
            const DatasetTableModel* table = w->findChild<DatasetBrowser*>()->tableModel();
            QCOMPARE(table->headerData(DatasetTableModel::Score, Qt::Horizontal).toString(), test::shownText("archscope::DatasetTableModel", "Label-free score"));
            QVERIFY(std::isnan(table->keys(0).score));
            QCOMPARE(w->findChild<QLabel*>(QStringLiteral("labelFreeLabel"))->text(), test::shownText("archscope::CellInfoPanel", "none chosen"));
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
            const DatasetScores* scores = w->labelFreeScores();
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
        const DatasetScores* scores = w->labelFreeScores();
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
        QCOMPARE(table->headerData(DatasetTableModel::Score, Qt::Horizontal).toString(), QStringLiteral("ghn"));

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
