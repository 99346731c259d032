// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Label-free scores in the explorer: a zero-cost proxy's score of every dataset cell in the dataset's
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
    QAction* none = labelFreeMenu_->addAction(tr("None"));
    none->setObjectName(QStringLiteral("labelFreeNone"));
    none->setCheckable(true);
    none->setChecked(!labelFreeScore_);
    none->setActionGroup(group);
    none->setToolTip(tr("No score column; stops a column being computed"));
    connect(none, &QAction::triggered, this, [this] { chooseLabelFreeScore(nullptr); });
    for (const ZeroCostProxy& proxy : zeroCostProxies()) {
        const QString name = QString::fromLatin1(proxy.name.data(), qsizetype(proxy.name.size()));
        QAction* a = labelFreeMenu_->addAction(name);
        a->setObjectName(QStringLiteral("labelFree_") + name);
        a->setCheckable(true);
        a->setChecked(labelFreeScore_ && &labelFreeScore_->proxy() == &proxy);
        a->setActionGroup(group);
        a->setToolTip(proxy.needsImages ? tr("Reads a fixed batch of Fashion-MNIST images") : tr("Data-free: no images"));
        connect(a, &QAction::triggered, this, [this, p = &proxy] { chooseLabelFreeScore(p); });
    }
}

void MainWindow::chooseLabelFreeScore(const ZeroCostProxy* proxy)
{
    if (proxy && labelFreeScore_ && &labelFreeScore_->proxy() == proxy)
        return;
    labelFreeScore_ = proxy ? std::make_shared<const LabelFreeScore>(*proxy) : nullptr;
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
                                        const QLocale locale;
                                        statusBar()->showMessage(tr("Scoring the dataset's cells with %1: %2 of %3")
                                                                     .arg(sofar.name, locale.toString(qulonglong(done)),
                                                                          locale.toString(qulonglong(total))));
                                    });
                                });
        },
        [this, score](const DatasetScores& scores) {
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
            info_->setLabelFreeScore(score, std::move(values));
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
