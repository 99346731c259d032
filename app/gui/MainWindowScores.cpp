// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Label-free scores in the explorer: zero-cost proxies' and the bundled GHN's scores of every dataset cell,
// a column each in the dataset (computed once per cell, then cached on disk), of the edited cell in Cell
// Info with their percentiles among the dataset's, and the Label-Free Ranking view of how well each ranks them.
#include "MainWindow.h"

#include "dataset/DatasetBrowser.h"
#include "dataset/DatasetTableModel.h"
#include "info/CellInfoPanel.h"
#include "labelfree/LabelFreeRankingView.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QLocale>
#include <QMenu>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace archscope {

namespace {

std::vector<double> finiteValues(const DatasetScores& scores)
{
    std::vector<double> out;
    for (double v : scores.values)
        if (std::isfinite(v))
            out.push_back(v);
    return out;
}

} // namespace

void MainWindow::fillLabelFreeMenu()
{
    labelFreeMenu_->clear();
    const auto addScore = [this](const QString& name, const QString& toolTip) {
        QAction* a = labelFreeMenu_->addAction(name);
        a->setObjectName(QStringLiteral("labelFree_") + name);
        a->setCheckable(true);
        a->setChecked(findLabelFreeColumn(name) != nullptr);
        a->setToolTip(toolTip);
        return a;
    };
    QAction* removeAll = labelFreeMenu_->addAction(tr("Remove All"), this, &MainWindow::removeLabelFreeScores);
    removeAll->setObjectName(QStringLiteral("labelFreeRemoveAll"));
    removeAll->setToolTip(tr("Removes every score column and stops their computing; what was computed stays cached"));
    removeAll->setEnabled(!labelFreeColumns_.empty());
    labelFreeMenu_->addSeparator();
    // The bundled GHN's file is read for its digest only when it is chosen.
    const QString ghnFile = bundledModelPath(QStringLiteral("ghn-default.safetensors"));
    if (!ghnFile.isEmpty()) {
        const QString name = QString::fromLatin1(LabelFreeScore::kGhnName);
        QAction* a = addScore(name, tr("The bundled Graph HyperNetwork's score: exp(−loss) of the network it generates, "
                                       "on 500 Fashion-MNIST images. About half a second per cell: the percentile in "
                                       "Cell Info is among the cells scored so far"));
        connect(a, &QAction::toggled, this, [this, ghnFile, name](bool on) {
            if (!on) {
                removeLabelFreeScore(name);
                return;
            }
            try {
                addLabelFreeScore(LabelFreeScore::ghn(ghnFile));
            } catch (const std::exception& e) {
                statusBar()->showMessage(tr("Could not read the GHN: %1").arg(QString::fromStdString(e.what())));
            }
        });
    }
    for (const ZeroCostProxy& proxy : zeroCostProxies()) {
        const QString name = LabelFreeScore(proxy).name();
        QAction* a = addScore(name, proxy.needsImages ? tr("Reads a fixed batch of Fashion-MNIST images")
                                                      : tr("Data-free: no images"));
        connect(a, &QAction::toggled, this, [this, p = &proxy, name](bool on) {
            if (on)
                addLabelFreeScore(std::make_shared<const LabelFreeScore>(*p));
            else
                removeLabelFreeScore(name);
        });
    }
}

MainWindow::LabelFreeColumn* MainWindow::findLabelFreeColumn(const QString& name)
{
    for (LabelFreeColumn& column : labelFreeColumns_)
        if (column.score->name() == name)
            return &column;
    return nullptr;
}

const DatasetScores* MainWindow::labelFreeScores(const QString& name) const
{
    for (const LabelFreeColumn& column : labelFreeColumns_)
        if (column.score->name() == name)
            return column.values ? &*column.values : nullptr;
    return nullptr;
}

void MainWindow::addLabelFreeScore(std::shared_ptr<const LabelFreeScore> score)
{
    if (!score || findLabelFreeColumn(score->name()))
        return;
    labelFreeColumns_.push_back(
        {std::move(score), std::nullopt,
         std::make_unique<JobRunner>(QStringLiteral("labelFreeColumn"), JobRunner::Policy::LatestWins)});
    showLabelFreeScoresInInfo();
    computeLabelFreeColumn(labelFreeColumns_.back());
}

void MainWindow::removeLabelFreeScore(const QString& name)
{
    const auto it = std::find_if(labelFreeColumns_.begin(), labelFreeColumns_.end(),
                                 [&name](const LabelFreeColumn& c) { return c.score->name() == name; });
    if (it == labelFreeColumns_.end())
        return;
    // Its runner waits for the cell being scored (at most about a second) as it goes.
    it->job->cancel();
    labelFreeColumns_.erase(it);
    browser_->tableModel()->removeScores(name);
    showLabelFreeScoresInInfo();
}

void MainWindow::removeLabelFreeScores()
{
    while (!labelFreeColumns_.empty())
        removeLabelFreeScore(labelFreeColumns_.back().score->name());
}

void MainWindow::showLabelFreeScoresInInfo()
{
    std::vector<std::shared_ptr<const LabelFreeScore>> scores;
    for (const LabelFreeColumn& column : labelFreeColumns_)
        scores.push_back(column.score);
    info_->setLabelFreeScores(scores);
}

void MainWindow::computeLabelFreeColumn(LabelFreeColumn& column)
{
    const std::shared_ptr<const LabelFreeScore> score = column.score;
    const QString name = score->name();
    browser_->tableModel()->setScores(name, {});
    // Percentiles among another dataset's cells would mislead until this one's column is there.
    column.values.reset();
    info_->setLabelFreeDistribution(name, {});
    if (!dataset_) {
        column.job->cancel();
        return;
    }
    const std::shared_ptr<const Dataset> dataset = dataset_;
    const QString folder = scoreCacheFolder_;
    // The column's results are looked up by name when they arrive: the column may have been removed.
    const auto keep = [this, name](const DatasetScores& scores) {
        if (LabelFreeColumn* c = findLabelFreeColumn(name)) {
            c->values = scores;
            browser_->tableModel()->setScores(name, scores.values);
            info_->setLabelFreeDistribution(name, finiteValues(scores));
        }
    };
    column.job->run(
        this,
        [this, score, dataset, folder, keep](const JobControl& control) {
            return scoreDataset(*dataset, *score, folder, control.cancelFlag(),
                                [this, &control, keep](std::size_t done, std::size_t total, const DatasetScores& sofar) {
                                    control.report([this, keep, done, total, sofar] {
                                        keep(sofar);
                                        const QLocale locale;
                                        statusBar()->showMessage(tr("Scoring the dataset's cells with %1: %2 of %3")
                                                                     .arg(sofar.name, locale.toString(qulonglong(done)),
                                                                          locale.toString(qulonglong(total))));
                                    });
                                });
        },
        [this, keep, name](const DatasetScores& scores) {
            keep(scores);
            const QLocale locale;
            const std::size_t scored = finiteValues(scores).size();
            QString message = tr("%1: %2 of the dataset's cells scored, %3 of them now; kept in %4")
                                  .arg(scores.name, locale.toString(qulonglong(scored)),
                                       locale.toString(qulonglong(scores.computedNow)), QDir::toNativeSeparators(scoreCacheFolder_));
            if (scores.cancelled)
                message = tr("%1: stopped after %2 of the dataset's cells; what was scored is kept")
                              .arg(scores.name, locale.toString(qulonglong(scored)));
            if (!scores.errors.isEmpty())
                message += tr("; %Ln problem(s), the first: %1", nullptr, int(scores.errors.size())).arg(scores.errors.front());
            statusBar()->showMessage(message);
            Q_EMIT labelFreeColumnFinished(name);
        });
}

void MainWindow::showLabelFreeRanking()
{
    QStringList names;
    for (const LabelFreeColumn& column : labelFreeColumns_)
        if (column.values)
            names.append(column.score->name());
    if (!dataset_ || names.isEmpty()) {
        statusBar()->showMessage(tr("Add a score in Model ▸ Label-Free Score Columns first"), 5000);
        return;
    }
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("labelFreeRankingDialog"));
    dialog->setWindowTitle(tr("Label-Free Ranking"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto* choice = new QComboBox(dialog);
    choice->setObjectName(QStringLiteral("labelFreeRankingScore"));
    choice->addItems(names);
    choice->setToolTip(tr("The score plotted: one of the dataset's label-free columns, as far as it is computed"));
    auto* view = new LabelFreeRankingView(dialog);
    const auto show = [this, view, dataset = dataset_](const QString& name) {
        if (const DatasetScores* scores = labelFreeScores(name))
            view->setScores(*dataset, *scores);
    };
    connect(choice, &QComboBox::currentTextChanged, view, show);
    // The newest column is the one a user has just asked about.
    choice->setCurrentIndex(int(names.size()) - 1);
    show(choice->currentText());
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(choice);
    layout->addWidget(view, 1);
    layout->addWidget(buttons);
    dialog->resize(640, 480);
    dialog->show();
}

} // namespace archscope
