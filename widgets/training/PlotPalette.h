// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

class QCPColorGradient;
class QCustomPlot;
class QPalette;

namespace archscope {

// QCustomPlot paints in fixed colours (a white background, black axes) whatever the widget palette
// says. This gives a plot the palette's colours now and again on every palette change, so that a
// dark palette reaches the plots too.
void followPalette(QCustomPlot* plot);
// The palette's colours once: background, axes, labels, grid, colour scales and legend.
void applyPlotPalette(QCustomPlot* plot, const QPalette& palette);
// Whether `palette` draws dark content areas (QPalette::Base), e.g. to pick colours that read on them.
bool isDark(const QPalette& palette);

// Viridis (perceptually uniform, readable in grey and by most colour-blind readers), clipped at the end
// that would vanish into the background: its palest yellow on light backgrounds, its darkest purple on
// dark ones. Low values are dark on light backgrounds and high values are light on dark ones.
QCPColorGradient viridisGradient(bool darkBackground);

} // namespace archscope
