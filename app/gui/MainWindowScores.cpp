// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Label-free scores in the explorer: a zero-cost proxy's or the bundled GHN's score of every dataset cell in the dataset's
// Score column (computed once per cell, then cached on disk), of the edited cell in Cell Info with its
// percentile among the dataset's, and the Label-Free Ranking view of how well it ranks them.
#include "MainWindow.h"

#include "dataset/DatasetBrowser.h"
#include "dataset/DatasetTableModel.h"
#include "info/CellInfoPanel.h"
#include "labelfree/LabelFreeRankingView.h"

#include <QActionGroup>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QLocale>
#include <QMenu>
#include <QStatusBar>
#include <QVBoxLayout>

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
    auto* group = new QActionGroup(labelFreeMenu_);
    const auto addScore = [this, group](const QString& name, bool chosen, const QString& toolTip) {
        QAction* a = labelFreeMenu_->addAction(name);
        a->setObjectName(QStringLiteral("labelFree_") + name);
        a->setCheckable(true);
        a->setChecked(chosen);
        a->setActionGroup(group);
        a->setToolTip(toolTip);
        return a;
    };
    QAction* none = addScore(tr("None"), !labelFreeScore_, tr("No score column; stops a column being computed"));
    none->setObjectName(QStringLiteral("labelFreeNone"));
    connect(none, &QAction::triggered, this, [this] { chooseLabelFreeScore(nullptr); });
    // The bundled GHN's file is read for its digest only when it is chosen.
    const QString ghnFile = bundledModelPath(QStringLiteral("ghn-default.safetensors"));
    if (!ghnFile.isEmpty()) {
        QAction* a = addScore(QString::fromLatin1(LabelFreeScore::kGhnName), labelFreeScore_ && !labelFreeScore_->proxy(),
                              tr("The bundled Graph HyperNetwork's score: exp(−loss) of the network it generates, on "
                                 "500 Fashion-MNIST images. About half a second per cell: the percentile in Cell Info "
                                 "is among the cells scored so far"));
        connect(a, &QAction::triggered, this, [this, ghnFile] {
            if (labelFreeScore_ && !labelFreeScore_->proxy())
                return;
            try {
                chooseLabelFreeScore(LabelFreeScore::ghn(ghnFile));
            } catch (const std::exception& e) {
                statusBar()->showMessage(tr("Could not read the GHN: %1").arg(QString::fromStdString(e.what())));
            }
        });
    }
    labelFreeMenu_->addSeparator();
    for (const ZeroCostProxy& proxy : zeroCostProxies()) {
        QAction* a = addScore(LabelFreeScore(proxy).name(), labelFreeScore_ && labelFreeScore_->proxy() == &proxy,
                              proxy.needsImages ? tr("Reads a fixed batch of Fashion-MNIST images") : tr("Data-free: no images"));
        connect(a, &QAction::triggered, this, [this, p = &proxy] {
            if (!labelFreeScore_ || labelFreeScore_->proxy() != p)
                chooseLabelFreeScore(std::make_shared<const LabelFreeScore>(*p));
        });
    }
}

void MainWindow::chooseLabelFreeScore(std::shared_ptr<const LabelFreeScore> score)
{
    labelFreeScore_ = std::move(score);
    labelFreeScores_.reset();
    if (!labelFreeScore_)
        info_->setLabelFreeScore(nullptr, {});
    computeLabelFreeColumn();
}

void MainWindow::computeLabelFreeColumn()
{
    DatasetTableModel* table = browser_->tableModel();
    if (!labelFreeScore_ || !dataset_) {
        labelFreeJob_.cancel();
        table->setScores({}, QString());
        return;
    }
    const std::shared_ptr<const LabelFreeScore> score = labelFreeScore_;
    const std::shared_ptr<const Dataset> dataset = dataset_;
    const QString folder = scoreCacheFolder_;
    table->setScores({}, score->name());
    // Percentiles among another dataset's cells would mislead until this one's column is there.
    labelFreeScores_.reset();
    info_->setLabelFreeScore(score, {});
    labelFreeJob_.run(
        this,
        [this, score, dataset, folder](const JobControl& control) {
            return scoreDataset(*dataset, *score, folder, control.cancelFlag(),
                                [this, &control](std::size_t done, std::size_t total, const DatasetScores& sofar) {
                                    control.report([this, done, total, sofar] {
                                        labelFreeScores_ = sofar;
                                        browser_->tableModel()->setScores(sofar.values, sofar.name);
                                        info_->setLabelFreeDistribution(finiteValues(sofar));
                                        const QLocale locale;
                                        statusBar()->showMessage(tr("Scoring the dataset's cells with %1: %2 of %3")
                                                                     .arg(sofar.name, locale.toString(qulonglong(done)),
                                                                          locale.toString(qulonglong(total))));
                                    });
                                });
        },
        [this](const DatasetScores& scores) {
            labelFreeScores_ = scores;
            browser_->tableModel()->setScores(scores.values, scores.name);
            std::vector<double> values = finiteValues(scores);
            const QLocale locale;
            QString message = tr("%1: %2 of the dataset's cells scored, %3 of them now; kept in %4")
                                  .arg(scores.name, locale.toString(qulonglong(values.size())),
                                       locale.toString(qulonglong(scores.computedNow)), QDir::toNativeSeparators(scoreCacheFolder_));
            if (scores.cancelled)
                message = tr("%1: stopped after %2 of the dataset's cells; what was scored is kept")
                              .arg(scores.name, locale.toString(qulonglong(values.size())));
            if (!scores.errors.isEmpty())
                message += tr("; %Ln problem(s), the first: %1", nullptr, int(scores.errors.size())).arg(scores.errors.front());
            statusBar()->showMessage(message);
            info_->setLabelFreeDistribution(std::move(values));
            Q_EMIT labelFreeColumnFinished();
        });
}

void MainWindow::showLabelFreeRanking()
{
    if (!dataset_ || !labelFreeScores_) {
        statusBar()->showMessage(tr("Choose a score in Model ▸ Label-Free Score Column first"), 5000);
        return;
    }
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("labelFreeRankingDialog"));
    dialog->setWindowTitle(tr("Label-Free Ranking: %1").arg(labelFreeScores_->name));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto* view = new LabelFreeRankingView(dialog);
    view->setScores(*dataset_, *labelFreeScores_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(view, 1);
    layout->addWidget(buttons);
    dialog->resize(640, 480);
    dialog->show();
}

} // namespace archscope
