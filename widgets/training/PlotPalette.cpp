// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "training/PlotPalette.h"

#include "training/QCustomPlotHeader.h"

#include <QEvent>
#include <QPalette>

#include <algorithm>
#include <array>

namespace archscope {
namespace {

QColor blend(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

void colourAxis(QCPAxis* axis, const QColor& text, const QColor& grid)
{
    const QPen line(text, 0);
    axis->setBasePen(line);
    axis->setTickPen(line);
    axis->setSubTickPen(line);
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
    axis->grid()->setZeroLinePen(QPen(grid, 0));
}

class PaletteFollower : public QObject {
public:
    explicit PaletteFollower(QCustomPlot* plot) : QObject(plot), plot_(plot) { plot->installEventFilter(this); }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == plot_ && event->type() == QEvent::PaletteChange) {
            applyPlotPalette(plot_, plot_->palette());
            plot_->replot(QCustomPlot::rpQueuedReplot);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QCustomPlot* plot_;
};

} // namespace

bool isDark(const QPalette& palette) { return palette.color(QPalette::Base).lightnessF() < 0.5; }

void applyPlotPalette(QCustomPlot* plot, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor grid = blend(base, text, 0.3);
    plot->setBackground(base);
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes())
            colourAxis(axis, text, grid);
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true))
        if (auto* scale = qobject_cast<QCPColorScale*>(element))
            colourAxis(scale->axis(), text, grid);
        else if (auto* title = qobject_cast<QCPTextElement*>(element))
            title->setTextColor(text);
    QColor legendFill = base;
    legendFill.setAlpha(200); // the data stays visible behind the legend
    plot->legend->setBrush(legendFill);
    plot->legend->setBorderPen(QPen(grid));
    plot->legend->setTextColor(text);
}

void followPalette(QCustomPlot* plot)
{
    applyPlotPalette(plot, plot->palette());
    new PaletteFollower(plot);
}

QCPColorGradient viridisGradient(bool darkBackground)
{
    // matplotlib's viridis at 0, 0.1, …, 1.
    static const std::array<QRgb, 11> viridis = {0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c,
                                                  0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725};
    // The part of the map that keeps a contrast to the background: its last 20% are pale on white, its
    // first 30% dark blue to nearly black (on a dark palette the lowest cells vanished from 20%).
    const double from = darkBackground ? 0.3 : 0.0, to = darkBackground ? 1.0 : 0.8;
    const auto at = [](double t) {
        const double scaled = t * double(viridis.size() - 1);
        const std::size_t i = std::min(viridis.size() - 2, std::size_t(scaled));
        return blend(QColor(viridis[i]), QColor(viridis[i + 1]), scaled - double(i));
    };
    QCPColorGradient gradient;
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    constexpr int kStops = 16;
    for (int k = 0; k <= kStops; ++k) {
        const double s = double(k) / kStops;
        gradient.setColorStopAt(s, at(from + s * (to - from)));
    }
    return gradient;
}

} // namespace archscope
