// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "training/TrainingMonitor.h"

#include "files/FileDialogs.h"
#include "files/SaveFile.h"
#include "train/TrainingTypes.h"
#include "training/PlotExport.h"
#include "text/LocaleText.h"
#include "training/PlotPalette.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include "training/QCustomPlotHeader.h"

#include <algorithm>
#include <cmath>

namespace archscope {
namespace {

enum LossGraph { StepLoss, EpochTrainLoss, EpochValLoss, OverlayTrainLoss, OverlayValLoss };
enum ScatterGraph { Points, Diagonal };
enum TauGraph { RunTau, OverlayTau };
enum AccuracyGraph { ValidationAccuracy, TestAccuracy };

QCPGraph* addGraph(QCustomPlot* plot, const QColor& color, const QString& name, Qt::PenStyle style = Qt::SolidLine)
{
    QCPGraph* g = plot->addGraph();
    g->setPen(QPen(color, 1.2, style));
    g->setName(name);
    return g;
}

QCustomPlot* makePlot(QWidget* parent, const QString& objectName, const QString& x, const QString& y)
{
    auto* plot = new QCustomPlot(parent);
    plot->setObjectName(objectName);
    plot->setMinimumHeight(140);
    plot->xAxis->setLabel(x);
    plot->yAxis->setLabel(y);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 7));
    plot->legend->setIconSize(18, 9);
    plot->legend->setRowSpacing(0);
    // Dense live curves redraw often: no antialiasing, as QCustomPlot's docs advise.
    plot->setNotAntialiasedElements(QCP::aeAll);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    followPalette(plot);
    return plot;
}

// rescaleAxes puts the highest and lowest points on the frame, where a peak's marker is cut in half:
// leave 5% of the range free above and below (in log space on a log axis).
void rescaleWithHeadroom(QCustomPlot* plot)
{
    plot->rescaleAxes();
    QCPAxis* y = plot->yAxis;
    const QCPRange r = y->range();
    if (y->scaleType() == QCPAxis::stLogarithmic) {
        if (r.lower > 0 && r.upper > r.lower) {
            const double f = std::pow(r.upper / r.lower, 0.05);
            y->setRange(r.lower / f, r.upper * f);
        }
    } else if (r.size() > 0) {
        y->setRange(r.lower - 0.05 * r.size(), r.upper + 0.05 * r.size());
    }
}

QString duration(double seconds)
{
    const int s = int(std::lround(std::max(0.0, seconds)));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

TrainingMonitor::TrainingMonitor(QWidget* parent)
    : QWidget(parent),
      loss_(makePlot(this, QStringLiteral("lossPlot"), tr("epoch"), tr("loss"))),
      scatter_(makePlot(this, QStringLiteral("scatterPlot"), tr("true accuracy (%)"), tr("predicted accuracy (%)"))),
      tau_(makePlot(this, QStringLiteral("tauPlot"), tr("epoch"), tr("Kendall τ"))),
      accuracy_(makePlot(this, QStringLiteral("accuracyPlot"), tr("epoch"), tr("accuracy (%)"))),
      logScale_(new QCheckBox(tr("Log scale"), this)), progress_(new QProgressBar(this)), eta_(new QLabel(this)),
      device_(new QLabel(this)), throughput_(new QLabel(this)), overlayName_(new QLabel(this)),
      cancel_(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("trainingMonitor"));
    replot_.setSingleShot(true);
    replot_.setInterval(40);
    connect(&replot_, &QTimer::timeout, this, [this] {
        for (QCustomPlot* plot : {loss_, scatter_, tau_, accuracy_})
            plot->replot(QCustomPlot::rpQueuedReplot);
    });
    addGraph(loss_, QColor(150, 170, 220), tr("train (step)"));
    addGraph(loss_, QColor(30, 80, 200), tr("train (epoch)"))->setScatterStyle(QCPScatterStyle::ssDisc);
    addGraph(loss_, QColor(220, 90, 30), tr("validation"))->setScatterStyle(QCPScatterStyle::ssDisc);
    addGraph(loss_, QColor(30, 80, 200), tr("overlay train"), Qt::DashLine)->setVisible(false);
    addGraph(loss_, QColor(220, 90, 30), tr("overlay validation"), Qt::DashLine)->setVisible(false);
    for (int g : {OverlayTrainLoss, OverlayValLoss})
        loss_->graph(g)->removeFromLegend();

    QCPGraph* points = addGraph(scatter_, QColor(30, 80, 200, 160), tr("validation cells"));
    points->setLineStyle(QCPGraph::lsNone);
    points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
    addGraph(scatter_, Qt::gray, tr("ideal"), Qt::DashLine)->removeFromLegend();
    // The epoch's figures head the scatter plot: as a legend entry they outgrew narrow plots.
    scatter_->plotLayout()->insertRow(0);
    scatterTitle_ = new QCPTextElement(scatter_, QString(), QFont(scatter_->font().family(), 8));
    scatterTitle_->setObjectName(QStringLiteral("scatterTitle"));
    scatter_->plotLayout()->addElement(0, 0, scatterTitle_);
    applyPlotPalette(scatter_, scatter_->palette());

    addGraph(tau_, QColor(30, 140, 60), tr("this run"))->setScatterStyle(QCPScatterStyle::ssDisc);
    addGraph(tau_, QColor(30, 140, 60), tr("overlay"), Qt::DashLine)->setVisible(false);
    tau_->graph(OverlayTau)->removeFromLegend();
    addGraph(accuracy_, QColor(220, 90, 30), tr("validation"))->setScatterStyle(QCPScatterStyle::ssDisc);
    addGraph(accuracy_, QColor(30, 140, 60), tr("test"))->setScatterStyle(QCPScatterStyle::ssDisc);
    accuracy_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    // A network run's accuracies take the place of the predictor's scatter and τ.
    accuracy_->hide();
    // Where each plot's data leaves room: losses fall, the scatter hugs the diagonal, tau rises.
    loss_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    scatter_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    tau_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);

    logScale_->setObjectName(QStringLiteral("logScaleCheck"));
    logScale_->setToolTip(tr("Show the losses on a logarithmic axis"));
    connect(logScale_, &QCheckBox::toggled, this, &TrainingMonitor::setLogScale);
    progress_->setObjectName(QStringLiteral("trainingProgress"));
    eta_->setObjectName(QStringLiteral("etaLabel"));
    device_->setObjectName(QStringLiteral("deviceLabel"));
    throughput_->setObjectName(QStringLiteral("throughputLabel"));
    cancel_->setObjectName(QStringLiteral("cancelTrainingButton"));
    cancel_->setEnabled(false);
    connect(cancel_, &QPushButton::clicked, this, &TrainingMonitor::cancelRequested);

    // The overlay's name stands here rather than in the legends, where a long one pushed them past the
    // plots' left edge; it never widens the dock.
    overlayName_->setObjectName(QStringLiteral("overlayNameLabel"));
    overlayName_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    const auto button = [this](const QString& text, const QString& name, FileAction action) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, [this, action] { chooseFileFor(action); });
        return b;
    };
    // The log-scale switch sits in the status row: beside four file buttons it made the dock wider, in
    // German, than a 1,024-pixel window leaves beside Cell Info.
    auto* tools = new QHBoxLayout;
    tools->addWidget(overlayName_, 1);
    tools->addWidget(button(tr("Export Plots…"), QStringLiteral("exportPlotsButton"), FileAction::ExportPlots));
    tools->addWidget(button(tr("Export CSV…"), QStringLiteral("exportCsvButton"), FileAction::ExportCsv));
    tools->addWidget(button(tr("Save Run…"), QStringLiteral("saveRunButton"), FileAction::SaveRun));
    tools->addWidget(button(tr("Overlay Run…"), QStringLiteral("overlayRunButton"), FileAction::OverlayRun));

    auto* status = new QHBoxLayout;
    status->addWidget(logScale_);
    status->addWidget(progress_, 1);
    status->addWidget(eta_);
    status->addWidget(throughput_);
    status->addWidget(device_);
    status->addWidget(cancel_);

    auto* plots = new QGridLayout;
    plots->addWidget(loss_, 0, 0);
    plots->addWidget(scatter_, 0, 1);
    plots->addWidget(tau_, 0, 2);
    plots->addWidget(accuracy_, 0, 1, 1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(tools);
    layout->addLayout(plots, 1);
    layout->addLayout(status);
}

void TrainingMonitor::startRun(const QString& name, int epochs, RunKind kind)
{
    run_ = RunCurves{name, {}, {}};
    epochs_ = epochs;
    kind_ = kind;
    const bool network = kind == RunKind::Network;
    scatter_->setVisible(!network);
    tau_->setVisible(!network);
    accuracy_->setVisible(network);
    clock_.start();
    etaBase_ = -1;
    for (int g : {StepLoss, EpochTrainLoss, EpochValLoss})
        loss_->graph(g)->data()->clear();
    for (int g = 0; g < scatter_->graphCount(); ++g)
        scatter_->graph(g)->data()->clear();
    tau_->graph(RunTau)->data()->clear();
    for (int g : {ValidationAccuracy, TestAccuracy})
        accuracy_->graph(g)->data()->clear();
    progress_->setRange(0, std::max(1, epochs));
    progress_->setValue(0);
    progress_->resetFormat();
    eta_->setText(tr("starting…"));
    throughput_->clear();
    cancel_->setEnabled(true);
    replotSoon();
}

void TrainingMonitor::addStep(const StepEvent& e)
{
    // A resumed run goes on from its checkpoint, written at its last improving epoch: what was drawn
    // after that is redone, and drawn anew.
    const double x = RunCurves::stepX(e);
    if (!run_.steps.empty() && x <= run_.steps.back().x) {
        run_.dropFrom(x);
        const double before = std::nextafter(x, -1.0);
        for (int g : {StepLoss, EpochTrainLoss, EpochValLoss})
            loss_->graph(g)->data()->removeAfter(before);
        tau_->graph(RunTau)->data()->removeAfter(before);
    }
    run_.add(e);
    loss_->graph(StepLoss)->addData(run_.steps.back().x, e.loss);
    rescaleWithHeadroom(loss_);
    replotSoon();

    const int perEpoch = std::max(1, e.stepsPerEpoch);
    const int total = std::max(1, epochs_) * perEpoch;
    const int done = (e.epoch - 1) * perEpoch + e.step;
    progress_->setRange(0, total);
    progress_->setValue(done);
    progress_->resetFormat();
    showEta(double(done) / total);
    const QString rate = QLocale().toString(e.examplesPerSecond, 'f', 0);
    throughput_->setText(kind_ == RunKind::Network ? tr("%1 images/s").arg(rate) : tr("%1 graphs/s").arg(rate));
}

void TrainingMonitor::addEpoch(const EpochEvent& e)
{
    // What this kind of run does not measure is stored as missing, not as 0: a cell's network ranks no
    // cells (no τ, r or RMSE), a predictor classifies no images.
    EpochEvent kept = e;
    const double missing = std::nan("");
    if (kind_ == RunKind::Network)
        kept.kendallTau = kept.pearson = kept.rmse = missing;
    else
        kept.accuracy = kept.testAccuracy = missing;
    run_.add(kept);
    loss_->graph(EpochTrainLoss)->addData(e.epoch, e.trainLoss);
    loss_->graph(EpochValLoss)->addData(e.epoch, e.valLoss);
    rescaleWithHeadroom(loss_);
    if (kind_ == RunKind::Network) {
        accuracy_->graph(ValidationAccuracy)->addData(e.epoch, 100.0 * e.accuracy);
        accuracy_->graph(TestAccuracy)->addData(e.epoch, 100.0 * e.testAccuracy);
        rescaleWithHeadroom(accuracy_);
        showEta(double(e.epoch) / std::max(1, epochs_));
        replotSoon();
        return;
    }
    tau_->graph(RunTau)->addData(e.epoch, e.kendallTau);
    rescaleWithHeadroom(tau_);

    // The scatter shows the latest epoch only: a new vector each epoch, so setData is the right call.
    QVector<double> truth, predicted;
    truth.reserve(qsizetype(e.valTrue.size()));
    predicted.reserve(qsizetype(e.valPredicted.size()));
    for (std::size_t i = 0; i < e.valTrue.size() && i < e.valPredicted.size(); ++i) {
        truth << 100.0 * e.valTrue[i];
        predicted << 100.0 * e.valPredicted[i];
    }
    QCPGraph* points = scatter_->graph(Points);
    points->setData(truth, predicted);
    const QLocale locale;
    scatterTitle_->setText(tr("epoch %1: τ %2 · r %3 · RMSE %4")
                               .arg(locale.toString(e.epoch), locale.toString(e.kendallTau, 'f', 3),
                                    locale.toString(e.pearson, 'f', 3), percentText(100.0 * e.rmse, 2)));
    if (!truth.isEmpty()) {
        const auto [tlo, thi] = std::minmax_element(truth.cbegin(), truth.cend());
        const auto [plo, phi] = std::minmax_element(predicted.cbegin(), predicted.cend());
        const double lo = std::min(*tlo, *plo), hi = std::max(*thi, *phi);
        scatter_->graph(Diagonal)->setData({lo, hi}, {lo, hi});
        scatter_->xAxis->setRange(lo - 1, hi + 1);
        scatter_->yAxis->setRange(lo - 1, hi + 1);
    }
    showEta(double(e.epoch) / std::max(1, epochs_));
    replotSoon();
}

void TrainingMonitor::showFinishedRun(const RunCurves& run)
{
    // A run of a cell's network has accuracies; a predictor's has τ.
    const bool network = !run.epochs.empty() && std::isfinite(run.epochs.front().accuracy);
    startRun(run.name, int(run.epochs.size()), network ? RunKind::Network : RunKind::Predictor);
    plotRun(run);
    progress_->setValue(progress_->maximum());
    cancel_->setEnabled(false);
    eta_->setText(tr("last run: %1").arg(run.name));
}

void TrainingMonitor::continueRun(const RunCurves& before, int epochs)
{
    startRun(before.name, epochs, RunKind::Predictor);
    plotRun(before);
    progress_->setValue(before.epochs.empty() ? 0 : std::min(epochs, before.epochs.back().epoch));
    eta_->setText(tr("resuming…"));
}

void TrainingMonitor::plotRun(const RunCurves& run)
{
    const bool network = kind_ == RunKind::Network;
    run_ = run;
    for (const RunCurves::Step& step : run.steps)
        loss_->graph(StepLoss)->addData(step.x, step.loss);
    for (const RunCurves::Epoch& e : run.epochs) {
        loss_->graph(EpochTrainLoss)->addData(e.epoch, e.trainLoss);
        loss_->graph(EpochValLoss)->addData(e.epoch, e.valLoss);
        if (network) {
            accuracy_->graph(ValidationAccuracy)->addData(e.epoch, 100.0 * e.accuracy);
            accuracy_->graph(TestAccuracy)->addData(e.epoch, 100.0 * e.testAccuracy);
        } else {
            tau_->graph(RunTau)->addData(e.epoch, e.kendallTau);
        }
    }
    for (QCustomPlot* plot : {loss_, tau_, accuracy_})
        rescaleWithHeadroom(plot);
    replotSoon();
}

void TrainingMonitor::showEta(double fractionDone)
{
    // Estimated here from the wall clock and the fraction of the run done, which moves with every step:
    // EpochEvent::etaSeconds (core/train/TrainingLoop.cpp) moves only once an epoch.
    // The rate is measured from the run's first report: a resumed run starts part-way (from its
    // checkpoint), and the time before the first step (the data's preparation) is not the steps' pace.
    if (etaBase_ < 0 || fractionDone < etaBase_) {
        etaBase_ = fractionDone;
        clock_.restart();
        return;
    }
    const double elapsed = static_cast<double>(clock_.elapsed()) / 1000.0;
    if (fractionDone > etaBase_)
        eta_->setText(tr("ETA %1").arg(duration(elapsed * (1 - fractionDone) / (fractionDone - etaBase_))));
}

void TrainingMonitor::replotSoon()
{
    if (!replot_.isActive())
        replot_.start();
}

void TrainingMonitor::setDevice(const QString& device) { device_->setText(device); }

void TrainingMonitor::showPreparation(const QString& line)
{
    if (run_.steps.empty())
        progress_->setFormat(line);
}

void TrainingMonitor::finishRun(const QString& reason, bool reachedTheEnd)
{
    cancel_->setEnabled(false);
    eta_->setText(reason);
    // A cancelled, diverged or failed run keeps the bar where it stopped.
    if (reachedTheEnd && !run_.epochs.empty())
        progress_->setValue(progress_->maximum());
}

void TrainingMonitor::setLogScale(bool on)
{
    loss_->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on)
        loss_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        loss_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    rescaleWithHeadroom(loss_);
    replotSoon();
}

bool TrainingMonitor::exportPlots(const QString& path, QString* error) const
{
    if (kind_ == RunKind::Network)
        return archscope::exportPlots({loss_, accuracy_}, path, error);
    return archscope::exportPlots({loss_, scatter_, tau_}, path, error);
}

bool TrainingMonitor::exportCsv(const QString& path, QString* error) const
{
    return saveFile(path, run_.toCsv().toUtf8(), error);
}

bool TrainingMonitor::saveRun(const QString& path, QString* error) const { return run_.save(path, error); }

bool TrainingMonitor::loadOverlay(const QString& path, QString* error)
{
    std::optional<RunCurves> run = RunCurves::load(path, error);
    if (!run)
        return false;
    overlay_ = std::move(run);
    showOverlay();
    return true;
}

void TrainingMonitor::showOverlay()
{
    QVector<double> x, train, val, tau;
    for (const RunCurves::Epoch& e : overlay_->epochs) {
        x << e.epoch;
        train << e.trainLoss;
        val << e.valLoss;
        tau << e.kendallTau;
    }
    loss_->graph(OverlayTrainLoss)->setData(x, train);
    loss_->graph(OverlayValLoss)->setData(x, val);
    tau_->graph(OverlayTau)->setData(x, tau);
    for (QCPGraph* g : {loss_->graph(OverlayTrainLoss), loss_->graph(OverlayValLoss), tau_->graph(OverlayTau)}) {
        g->setVisible(true);
        g->addToLegend();
    }
    const QString name = overlay_->name.isEmpty() ? tr("unnamed run") : overlay_->name;
    overlayName_->setText(tr("Overlay (dashed): %1").arg(name));
    overlayName_->setToolTip(name);
    rescaleWithHeadroom(loss_);
    rescaleWithHeadroom(tau_);
    replotSoon();
}

void TrainingMonitor::chooseFileFor(FileAction action)
{
    const QString runs = tr("Run files (*.json)");
    QString path;
    switch (action) {
    case FileAction::ExportPlots:
        path = askSaveFileName(this, tr("Export Plots"), QStringLiteral("plots"),
                               tr("PNG images (*.png);;SVG images (*.svg);;PDF documents (*.pdf)"));
        break;
    case FileAction::ExportCsv:
        path = askSaveFileName(this, tr("Export CSV"), QStringLiteral("csv"), tr("CSV files (*.csv)"));
        break;
    case FileAction::SaveRun:
        path = askSaveFileName(this, tr("Save Run"), QStringLiteral("runs"), runs);
        break;
    case FileAction::OverlayRun:
        path = askOpenFileName(this, tr("Overlay Run"), QStringLiteral("runs"), runs);
        break;
    }
    if (!path.isEmpty())
        runFileAction(action, path);
}

bool TrainingMonitor::runFileAction(FileAction action, const QString& path)
{
    QString error;
    bool ok = false;
    switch (action) {
    case FileAction::ExportPlots: ok = exportPlots(path, &error); break;
    case FileAction::ExportCsv: ok = exportCsv(path, &error); break;
    case FileAction::SaveRun: ok = saveRun(path, &error); break;
    case FileAction::OverlayRun: ok = loadOverlay(path, &error); break;
    }
    if (!ok)
        QMessageBox::warning(this, tr("ArchScope"), error);
    else if (action != FileAction::OverlayRun)
        Q_EMIT fileSaved(path);
    return ok;
}

} // namespace archscope
