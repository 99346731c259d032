// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "latent/LatentMapWidget.h"
#include "text/ModelNameText.h"

#include "editor/CellScene.h"
#include "files/FileDialogs.h"
#include "files/SaveFile.h"
#include "text/CellValidationText.h"
#include "text/LocaleText.h"
#include "training/PlotExport.h"
#include "training/PlotPalette.h"
#include "training/QCustomPlotHeader.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace archscope {
namespace {

// One graph per colour bin keeps 20k points to a handful of plottables (per-point colours would need
// one plottable per point or a custom one).
constexpr int kColourBins = 24;
constexpr double kPickRadiusPx = 8;
constexpr int kClickSlopPx = 4;
const QSize kThumbSize(72, 44);
// The picked cells: a wide light ring on a wider dark one reads on every colour of the map and on
// both palettes, and is larger than the points around it.
constexpr double kPickRingSize = 20;

// A small drawing of a (possibly invalid) decoded cell: vertices left to right in their order,
// edges as arcs above them, the frame green when valid and red when not; on the palette's background.
QIcon thumbnail(const DecodedCell& d, const QPalette& palette)
{
    QPixmap pixmap(kThumbSize);
    pixmap.fill(palette.color(QPalette::Base));
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const Cell& cell = d.cell ? *d.cell : d.raw;
    const int n = cell.numVertices();
    const double step = n > 1 ? (kThumbSize.width() - 16.0) / (n - 1) : 0;
    const auto centre = [&](int v) { return QPointF(8 + v * step, kThumbSize.height() - 12.0); };
    const std::vector<std::vector<int>> adj = cell.adjacency();
    QColor arcs = palette.color(QPalette::Text);
    arcs.setAlphaF(0.6f);
    p.setPen(QPen(arcs, 1));
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j)
            if (adj[std::size_t(i)][std::size_t(j)]) {
                const QPointF a = centre(i), b = centre(j);
                const double h = std::min(26.0, 6.0 * (j - i));
                QPainterPath arc(a);
                arc.cubicTo(a - QPointF(0, h), b - QPointF(0, h), b);
                p.drawPath(arc);
            }
    p.setPen(QPen(Qt::black, 0.8));
    for (int v = 0; v < n; ++v) {
        p.setBrush(CellScene::opColor(cell.op(v)));
        p.drawEllipse(centre(v), 4.5, 4.5);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(d.valid() ? QColor(40, 150, 60) : QColor(200, 40, 40), 3));
    p.drawRect(QRectF(QPointF(0, 0), QSizeF(kThumbSize)).adjusted(1.5, 1.5, -1.5, -1.5));
    return QIcon(pixmap);
}

} // namespace

LatentMapWidget::LatentMapWidget(QWidget* parent)
    : QWidget(parent), message_(new QLabel(this)), progress_(new QProgressBar(this)), cancel_(new QToolButton(this)),
      plot_(new QCustomPlot(this)), export_(new QPushButton(tr("Export Map…"), this)),
      slider_(new QSlider(Qt::Horizontal, this)), stepLabel_(new QLabel(this)), strip_(new QListWidget(this))
{
    setObjectName(QStringLiteral("latentMap"));
    qRegisterMetaType<DecodedCell>();
    message_->setObjectName(QStringLiteral("latentMessage"));
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    progress_->setObjectName(QStringLiteral("latentProgress"));
    cancel_->setObjectName(QStringLiteral("latentCancel"));
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop encoding the dataset"));
    plot_->setObjectName(QStringLiteral("latentPlot"));
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->xAxis->setLabel(tr("principal component 1"));
    plot_->yAxis->setLabel(tr("principal component 2"));
    plot_->setMinimumHeight(180);
    plot_->setMouseTracking(true);
    scale_ = new QCPColorScale(plot_);
    scale_->setLabel(tr("validation accuracy (%)"));
    scale_->setBarWidth(8);
    plot_->plotLayout()->addElement(0, 1, scale_);
    followPalette(plot_);
    export_->setObjectName(QStringLiteral("exportMapButton"));
    export_->setToolTip(tr("Save the map as a picture (PNG, SVG, PDF) or its points as CSV"));
    export_->setEnabled(false);
    connect(export_, &QPushButton::clicked, this, [this] {
        const QString path = askSaveFileName(
            this, tr("Export Map"), QStringLiteral("latentMap"),
            tr("PNG images (*.png);;SVG images (*.svg);;PDF documents (*.pdf);;CSV files (*.csv)"));
        if (!path.isEmpty())
            exportMapTo(path);
    });
    slider_->setObjectName(QStringLiteral("latentSlider"));
    slider_->setToolTip(tr("Walk along the path between the two picked cells"));
    stepLabel_->setObjectName(QStringLiteral("latentStepLabel"));
    strip_->setObjectName(QStringLiteral("latentStrip"));
    strip_->setViewMode(QListView::IconMode);
    strip_->setFlow(QListView::LeftToRight);
    strip_->setWrapping(false);
    strip_->setMovement(QListView::Static);
    strip_->setIconSize(kThumbSize);
    strip_->setFixedHeight(kThumbSize.height() + 48);
    strip_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);

    auto* messageRow = new QHBoxLayout;
    messageRow->addWidget(message_, 1);
    messageRow->addWidget(export_, 0, Qt::AlignTop);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(progress_, 1);
    progressRow->addWidget(cancel_);
    auto* sliderRow = new QHBoxLayout;
    sliderRow->addWidget(slider_, 1);
    sliderRow->addWidget(stepLabel_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(messageRow);
    layout->addLayout(progressRow);
    layout->addWidget(plot_, 1);
    layout->addLayout(sliderRow);
    layout->addWidget(strip_);

    connect(&encoder_, &LatentEncoder::progress, this, [this](int done, int total) {
        progress_->setRange(0, total);
        progress_->setValue(done);
    });
    connect(&encoder_, &LatentEncoder::finished, this, &LatentMapWidget::encodingFinished);
    connect(cancel_, &QToolButton::clicked, this, &LatentMapWidget::cancelEncoding);
    connect(plot_, &QCustomPlot::mousePress, this, &LatentMapWidget::plotPressed);
    connect(plot_, &QCustomPlot::mouseRelease, this, &LatentMapWidget::plotReleased);
    connect(plot_, &QCustomPlot::mouseMove, this, &LatentMapWidget::plotHovered);
    connect(slider_, &QSlider::valueChanged, this, &LatentMapWidget::moveCursor);
    connect(strip_, &QListWidget::currentRowChanged, slider_, [this](int row) {
        if (row >= 0)
            slider_->setValue(row);
    });
    rebuildPlot();
    clearPath();
    progress_->hide();
    cancel_->hide();
    showMessage(tr("No VS-GAE model is loaded. Train one with <code>archscope-cli train-vsgae</code> and open it "
                   "with Model ▸ Open VS-GAE Model…"));
}

LatentMapWidget::~LatentMapWidget() = default;

const std::vector<LatentCode>& LatentMapWidget::codes() const
{
    static const std::vector<LatentCode> none;
    return codes_ ? *codes_ : none;
}

void LatentMapWidget::setModel(std::shared_ptr<const LatentModel> model)
{
    model_ = std::move(model);
    startEncoding();
}

void LatentMapWidget::setDataset(std::shared_ptr<const Dataset> dataset)
{
    dataset_ = std::move(dataset);
    startEncoding();
}

bool LatentMapWidget::isEncoding() const
{
    return encoder_.isRunning();
}

void LatentMapWidget::cancelEncoding()
{
    encoder_.cancel();
}

void LatentMapWidget::setPathSteps(int steps)
{
    steps_ = std::max(2, steps);
    if (b_)
        buildPath();
}

void LatentMapWidget::startEncoding()
{
    codes_.reset();
    xy_.clear();
    projection_ = {};
    a_.reset();
    b_.reset();
    clearPath();
    rebuildPlot();
    if (!model_ || !dataset_) {
        encoder_.cancel();
        if (model_)
            showMessage(tr("%1 is loaded; open a dataset to map it.").arg(modelNameText(model_->name())));
        return;
    }
    std::vector<Cell> cells;
    cells.reserve(dataset_->size());
    for (const Record& r : dataset_->records())
        cells.push_back(r.cell);
    showMessage(tr("Encoding %Ln cell(s) with %1…", nullptr, int(cells.size())).arg(modelNameText(model_->name())));
    progress_->setRange(0, int(cells.size()));
    progress_->setValue(0);
    progress_->show();
    cancel_->show();
    encoder_.start(model_, std::move(cells));
}

void LatentMapWidget::encodingFinished(const LatentEncoding& result)
{
    progress_->hide();
    cancel_->hide();
    if (!result.codes) {
        showMessage(result.error.isEmpty() ? tr("Encoding cancelled.") : tr("Encoding failed: %1").arg(result.error));
        return;
    }
    codes_ = result.codes;
    projection_ = LatentProjection::fit(*codes_);
    xy_.clear();
    xy_.reserve(codes_->size());
    for (const LatentCode& c : *codes_)
        xy_.push_back(projection_.project(c));
    showMessage(tr("%1: %Ln cell(s); the two components explain %2 of the variance. Click a cell to open it, "
                   "shift-click a second one for the path between them, right-click to decode a place.",
                   nullptr, int(xy_.size()))
                    .arg(modelNameText(model_->name()), percentText(100 * projection_.explained(), 1)));
    rebuildPlot();
    Q_EMIT mapUpdated();
}

void LatentMapWidget::rebuildPlot()
{
    plot_->clearPlottables();
    binGraphs_.clear();
    // Robust range: a few cells that failed to train (~10%) would squeeze everything else into one colour.
    std::vector<float> acc;
    if (dataset_ && xy_.size() == dataset_->size())
        for (const Record& r : dataset_->records())
            acc.push_back(100 * r.validationAccuracy());
    std::vector<float> sorted;
    for (float a : acc)
        if (std::isfinite(a))
            sorted.push_back(a);
    std::sort(sorted.begin(), sorted.end());
    const QCPRange range = sorted.size() >= 2 ? QCPRange(sorted[sorted.size() / 50], sorted[sorted.size() * 49 / 50])
                                              : QCPRange(0, 100);
    accuracyLow_ = range.lower;
    accuracyHigh_ = range.upper;
    bins_.assign(xy_.size(), kColourBins); // no accuracy
    std::vector<char> used(kColourBins + 1, 0);
    for (std::size_t i = 0; i < xy_.size(); ++i) {
        if (i < acc.size() && std::isfinite(acc[i]))
            bins_[i] = std::clamp(int((acc[i] - range.lower) / std::max(1e-9, range.size()) * kColourBins), 0, kColourBins - 1);
        used[std::size_t(bins_[i])] = 1;
    }
    // Low bins first, so that the most accurate cells are drawn on top. A graph for every bin the
    // whole dataset fills, so that the filter can hide and show points without reordering layers.
    for (int bin = 0; bin <= kColourBins; ++bin) {
        if (!used[std::size_t(bin)])
            continue;
        QCPGraph* g = plot_->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        binGraphs_.emplace_back(bin, g);
    }
    fillBins();
    path_ = new QCPCurve(plot_->xAxis, plot_->yAxis);
    // Orange-red, a hue viridis never takes, so the climb stays visible on green and on purple.
    trail_ = new QCPCurve(plot_->xAxis, plot_->yAxis);
    trail_->setPen(QPen(kTrailColour, 2.5));
    trail_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kTrailColour, 5));
    trailBest_ = plot_->addGraph();
    trailBest_->setLineStyle(QCPGraph::lsNone);
    trailBest_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(kTrailColour, 3), Qt::NoBrush, 20));
    drawTrail();
    pickHalo_ = plot_->addGraph();
    pickHalo_->setLineStyle(QCPGraph::lsNone);
    pickHalo_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, pickHaloPen(), Qt::NoBrush, kPickRingSize));
    picks_ = plot_->addGraph();
    picks_->setLineStyle(QCPGraph::lsNone);
    picks_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, pickRingPen(), Qt::NoBrush, kPickRingSize));
    cursor_ = plot_->addGraph();
    cursor_->setLineStyle(QCPGraph::lsNone);
    cursor_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssPlus, QPen(QColor(0, 90, 200), 2.5), Qt::NoBrush, 16));
    scale_->setDataRange(range);
    scale_->setVisible(!sorted.empty());
    export_->setEnabled(!xy_.empty());
    applyColours();
    if (!xy_.empty()) {
        QCPRange x(xy_.front()[0], xy_.front()[0]), y(xy_.front()[1], xy_.front()[1]);
        for (const auto& p : xy_) {
            x.expand(p[0]);
            y.expand(p[1]);
        }
        plot_->xAxis->setRange(x);
        plot_->yAxis->setRange(y);
    }
    plot_->replot();
}

void LatentMapWidget::fillBins()
{
    std::vector<QVector<double>> xs(kColourBins + 1), ys(kColourBins + 1);
    for (std::size_t i = 0; i < xy_.size() && i < bins_.size(); ++i) {
        if (!isShown(i))
            continue;
        xs[std::size_t(bins_[i])].push_back(xy_[i][0]);
        ys[std::size_t(bins_[i])].push_back(xy_[i][1]);
    }
    for (const auto& [bin, graph] : binGraphs_)
        graph->setData(xs[std::size_t(bin)], ys[std::size_t(bin)]);
}

void LatentMapWidget::setShownRecords(std::vector<char> shown)
{
    if (shown == shown_)
        return;
    shown_ = std::move(shown);
    fillBins();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

std::size_t LatentMapWidget::shownCount() const
{
    std::size_t n = 0;
    for (std::size_t i = 0; i < xy_.size(); ++i)
        n += isShown(i) ? 1 : 0;
    return n;
}

void LatentMapWidget::applyColours()
{
    QCPColorGradient gradient = viridisGradient(isDark(palette())); // color() is not const
    const QCPRange range(accuracyLow_, accuracyHigh_);
    for (const auto& [bin, graph] : binGraphs_) {
        const QColor colour = bin == kColourBins
                                  ? palette().color(QPalette::Disabled, QPalette::Text)
                                  : QColor(gradient.color(range.lower + (bin + 0.5) * range.size() / kColourBins, range));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 3));
    }
    path_->setPen(QPen(palette().color(QPalette::Text), 1.5, Qt::DashLine));
    scale_->setGradient(gradient);
}

void LatentMapWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && path_) {
        applyColours();
        plot_->replot(QCustomPlot::rpQueuedReplot);
    }
}

QColor LatentMapWidget::bestCellColour() const
{
    const auto top = std::max_element(binGraphs_.begin(), binGraphs_.end(), [](const auto& a, const auto& b) {
        return (a.first == kColourBins ? -1 : a.first) < (b.first == kColourBins ? -1 : b.first);
    });
    return top == binGraphs_.end() ? QColor() : top->second->scatterStyle().brush().color();
}

QColor LatentMapWidget::lowestCellColour() const
{
    const auto low = std::min_element(binGraphs_.begin(), binGraphs_.end(), [](const auto& a, const auto& b) {
        return a.first < b.first;
    });
    return low == binGraphs_.end() || low->first == kColourBins ? QColor() : low->second->scatterStyle().brush().color();
}

QPen LatentMapWidget::pickRingPen() const { return QPen(Qt::white, 3); }

QPen LatentMapWidget::pickHaloPen() const { return QPen(Qt::black, 7); }

QString LatentMapWidget::message() const { return message_->text(); }

bool LatentMapWidget::exportMap(const QString& path, QString* error) const
{
    if (QFileInfo(path).suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) != 0)
        return exportPlots({plot_}, path, error);
    // Machine-readable: C-locale numbers whatever the interface language.
    QString csv = QStringLiteral("hash,pc1,pc2,validation_accuracy\n");
    const bool known = dataset_ && xy_.size() == dataset_->size();
    for (std::size_t i = 0; i < xy_.size(); ++i) {
        const QStringList fields{
            known ? QString::fromStdString((*dataset_)[i].hash.hex()) : QString(),
            QString::number(xy_[i][0], 'g', QLocale::FloatingPointShortest),
            QString::number(xy_[i][1], 'g', QLocale::FloatingPointShortest),
            known ? QString::number(double((*dataset_)[i].validationAccuracy()), 'g', 8) : QString()};
        csv += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return saveFile(path, csv.toUtf8(), error);
}

bool LatentMapWidget::exportMapTo(const QString& path)
{
    QString error;
    if (!exportMap(path, &error)) {
        QMessageBox::warning(this, tr("Export Map"), error);
        return false;
    }
    Q_EMIT fileSaved(path);
    return true;
}

QPoint LatentMapWidget::pixelOf(std::size_t index) const
{
    return QPoint(int(std::lround(plot_->xAxis->coordToPixel(xy_[index][0]))),
                  int(std::lround(plot_->yAxis->coordToPixel(xy_[index][1]))));
}

std::optional<std::size_t> LatentMapWidget::pointNear(const QPointF& pixel) const
{
    std::optional<std::size_t> best;
    double bestDist = kPickRadiusPx * kPickRadiusPx;
    for (std::size_t i = 0; i < xy_.size(); ++i) {
        if (!isShown(i))
            continue;
        const double dx = plot_->xAxis->coordToPixel(xy_[i][0]) - pixel.x();
        const double dy = plot_->yAxis->coordToPixel(xy_[i][1]) - pixel.y();
        if (dx * dx + dy * dy <= bestDist) {
            bestDist = dx * dx + dy * dy;
            best = i;
        }
    }
    return best;
}

void LatentMapWidget::plotPressed(QMouseEvent* event)
{
    pressPos_ = event->position().toPoint();
}

void LatentMapWidget::plotReleased(QMouseEvent* event)
{
    // A drag pans the map; only a press and release in one place is a click.
    if ((event->position().toPoint() - pressPos_).manhattanLength() > kClickSlopPx || !model_ || xy_.empty())
        return;
    if (event->button() == Qt::RightButton) {
        const double x = plot_->xAxis->pixelToCoord(event->position().toPoint().x());
        const double y = plot_->yAxis->pixelToCoord(event->position().toPoint().y());
        // The decoded cell goes to the editor: a pick, its path and a climb from it would now describe
        // another cell than the one shown, so they go; the cross marks the decoded place.
        a_.reset();
        b_.reset();
        clearPath();
        for (QCPGraph* g : {pickHalo_, picks_})
            g->data()->clear();
        cursor_->setData(QVector<double>{x}, QVector<double>{y});
        plot_->replot(QCustomPlot::rpQueuedReplot);
        const DecodedCell decoded = decodeAt(x, y);
        showMessage(decoded.valid()
                        ? tr("Decoded the marked place into cell %1, now in the editor. Click a point to pick a cell.")
                              .arg(QString::fromStdString(decoded.hash.hex()).left(8))
                        : tr("Decoded the marked place into an invalid cell (%1), now in the editor. Click a point to pick a cell.")
                              .arg(cellValidationText(validateCell(decoded.raw))));
        Q_EMIT pathChanged();
        Q_EMIT cellDecoded(decoded);
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    const std::optional<std::size_t> hit = pointNear(event->position().toPoint());
    const bool extend = (event->modifiers() & Qt::ShiftModifier) && a_;
    if (!hit) {
        showMessage(extend ? tr("No cell here: shift-click on a point to end the path there.")
                           : tr("No cell here: click on a point to open its cell, or right-click to decode this place."));
        return;
    }
    if (extend && *a_ != *hit)
        pickEnd(*hit);
    else
        pickStart(*hit);
}

void LatentMapWidget::plotHovered(QMouseEvent* event)
{
    if (event->buttons() != Qt::NoButton || !dataset_ || xy_.size() != dataset_->size())
        return;
    const std::optional<std::size_t> hit = pointNear(event->position().toPoint());
    if (!hit) {
        QToolTip::hideText();
        return;
    }
    const Record& r = (*dataset_)[*hit];
    QToolTip::showText(plot_->mapToGlobal(event->position().toPoint()),
                       tr("%1\nvalidation accuracy %2")
                           .arg(QString::fromStdString(r.hash.hex()), percentText(100 * r.validationAccuracy(), 2)),
                       plot_);
}

void LatentMapWidget::showPath(std::size_t from, std::size_t to)
{
    if (from >= xy_.size() || to >= xy_.size())
        return;
    pickStart(from);
    pickEnd(to);
}

void LatentMapWidget::pickStart(std::size_t index)
{
    a_ = index;
    b_.reset();
    clearPath();
    for (QCPGraph* g : {pickHalo_, picks_})
        g->setData(QVector<double>{xy_[index][0]}, QVector<double>{xy_[index][1]});
    plot_->replot(QCustomPlot::rpQueuedReplot);
    showMessage(tr("Shift-click a second cell for the path to it, or climb from this one below."));
    // A single pick is a path start too: the climb can go from it.
    Q_EMIT pathChanged();
    if (dataset_ && index < dataset_->size())
        Q_EMIT cellPicked((*dataset_)[index].cell);
}

void LatentMapWidget::pickEnd(std::size_t index)
{
    b_ = index;
    for (QCPGraph* g : {pickHalo_, picks_})
        g->setData(QVector<double>{xy_[*a_][0], xy_[index][0]}, QVector<double>{xy_[*a_][1], xy_[index][1]});
    buildPath();
}

void LatentMapWidget::buildPath()
{
    pathCodes_ = interpolate((*codes_)[*a_], (*codes_)[*b_], steps_);
    pathCells_ = model_->decode(pathCodes_);
    // The projection is linear, so the straight latent path is the straight segment between the picks.
    path_->setData(QVector<double>{xy_[*a_][0], xy_[*b_][0]}, QVector<double>{xy_[*a_][1], xy_[*b_][1]});
    const QSignalBlocker blockStrip(strip_);
    strip_->clear();
    int valid = 0;
    for (std::size_t i = 0; i < pathCells_.size(); ++i) {
        const DecodedCell& d = pathCells_[i];
        valid += d.valid();
        auto* item = new QListWidgetItem(thumbnail(d, palette()), d.valid() ? tr("%1 ✓").arg(i + 1) : tr("%1 ✗").arg(i + 1));
        item->setToolTip(d.valid() ? QString::fromStdString(d.hash.hex())
                                   : tr("invalid: %1").arg(QString::fromStdString(d.problem)));
        strip_->addItem(item);
    }
    slider_->setEnabled(true);
    for (QWidget* w : std::initializer_list<QWidget*>{slider_, stepLabel_, strip_})
        w->show();
    {
        const QSignalBlocker blockSlider(slider_);
        slider_->setRange(0, int(pathCells_.size()) - 1);
        slider_->setValue(0);
    }
    Q_EMIT pathChanged();
    moveCursor(0);
    showMessage(tr("Path of %1 steps: %2 valid, %3 invalid.").arg(pathCells_.size()).arg(valid)
                    .arg(int(pathCells_.size()) - valid));
}

void LatentMapWidget::setTrail(const std::vector<LatentCode>& codes, std::optional<std::size_t> best)
{
    trailCodes_ = codes;
    trailBestStep_ = best && *best < codes.size() ? best : std::nullopt;
    drawTrail();
    plot_->replot();
}

void LatentMapWidget::drawTrail()
{
    if (!trail_ || !trailBest_)
        return;
    QVector<double> xs, ys;
    if (projection_.isValid())
        for (const LatentCode& c : trailCodes_) {
            const auto p = projection_.project(c);
            xs.push_back(p[0]);
            ys.push_back(p[1]);
        }
    trail_->setData(xs, ys);
    if (trailBestStep_ && std::size_t(xs.size()) > *trailBestStep_)
        trailBest_->setData(QVector<double>{xs[qsizetype(*trailBestStep_)]}, QVector<double>{ys[qsizetype(*trailBestStep_)]});
    else
        trailBest_->data()->clear();
}

std::optional<QPointF> LatentMapWidget::trailBestPoint() const
{
    if (!trailBest_ || trailBest_->dataCount() == 0)
        return std::nullopt;
    const auto it = trailBest_->data()->constBegin();
    return QPointF(it->key, it->value);
}

std::size_t LatentMapWidget::trailLength() const
{
    return trail_ ? static_cast<std::size_t>(trail_->dataCount()) : 0;
}

void LatentMapWidget::clearPath()
{
    pathCodes_.clear();
    pathCells_.clear();
    strip_->clear();
    if (path_)
        path_->data()->clear();
    if (cursor_)
        cursor_->data()->clear();
    const QSignalBlocker block(slider_);
    slider_->setRange(0, 0);
    slider_->setEnabled(false);
    stepLabel_->clear();
    // Without a path the slider and the strip would only hold empty room that the map can use.
    for (QWidget* w : std::initializer_list<QWidget*>{slider_, stepLabel_, strip_})
        w->hide();
}

void LatentMapWidget::moveCursor(int step)
{
    if (step < 0 || std::size_t(step) >= pathCells_.size())
        return;
    const std::array<double, 2> at = projection_.project(pathCodes_[std::size_t(step)]);
    cursor_->setData(QVector<double>{at[0]}, QVector<double>{at[1]});
    plot_->replot(QCustomPlot::rpQueuedReplot);
    stepLabel_->setText(tr("%1 / %2").arg(step + 1).arg(pathCells_.size()));
    {
        const QSignalBlocker block(strip_);
        strip_->setCurrentRow(step);
    }
    Q_EMIT cellDecoded(pathCells_[std::size_t(step)]);
}

DecodedCell LatentMapWidget::decodeAt(double x, double y) const
{
    return model_->decode({projection_.inverse(x, y)}).front();
}

void LatentMapWidget::showMessage(const QString& text)
{
    message_->setText(text);
}

} // namespace archscope
