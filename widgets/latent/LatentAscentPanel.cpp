// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "latent/LatentAscentPanel.h"
#include "text/ModelNameText.h"

#include "latent/LatentMapWidget.h"
#include "text/LocaleText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace archscope {

LatentAscentPanel::LatentAscentPanel(LatentMapWidget* map, QWidget* parent)
    : QWidget(parent), map_(map), job_(QStringLiteral("latentAscent"), JobRunner::Policy::Queue),
      climb_(new QPushButton(tr("Climb from picked cell"), this)), steps_(new QSpinBox(this)),
      progress_(new QProgressBar(this)), stop_(new QToolButton(this)), message_(new QLabel(this)),
      results_(new QListWidget(this))
{
    qRegisterMetaType<LatentAscentRun>();
    setObjectName(QStringLiteral("latentAscentPanel"));
    climb_->setObjectName(QStringLiteral("climbButton"));
    climb_->setToolTip(tr("Gradient ascent on the VS-GAE predictor from the cell picked on the map, decoding every step"));
    steps_->setObjectName(QStringLiteral("climbSteps"));
    steps_->setRange(1, 1000);
    steps_->setValue(LatentAscentOptions{}.steps);
    steps_->setSuffix(tr(" steps"));
    progress_->setObjectName(QStringLiteral("climbProgress"));
    progress_->setVisible(false);
    stop_->setObjectName(QStringLiteral("climbCancel"));
    stop_->setText(tr("Cancel"));
    stop_->setVisible(false);
    message_->setObjectName(QStringLiteral("climbMessage"));
    message_->setWordWrap(true);
    results_->setObjectName(QStringLiteral("climbResults"));
    results_->setAccessibleName(tr("Best cells found by the climb"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(climb_);
    controls->addWidget(steps_);
    controls->addWidget(progress_, 1);
    controls->addWidget(stop_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(message_);
    layout->addWidget(results_);

    connect(climb_, &QPushButton::clicked, this, &LatentAscentPanel::start);
    connect(stop_, &QToolButton::clicked, this, &LatentAscentPanel::cancel);
    connect(map_, &LatentMapWidget::pathChanged, this, &LatentAscentPanel::startChanged);
    connect(map_, &LatentMapWidget::mapUpdated, this, &LatentAscentPanel::updateState);
    connect(results_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const int row = results_->row(item);
        if (row >= 0 && std::size_t(row) < last_.best.size())
            Q_EMIT cellPicked(last_.best[std::size_t(row)].cell);
    });
    connect(results_, &QListWidget::itemClicked, results_, &QListWidget::itemActivated);
    updateState();
}

void LatentAscentPanel::setPredictor(std::shared_ptr<const Predictor> predictor)
{
    predictor_ = std::move(predictor);
    updateState();
}

void LatentAscentPanel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    dataset_ = std::move(dataset);
}

void LatentAscentPanel::updateState()
{
    const bool ready = map_->model() && predictor_ && map_->pathStart() && !isRunning();
    climb_->setEnabled(ready);
    if (isRunning())
        return;
    if (!predictor_)
        message_->setText(tr("Open a VS-GAE predictor (archscope-cli train --model vsgae-latent) to climb."));
    else if (!map_->pathStart())
        message_->setText(tr("Pick a cell on the map to climb from."));
    else if (last_.path.empty())
        message_->setText(tr("Ready to climb with %1.").arg(modelNameText(predictor_->name())));
}

void LatentAscentPanel::startChanged()
{
    if (climbedFrom_ && map_->pathStart() != climbedFrom_) {
        climbedFrom_.reset();
        last_ = {};
        results_->clear();
        map_->setTrail({});
    }
    updateState();
}

void LatentAscentPanel::start()
{
    if (isRunning() || !map_->model() || !predictor_ || !map_->pathStart())
        return;
    LatentAscentOptions options;
    options.steps = steps_->value();
    const LatentCode from = map_->codes()[*map_->pathStart()];
    climbedFrom_ = map_->pathStart();
    job_.run(
        this,
        [this, model = map_->model(), predictor = predictor_, from, options](const JobControl& control) {
            LatentAscentRun run;
            LatentAscentCallbacks callbacks;
            callbacks.cancel = control.cancelFlag();
            callbacks.onStep = [&](const LatentAscentStep& s, int) {
                control.report([this, step = s.step] { progress_->setValue(step); });
            };
            try {
                run.result = ascendLatent(*predictor, *model, from, options, callbacks);
            } catch (const std::exception& e) {
                run.error = QString::fromStdString(e.what());
            }
            return run;
        },
        [this](const LatentAscentRun& run) { runFinished(run); });
    progress_->setRange(0, options.steps);
    progress_->setValue(0);
    progress_->setVisible(true);
    stop_->setVisible(true);
    message_->setText(tr("Climbing…"));
    updateState();
}

void LatentAscentPanel::cancel()
{
    job_.cancel();
}

void LatentAscentPanel::runFinished(const LatentAscentRun& run)
{
    progress_->setVisible(false);
    stop_->setVisible(false);
    last_ = run.result;
    results_->clear();
    if (!run.error.isEmpty()) {
        message_->setText(tr("Could not climb: %1").arg(run.error));
        updateState();
        Q_EMIT finished();
        return;
    }
    std::vector<LatentCode> trail;
    for (const LatentAscentStep& s : last_.path)
        trail.push_back(s.code);
    // The star marks where the best cell was first decoded.
    std::optional<std::size_t> best;
    if (!last_.best.empty())
        best = std::size_t(last_.best.front().firstStep);
    map_->setTrail(trail, best);
    const int budget = predictor_ ? budgetIndex(predictor_->budgetEpochs()) : budgetIndex(108);
    for (const LatentAscentFind& f : last_.best) {
        const Record* r = dataset_ ? dataset_->find(f.hash) : nullptr;
        const float truth = r ? r->validationAccuracy(budget) : NAN;
        const QString known = std::isnan(truth) ? tr("not in the dataset") : tr("true %1").arg(percentText(100.0 * truth, 2));
        auto* item = new QListWidgetItem(tr("predicted %1 · %2 · %3 vertices · step %4")
                                             .arg(percentText(100.0 * f.predicted, 2), known)
                                             .arg(f.cell.numVertices())
                                             .arg(f.firstStep));
        item->setToolTip(QString::fromStdString(f.hash.hex()));
        results_->addItem(item);
    }
    // Cells, not latent points: the predictor at a code can promise more than any cell decoded there.
    const auto cellText = [](double accuracy) {
        return std::isnan(accuracy) ? tr("no valid cell") : percentText(100.0 * accuracy, 2);
    };
    message_->setText((last_.cancelled ? tr("Cancelled after %1 steps.") : tr("%1 steps.")).arg(int(last_.path.size()) - 1)
                      + QLatin1Char(' ')
                      + tr("Start cell predicted %1, best cell found %2; %Ln distinct valid cell(s) decoded.", nullptr,
                           int(last_.distinctValid))
                            .arg(cellText(last_.startCellPredicted()), cellText(last_.bestCellPredicted())));
    updateState();
    Q_EMIT finished();
}

} // namespace archscope
