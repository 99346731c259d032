// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "training/PlotExport.h"

#include <QFileInfo>
#include <QImage>
#include <QPdfWriter>
#include <QSvgGenerator>
#include "training/QCustomPlotHeader.h"

namespace archscope {
namespace {

void render(const QList<QCustomPlot*>& plots, QCPPainter* painter, int width, int heightEach)
{
    for (int i = 0; i < plots.size(); ++i) {
        QCustomPlot* plot = plots[i];
        // Adaptive sampling thins dense curves for the screen; a file should have every point.
        QList<bool> sampling;
        for (int g = 0; g < plot->graphCount(); ++g) {
            sampling << plot->graph(g)->adaptiveSampling();
            plot->graph(g)->setAdaptiveSampling(false);
        }
        painter->save();
        painter->translate(0, i * heightEach);
        plot->toPainter(painter, width, heightEach);
        painter->restore();
        for (int g = 0; g < plot->graphCount(); ++g)
            plot->graph(g)->setAdaptiveSampling(sampling[g]);
    }
}

} // namespace

bool exportPlots(const QList<QCustomPlot*>& plots, const QString& path, QString* error)
{
    const int width = 900, heightEach = 360;
    const QSize size(width, heightEach * int(plots.size()));
    const QString suffix = QFileInfo(path).suffix().toLower();
    const auto fail = [&](const QString& why) {
        *error = QStringLiteral("%1: %2").arg(path, why);
        return false;
    };
    if (suffix == QLatin1String("png")) {
        QImage image(size, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QCPPainter painter(&image);
        render(plots, &painter, width, heightEach);
        painter.end();
        return image.save(path) || fail(QStringLiteral("cannot write the image"));
    }
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator gen;
        gen.setFileName(path);
        gen.setSize(size);
        gen.setViewBox(QRect(QPoint(0, 0), size));
        QCPPainter painter;
        if (!painter.begin(&gen))
            return fail(QStringLiteral("cannot write the file"));
        render(plots, &painter, width, heightEach);
        return painter.end() || fail(QStringLiteral("cannot write the file"));
    }
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(path);
        writer.setResolution(96); // one unit = one pixel, as the plots are laid out
        writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point));
        writer.setPageMargins(QMarginsF());
        QCPPainter painter;
        if (!painter.begin(&writer))
            return fail(QStringLiteral("cannot write the file"));
        render(plots, &painter, width, heightEach);
        return painter.end() || fail(QStringLiteral("cannot write the file"));
    }
    return fail(QStringLiteral("unknown format \"%1\" (png, svg or pdf)").arg(suffix));
}

} // namespace archscope
