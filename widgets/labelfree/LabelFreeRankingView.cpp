// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "labelfree/LabelFreeRankingView.h"

#include "metrics/Metrics.h"
#include "training/PlotPalette.h"
#include "training/QCustomPlotHeader.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

namespace archscope {

LabelFreeRankingView::LabelFreeRankingView(QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), summary_(new QLabel(this))
{
    setObjectName(QStringLiteral("labelFreeRankingView"));
    plot_->setObjectName(QStringLiteral("labelFreeRankingPlot"));
    summary_->setObjectName(QStringLiteral("labelFreeRankingSummary"));
    summary_->setWordWrap(true);
    plot_->addGraph();
    plot_->graph(0)->setLineStyle(QCPGraph::lsNone);
    plot_->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
    plot_->yAxis->setLabel(tr("Validation accuracy at 108 epochs (%)"));
    plot_->setMinimumSize(320, 240);
    followPalette(plot_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(plot_, 1);
}

void LabelFreeRankingView::setScores(const Dataset& dataset, const DatasetScores& scores)
{
    std::vector<double> score, accuracy, params;
    for (std::size_t i = 0; i < dataset.size() && i < scores.values.size(); ++i) {
        const double acc = dataset[i].validationAccuracy();
        if (!std::isfinite(scores.values[i]) || !std::isfinite(acc))
            continue;
        score.push_back(scores.values[i]);
        accuracy.push_back(acc);
        params.push_back(double(dataset[i].params));
    }
    cells_ = int(score.size());
    tau_ = score.size() > 1 ? archscope::kendallTau(score, accuracy) : std::nan("");
    paramsTau_ = score.size() > 1 ? archscope::kendallTau(params, accuracy) : std::nan("");
    const double rho = score.size() > 1 ? spearman(score, accuracy) : std::nan("");
    const QLocale locale;
    const auto figure = [&](double v) { return std::isfinite(v) ? locale.toString(v, 'f', 3) : tr("n/a"); };
    summary_->setText(tr("%1 over %2 cells of the dataset: Kendall τ %3, Spearman ρ %4; the parameter count on "
                         "the same cells: τ %5")
                          .arg(scores.name, locale.toString(cells_), figure(tau_), figure(rho), figure(paramsTau_)));
    QVector<double> x(qsizetype(score.size())), y(qsizetype(score.size()));
    for (std::size_t i = 0; i < score.size(); ++i) {
        x[qsizetype(i)] = score[i];
        y[qsizetype(i)] = 100.0 * accuracy[i];
    }
    plot_->graph(0)->setData(x, y);
    // The palette's highlight reads on light and dark backgrounds alike.
    plot_->graph(0)->setPen(QPen(palette().color(QPalette::Highlight)));
    plot_->xAxis->setLabel(scores.name);
    plot_->rescaleAxes();
    plot_->replot();
}

} // namespace archscope
