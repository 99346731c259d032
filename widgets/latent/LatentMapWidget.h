// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "latent/LatentEncoder.h"
#include "model/LatentProjection.h"
#include "model/LatentModel.h"

#include <QMetaType>
#include <QPointF>
#include <QWidget>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QCustomPlot;
class QCPColorScale;
class QCPCurve;
class QCPGraph;
class QLabel;
class QListWidget;
class QMouseEvent;
class QProgressBar;
class QPushButton;
class QSlider;
class QToolButton;

namespace archscope {

// The latent space of a VS-GAE as a map: every dataset cell's latent mean, projected to its two
// principal components and coloured by its 108-epoch validation accuracy (what the predictors learn;
// the bundled data has no test accuracies). Click a point to open its cell,
// shift-click a second one to see the straight path between the two codes decoded in N steps (a strip
// of thumbnails and a slider that walks along it), right-click anywhere to decode that place.
class LatentMapWidget : public QWidget {
    Q_OBJECT
public:
    explicit LatentMapWidget(QWidget* parent = nullptr);
    ~LatentMapWidget() override;

    // Either may be null; the map encodes the dataset whenever both are set.
    void setModel(std::shared_ptr<const LatentModel> model);
    void setDataset(std::shared_ptr<const Dataset> dataset);
    const std::shared_ptr<const LatentModel>& model() const { return model_; }
    void cancelEncoding();
    bool isEncoding() const;

    // Which of the dataset's records the map draws and lets be picked, one flag per record (the
    // dataset browser's filter); empty, or of another length than the dataset: all of them. The axes
    // keep the whole dataset's extent, so the map does not jump as the filter changes.
    void setShownRecords(std::vector<char> shown);
    std::size_t shownCount() const;

    void setPathSteps(int steps);
    int pathSteps() const { return steps_; }

    std::size_t pointCount() const { return xy_.size(); }
    const std::vector<LatentCode>& codes() const;
    const LatentProjection& projection() const { return projection_; }
    // Where point `index` is drawn, in the plot widget's pixels.
    QPoint pixelOf(std::size_t index) const;
    std::optional<std::size_t> pathStart() const { return a_; }
    std::optional<std::size_t> pathEnd() const { return b_; }
    const std::vector<DecodedCell>& pathCells() const { return pathCells_; }

    // Picks two loaded cells as a click on `from` and a shift-click on `to` would.
    void showPath(std::size_t from, std::size_t to);

    // Draws `codes` (e.g. a latent-space ascent) as a line on the map, with a star at codes[best]
    // (where the best cell was found); an empty list removes it.
    void setTrail(const std::vector<LatentCode>& codes, std::optional<std::size_t> best = std::nullopt);
    std::size_t trailLength() const;
    // Where the star is, in map coordinates; none without one.
    std::optional<QPointF> trailBestPoint() const;
    static constexpr QColor kTrailColour{230, 85, 13};

    // What the inverse projection of a map point decodes to.
    DecodedCell decodeAt(double x, double y) const;

    // Writes the map to `path`: the picture as .png, .svg or .pdf, or the points as .csv (hash, both
    // components, accuracy). False with `error` set when it cannot.
    bool exportMap(const QString& path, QString* error) const;
    // What "Export Map…" does once its dialog has a path: exportMap, then fileSaved or a warning.
    bool exportMapTo(const QString& path);
    // The colour of the most accurate cells and the pick marker's pens, as drawn now.
    QColor bestCellColour() const;
    QColor lowestCellColour() const;
    QPen pickRingPen() const;
    QPen pickHaloPen() const;
    QString message() const;

    QCustomPlot* plot() const { return plot_; }
    QSlider* slider() const { return slider_; }
    QListWidget* strip() const { return strip_; }

Q_SIGNALS:
    void cellPicked(const archscope::Cell& cell);
    void cellDecoded(const archscope::DecodedCell& cell);
    void mapUpdated();
    void pathChanged();
    // A file was written at `path` (for the window's status bar).
    void fileSaved(const QString& path);

protected:
    void changeEvent(QEvent* event) override;

private:
    void startEncoding();
    void encodingFinished(const LatentEncoding& result);
    void rebuildPlot();
    // Puts the shown points into their colour bins' graphs.
    void fillBins();
    void drawTrail();
    // Colours that depend on the palette: the accuracy bins, the path, the colour scale.
    void applyColours();
    void plotPressed(QMouseEvent* event);
    void plotReleased(QMouseEvent* event);
    void plotHovered(QMouseEvent* event);
    std::optional<std::size_t> pointNear(const QPointF& pixel) const;
    void pickStart(std::size_t index);
    void pickEnd(std::size_t index);
    void buildPath();
    void clearPath();
    void moveCursor(int step);
    void showMessage(const QString& text);

    std::shared_ptr<const LatentModel> model_;
    std::shared_ptr<const Dataset> dataset_;
    LatentEncoder encoder_;
    std::shared_ptr<const std::vector<LatentCode>> codes_;
    LatentProjection projection_;
    std::vector<std::array<double, 2>> xy_;
    std::vector<char> shown_;
    std::vector<int> bins_; // each point's colour bin (kColourBins: no accuracy)
    std::vector<LatentCode> trailCodes_;
    std::optional<std::size_t> trailBestStep_;
    bool isShown(std::size_t i) const { return shown_.size() != xy_.size() || shown_[i]; }
    std::vector<LatentCode> pathCodes_;
    std::vector<DecodedCell> pathCells_;
    std::optional<std::size_t> a_, b_;
    int steps_ = 30;
    QPoint pressPos_;

    QLabel* message_;
    QProgressBar* progress_;
    QToolButton* cancel_;
    QCustomPlot* plot_;
    QPushButton* export_;
    QCPColorScale* scale_ = nullptr;
    double accuracyLow_ = 0, accuracyHigh_ = 100; // the colour scale's range
    std::vector<std::pair<int, QCPGraph*>> binGraphs_; // colour bin, its graph
    QCPGraph* pickHalo_ = nullptr;
    QCPGraph* picks_ = nullptr;
    QCPCurve* path_ = nullptr;
    QCPCurve* trail_ = nullptr;
    QCPGraph* trailBest_ = nullptr;
    QCPGraph* cursor_ = nullptr;
    QSlider* slider_;
    QLabel* stepLabel_;
    QListWidget* strip_;
};

} // namespace archscope

Q_DECLARE_METATYPE(archscope::DecodedCell)
