// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"

#include "dataset/DatasetBrowser.h"
#include "latent/LatentAscentPanel.h"
#include "latent/LatentMapWidget.h"
#include "model/LatentProjection.h"
#include "registry/Trainer.h"
#include "text/CellValidationText.h"
#include "text/LocaleText.h"
#include "train/VsGaeTrainer.h"
#include "training/QCustomPlotHeader.h"
#include "../support/GuiTestMain.h"

#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QTranslator>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>

#include <cmath>

using namespace archscope;

namespace {

// A few epochs on 64 cells: the map needs a working encoder and decoder, not a good one.
std::shared_ptr<const LatentModel> tinyModel()
{
    static const std::shared_ptr<const LatentModel> model = [] {
        VsGaeTrainingConfig config;
        config.trainSize = 64;
        config.spaceCells = 0;
        config.valSize = 16;
        config.epochs = 3;
        config.batchSize = 16;
        config.nodeDim = 16;
        config.graphDim = 8;
        config.device = "cpu";
        config.threads = 1;
        config.priorSamples = 10;
        return std::shared_ptr<const LatentModel>(trainVsGae(config, test::sample(), {}).model);
    }();
    return model;
}

// A VS-GAE predictor on the tiny model's code: a few epochs of the MLP.
std::shared_ptr<const Predictor> tinyLatentPredictor()
{
    static const std::shared_ptr<const Predictor> predictor = [] {
        QTemporaryDir dir;
        const std::string path = dir.filePath("vae.safetensors").toStdString();
        tinyModel()->save(path);
        TrainingConfig config;
        config.model = "vsgae-latent";
        config.latentModelPath = path;
        config.trainSize = 200;
        config.valSize = 50;
        config.epochs = 5;
        config.ensemble = 1;
        config.device = "cpu";
        config.threads = 1;
        return std::shared_ptr<const Predictor>(trainPredictor(config, test::sample(), {}).predictor);
    }();
    return predictor;
}

std::shared_ptr<const Dataset> firstRecords(std::size_t count)
{
    const auto& all = test::sample().records();
    return std::make_shared<const Dataset>(std::vector<Record>(all.begin(), all.begin() + std::ptrdiff_t(count)),
                                           "first records");
}

// WCAG's contrast ratio of two colours: 1 (the same lightness) to 21 (black on white).
double contrast(const QColor& a, const QColor& b)
{
    const auto luminance = [](const QColor& c) {
        const auto channel = [](float v) { return v <= 0.03928f ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double x = luminance(a), y = luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

QPalette plainPalette(const QColor& base, const QColor& text)
{
    QPalette p;
    for (QPalette::ColorRole role : {QPalette::Base, QPalette::Window, QPalette::Button})
        p.setColor(role, base);
    for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        p.setColor(role, text);
    return p;
}

// A place on the map at least 20 px from every point, inside the axes.
std::optional<QPoint> emptyPixel(const LatentMapWidget& map)
{
    const QRect area = map.plot()->axisRect()->rect().adjusted(10, 10, -10, -10);
    for (int y = area.top(); y < area.bottom(); y += 7)
        for (int x = area.left(); x < area.right(); x += 7) {
            bool free = true;
            for (std::size_t i = 0; i < map.pointCount() && free; ++i)
                free = (map.pixelOf(i) - QPoint(x, y)).manhattanLength() > 28;
            if (free)
                return QPoint(x, y);
        }
    return std::nullopt;
}

double distance(const std::array<double, 2>& a, const std::array<double, 2>& b)
{
    return std::hypot(a[0] - b[0], a[1] - b[1]);
}

// The map of the first 300 records, encoded, with a climb panel under it; both on screen.
[[nodiscard]] bool showMapWithClimb(LatentMapWidget& map, LatentAscentPanel& climb)
{
    climb.setDataset(firstRecords(300));
    QSignalSpy updated(&map, &LatentMapWidget::mapUpdated);
    map.setModel(tinyModel());
    map.setDataset(firstRecords(300));
    if (!updated.wait(60000))
        return false;
    map.resize(900, 700);
    map.show();
    climb.show();
    if (!QTest::qWaitForWindowExposed(&map))
        return false;
    map.plot()->replot();
    return true;
}

} // namespace

class TestLatentMap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(tinyModel());
    }

    void projectionFindsKnownComponents()
    {
        // An ellipse in the x-y plane of a 3-d space, shifted by (1, 2, 3): covariance diag(50, 4.5, 0)
        // times 100/99, so the components are the x and the y axis and together explain everything.
        std::vector<LatentCode> codes;
        for (int i = 0; i < 100; ++i) {
            const double t = 2 * M_PI * i / 100;
            codes.push_back({float(1 + 10 * std::cos(t)), float(2 + 3 * std::sin(t)), 3.0f});
        }
        const LatentProjection p = LatentProjection::fit(codes);
        QVERIFY(p.isValid());
        QVERIFY(std::abs(p.variance()[0] - 50.0 * 100 / 99) < 1e-3);
        QVERIFY(std::abs(p.variance()[1] - 4.5 * 100 / 99) < 1e-3);
        QVERIFY(std::abs(std::abs(p.component(0)[0]) - 1) < 1e-6 && std::abs(std::abs(p.component(1)[1]) - 1) < 1e-6);
        QVERIFY(std::abs(p.explained() - 1) < 1e-6);
        const LatentCode centre = p.inverse(0, 0);
        QVERIFY(std::abs(centre[0] - 1) < 1e-5 && std::abs(centre[1] - 2) < 1e-5 && std::abs(centre[2] - 3) < 1e-5);
    }

    void mapShowsEveryEncodedCell()
    {
        LatentMapWidget map;
        QSignalSpy updated(&map, &LatentMapWidget::mapUpdated);
        map.setModel(tinyModel());
        QCOMPARE(map.pointCount(), std::size_t(0));
        const auto data = firstRecords(700);
        map.setDataset(data);
        QVERIFY(map.isEncoding());
        QVERIFY(updated.wait(60000));
        QCOMPARE(map.pointCount(), data->size());
        QCOMPARE(map.codes().size(), data->size());
        QCOMPARE(int(map.codes().front().size()), tinyModel()->latentDim());
        int drawn = 0;
        for (int i = 0; i < map.plot()->graphCount(); ++i)
            drawn += map.plot()->graph(i)->dataCount();
        QCOMPARE(drawn, int(data->size()));
        // Every point of a cell with a 108-epoch validation accuracy gets a colour of the scale, none grey.
        int coloured = 0, withAccuracy = 0;
        for (int i = 0; i < map.plot()->graphCount(); ++i)
            if (map.plot()->graph(i)->scatterStyle().pen().color() != QColor(Qt::gray))
                coloured += map.plot()->graph(i)->dataCount();
        for (const Record& r : data->records())
            withAccuracy += std::isfinite(r.validationAccuracy()) ? 1 : 0;
        QVERIFY(withAccuracy > 0);
        QCOMPARE(coloured, withAccuracy);

        // A smaller dataset replaces the map.
        const auto fewer = firstRecords(100);
        map.setDataset(fewer);
        QVERIFY(updated.wait(60000));
        QCOMPARE(map.pointCount(), fewer->size());
    }

    // The dataset browser's filter reaches the map: only the cells it lets through are drawn and can be
    // picked, and the axes stay where they were.
    void mapFollowsTheDatasetFilter()
    {
        LatentMapWidget map;
        QSignalSpy updated(&map, &LatentMapWidget::mapUpdated);
        map.setModel(tinyModel());
        const auto data = firstRecords(300);
        map.setDataset(data);
        QVERIFY(updated.wait(60000));
        map.resize(900, 700);
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        map.plot()->replot();
        const QCPRange x = map.plot()->xAxis->range();

        DatasetBrowser browser;
        browser.setDataset(data);
        browser.findChild<QSpinBox*>(QStringLiteral("minVerticesSpin"))->setValue(7);
        browser.applyFilter();
        const std::vector<char> shown = browser.shownRecords();
        std::size_t sevens = 0, hidden = data->size();
        for (std::size_t i = 0; i < data->size(); ++i) {
            QCOMPARE(bool(shown[i]), (*data)[i].cell.numVertices() == 7);
            sevens += shown[i] ? 1 : 0;
            if (!shown[i])
                hidden = i;
        }
        QVERIFY(sevens > 0 && sevens < data->size() && hidden < data->size());
        map.setShownRecords(shown);
        QCOMPARE(map.shownCount(), sevens);
        int drawn = 0;
        for (int i = 0; i < map.plot()->graphCount(); ++i)
            drawn += map.plot()->graph(i)->dataCount();
        QCOMPARE(std::size_t(drawn), sevens);
        QCOMPARE(map.plot()->xAxis->range(), x);

        QSignalSpy picked(&map, &LatentMapWidget::cellPicked);
        map.plot()->replot();
        QTest::mouseClick(map.plot(), Qt::LeftButton, Qt::NoModifier, map.pixelOf(hidden));
        for (const QList<QVariant>& args : picked)
            QVERIFY2(args.at(0).value<Cell>().numVertices() == 7, "a hidden cell was picked");
        map.setShownRecords({});
        QCOMPARE(map.shownCount(), data->size());
    }

    void cancelLeavesAnEmptyMap()
    {
        LatentMapWidget map;
        QSignalSpy updated(&map, &LatentMapWidget::mapUpdated);
        map.setModel(tinyModel());
        map.setDataset(std::make_shared<const Dataset>(test::sample()));
        map.cancelEncoding();
        QTRY_VERIFY_WITH_TIMEOUT(!map.isEncoding(), 30000);
        QCOMPARE(updated.count(), 0);
        QCOMPARE(map.pointCount(), std::size_t(0));
    }

    void projectionInverseKeepsTheKeptComponents()
    {
        const std::vector<Cell> cells = [] {
            std::vector<Cell> c;
            for (std::size_t i = 0; i < 300; ++i)
                c.push_back(test::sample()[i].cell);
            return c;
        }();
        const std::vector<LatentCode> codes = tinyModel()->encode(cells);
        const LatentProjection projection = LatentProjection::fit(codes);
        QVERIFY(projection.isValid());
        QVERIFY(projection.variance()[0] >= projection.variance()[1]);
        QVERIFY(projection.explained() > 0 && projection.explained() <= 1 + 1e-9);
        const double scale = std::sqrt(projection.variance()[0]);
        for (std::size_t i = 0; i < codes.size(); i += 37) {
            const std::array<double, 2> p = projection.project(codes[i]);
            const std::array<double, 2> back = projection.project(projection.inverse(p[0], p[1]));
            QVERIFY2(distance(p, back) < 1e-4 * scale, qPrintable(QString("code %1").arg(i)));
        }
    }

    void clicksPathAndSlider()
    {
        LatentMapWidget map;
        QSignalSpy updated(&map, &LatentMapWidget::mapUpdated);
        map.setModel(tinyModel());
        map.setDataset(firstRecords(300));
        QVERIFY(updated.wait(60000));
        map.resize(900, 700);
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        map.plot()->replot();

        // The leftmost and the rightmost point: far apart, so each click hits its own.
        std::size_t left = 0, right = 0;
        for (std::size_t i = 0; i < map.pointCount(); ++i) {
            if (map.pixelOf(i).x() < map.pixelOf(left).x())
                left = i;
            if (map.pixelOf(i).x() > map.pixelOf(right).x())
                right = i;
        }
        QSignalSpy picked(&map, &LatentMapWidget::cellPicked);
        QSignalSpy decoded(&map, &LatentMapWidget::cellDecoded);
        QTest::mouseClick(map.plot(), Qt::LeftButton, Qt::NoModifier, map.pixelOf(left));
        QCOMPARE(picked.count(), 1);
        QVERIFY(map.pathStart().has_value());
        QCOMPARE(map.pixelOf(*map.pathStart()), map.pixelOf(left));
        QTest::mouseClick(map.plot(), Qt::LeftButton, Qt::ShiftModifier, map.pixelOf(right));
        QVERIFY(map.pathEnd().has_value());
        QCOMPARE(map.pixelOf(*map.pathEnd()), map.pixelOf(right));
        QCOMPARE(map.pathCells().size(), std::size_t(30));
        QCOMPARE(map.strip()->count(), 30);

        const DecodedCell start = tinyModel()->decode({map.codes()[*map.pathStart()]}).front();
        const DecodedCell end = tinyModel()->decode({map.codes()[*map.pathEnd()]}).front();
        QVERIFY(map.pathCells().front().raw == start.raw);
        QVERIFY(map.pathCells().back().raw == end.raw);

        decoded.clear();
        map.slider()->setValue(map.slider()->maximum());
        QCOMPARE(decoded.count(), 1);
        QVERIFY(decoded.last().at(0).value<DecodedCell>().raw == end.raw);
        map.slider()->setValue(0);
        QCOMPARE(decoded.count(), 2);
        QVERIFY(decoded.last().at(0).value<DecodedCell>().raw == start.raw);

        // Right-click decodes the place under the cursor. The editor then shows that cell: the picks and
        // the path, which describe others, go, and the map says what was decoded.
        QSignalSpy pathChanged(&map, &LatentMapWidget::pathChanged);
        QTest::mouseClick(map.plot(), Qt::RightButton, Qt::NoModifier, map.plot()->rect().center());
        QCOMPARE(decoded.count(), 3);
        QVERIFY(!map.pathStart() && !map.pathEnd());
        QVERIFY(map.pathCells().empty());
        QCOMPARE(pathChanged.count(), 1);
        const DecodedCell marked = decoded.last().at(0).value<DecodedCell>();
        const QString says =
            marked.valid()
                ? test::shownText("archscope::LatentMapWidget",
                                  "Decoded the marked place into cell %1, now in the editor. Click a point to pick a cell.")
                      .arg(QString::fromStdString(marked.hash.hex()).left(8))
                : test::shownText("archscope::LatentMapWidget",
                                  "Decoded the marked place into an invalid cell (%1), now in the editor. Click a point to pick a cell.")
                      .arg(cellValidationText(validateCell(marked.raw)));
        QCOMPARE(map.message(), says);
    }

    void climbFromAPickedPoint()
    {
        LatentMapWidget map;
        LatentAscentPanel climb(&map);
        QVERIFY(showMapWithClimb(map, climb));
        QVERIFY(!climb.climbButton()->isEnabled()); // nothing picked, no predictor

        QTest::mouseClick(map.plot(), Qt::LeftButton, Qt::NoModifier, map.pixelOf(0));
        QVERIFY(map.pathStart().has_value());
        QVERIFY(!climb.climbButton()->isEnabled());
        climb.setPredictor(tinyLatentPredictor());
        QVERIFY(climb.climbButton()->isEnabled());

        climb.findChild<QSpinBox*>(QStringLiteral("climbSteps"))->setValue(12);
        QSignalSpy finished(&climb, &LatentAscentPanel::finished);
        QTest::mouseClick(climb.climbButton(), Qt::LeftButton);
        QVERIFY(climb.isRunning() || finished.count() == 1);
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        QVERIFY(!climb.isRunning());
        const LatentAscentResult& result = climb.lastResult();
        QCOMPARE(result.path.size(), std::size_t(13));
        // The climb starts at the picked cell's code (up to rounding through the standardised code).
        const LatentCode& picked0 = map.codes()[*map.pathStart()];
        for (std::size_t d = 0; d < picked0.size(); ++d)
            QVERIFY(std::abs(result.path.front().code[d] - picked0[d]) <= 1e-5f * (1 + std::abs(picked0[d])));
        QCOMPARE(map.trailLength(), std::size_t(13));
        // The trail is drawn in a colour far from every accuracy colour of the map (it was green on
        // green), and a star marks where the best cell was found.
        for (int i = 0; i < map.plot()->graphCount(); ++i) {
            const QColor c = map.plot()->graph(i)->scatterStyle().pen().color();
            if (c == LatentMapWidget::kTrailColour)
                continue;
            const QColor t = LatentMapWidget::kTrailColour;
            const int distance = std::abs(c.red() - t.red()) + std::abs(c.green() - t.green()) + std::abs(c.blue() - t.blue());
            QVERIFY2(distance > 150, qPrintable(c.name()));
        }
        if (!result.best.empty()) {
            const auto star = map.trailBestPoint();
            QVERIFY(star.has_value());
            const auto at = map.projection().project(result.path[std::size_t(result.best.front().firstStep)].code);
            QVERIFY(std::abs(star->x() - at[0]) < 1e-9 && std::abs(star->y() - at[1]) < 1e-9);
        }
        QCOMPARE(climb.results()->count(), int(result.best.size()));
        // The summary reports cells, not latent points: the start's decoded cell and the best find.
        const QString summary = climb.findChild<QLabel*>(QStringLiteral("climbMessage"))->text();
        const auto cellText = [](double accuracy) {
            return std::isnan(accuracy) ? test::shownText("archscope::LatentAscentPanel", "no valid cell")
                                        : percentText(100.0 * accuracy, 2);
        };
        if (!result.best.empty())
            QCOMPARE(result.bestCellPredicted(), result.best.front().predicted);
        const QString says =
            test::shownText("archscope::LatentAscentPanel",
                            "Start cell predicted %1, best cell found %2; %Ln distinct valid cell(s) decoded.",
                            int(result.distinctValid))
                .arg(cellText(result.startCellPredicted()), cellText(result.bestCellPredicted()));
        QVERIFY2(summary.endsWith(says), qPrintable(summary + QStringLiteral(" | ") + says));
        for (const LatentAscentStep& s : result.path)
            QCOMPARE(std::isnan(s.decodedPredicted), !s.decoded.valid());
        if (!result.best.empty()) {
            QSignalSpy picked(&climb, &LatentAscentPanel::cellPicked);
            const QRect item = climb.results()->visualItemRect(climb.results()->item(0));
            QTest::mouseClick(climb.results()->viewport(), Qt::LeftButton, Qt::NoModifier, item.center());
            QCOMPARE(picked.count(), 1);
            QVERIFY(picked.last().at(0).value<Cell>() == result.best.front().cell);
        }

        // A click on another cell starts afresh: the old climb's trail and results go, and so does
        // the old path's summary.
        QTest::mouseClick(map.plot(), Qt::LeftButton, Qt::NoModifier, map.pixelOf(1));
        QCOMPARE(map.trailLength(), std::size_t(0));
        QVERIFY(!map.trailBestPoint().has_value());
        QCOMPARE(climb.results()->count(), 0);
        QVERIFY(climb.lastResult().path.empty());
        QVERIFY(climb.climbButton()->isEnabled());
        const QString pathSummary =
            test::shownText("archscope::LatentMapWidget", "Path of %1 steps: %2 valid, %3 invalid.").section(QLatin1Char('%'), 0, 0);
        QVERIFY(!pathSummary.isEmpty());
        QVERIFY(!map.findChild<QLabel*>(QStringLiteral("latentMessage"))->text().startsWith(pathSummary));
    }

    // The decoding speed of a path is a benchmark (`archscope-cli bench --only vsgae`), not a test.
    // As in the app, the predictor is there before the click: one plain click on a cell is enough to
    // climb from it (the button used to wait for a shift-click path).
    void oneClickEnablesTheClimb()
    {
        LatentMapWidget map;
        LatentAscentPanel climb(&map);
        climb.setPredictor(tinyLatentPredictor());
        QVERIFY(showMapWithClimb(map, climb));
        QVERIFY(!climb.climbButton()->isEnabled());
        QTest::mouseClick(map.plot(), Qt::LeftButton, Qt::NoModifier, map.pixelOf(0));
        QVERIFY(map.pathStart().has_value());
        QVERIFY(climb.climbButton()->isEnabled());
    }

    // The most accurate cells and the pick marker stand out on a light and on a dark palette, and the
    // plot's background follows the palette (it stayed white under the dark one).
    void coloursReadOnLightAndDark_data()
    {
        QTest::addColumn<QColor>("base");
        QTest::addColumn<QColor>("text");
        QTest::newRow("light") << QColor(Qt::white) << QColor(Qt::black);
        QTest::newRow("dark") << QColor(30, 30, 32) << QColor(220, 220, 220);
    }
    void coloursReadOnLightAndDark()
    {
        QFETCH(QColor, base);
        QFETCH(QColor, text);
        LatentMapWidget map;
        LatentAscentPanel climb(&map);
        QVERIFY(showMapWithClimb(map, climb));
        map.setPalette(plainPalette(base, text));
        map.plot()->replot(QCustomPlot::rpImmediateRefresh);

        const QImage before = map.plot()->toPixmap().toImage();
        QCOMPARE(before.pixelColor(2, 2), base);
        const QColor best = map.bestCellColour();
        QVERIFY2(contrast(best, base) >= 1.8, qPrintable(QStringLiteral("best cells %1 on %2: contrast %3")
                                                              .arg(best.name(), base.name())
                                                              .arg(contrast(best, base))));
        // The least accurate cells too: they were dark blue on near-black.
        const QColor lowest = map.lowestCellColour();
        QVERIFY2(contrast(lowest, base) >= 2.2, qPrintable(QStringLiteral("least accurate cells %1 on %2: contrast %3")
                                                               .arg(lowest.name(), base.name())
                                                               .arg(contrast(lowest, base))));
        for (const QColor& under : {base, best})
            QVERIFY(std::max(contrast(map.pickRingPen().color(), under), contrast(map.pickHaloPen().color(), under)) >= 4.5);

        // Picked, a cell gets a ring with a very light and a very dark part, wider than the points.
        QTest::mouseClick(map.plot(), Qt::LeftButton, Qt::NoModifier, map.pixelOf(0));
        map.plot()->replot(QCustomPlot::rpImmediateRefresh);
        const QImage after = map.plot()->toPixmap().toImage();
        const QPoint at = map.pixelOf(0);
        int light = 0, dark = 0, changedFar = 0;
        for (int y = at.y() - 14; y <= at.y() + 14; ++y)
            for (int x = at.x() - 14; x <= at.x() + 14; ++x) {
                if (!after.valid(x, y) || after.pixel(x, y) == before.pixel(x, y))
                    continue;
                const int l = after.pixelColor(x, y).lightness();
                light += l > 235;
                dark += l < 25;
                changedFar += (QPoint(x, y) - at).manhattanLength() >= 8;
            }
        QVERIFY2(light > 10 && dark > 10 && changedFar > 10,
                 qPrintable(QStringLiteral("light %1, dark %2, far %3").arg(light).arg(dark).arg(changedFar)));
    }

    // A click or shift-click that misses every point says why nothing happened.
    void clicksOnEmptySpaceSaySo_data()
    {
        QTest::addColumn<bool>("pickFirst");
        QTest::addColumn<Qt::KeyboardModifiers>("modifiers");
        QTest::addColumn<QString>("says");
        const QString open = test::shownText(
            "archscope::LatentMapWidget", "No cell here: click on a point to open its cell, or right-click to decode this place.");
        QTest::newRow("click") << false << Qt::KeyboardModifiers(Qt::NoModifier) << open;
        QTest::newRow("shift-click before a pick") << false << Qt::KeyboardModifiers(Qt::ShiftModifier) << open;
        QTest::newRow("shift-click after a pick")
            << true << Qt::KeyboardModifiers(Qt::ShiftModifier)
            << test::shownText("archscope::LatentMapWidget", "No cell here: shift-click on a point to end the path there.");
    }
    void clicksOnEmptySpaceSaySo()
    {
        QFETCH(bool, pickFirst);
        QFETCH(Qt::KeyboardModifiers, modifiers);
        QFETCH(QString, says);
        LatentMapWidget map;
        LatentAscentPanel climb(&map);
        QVERIFY(showMapWithClimb(map, climb));
        if (pickFirst)
            QTest::mouseClick(map.plot(), Qt::LeftButton, Qt::NoModifier, map.pixelOf(0));
        const std::optional<QPoint> empty = emptyPixel(map);
        QVERIFY(empty);
        QSignalSpy picked(&map, &LatentMapWidget::cellPicked);
        QTest::mouseClick(map.plot(), Qt::LeftButton, modifiers, *empty);
        QCOMPARE(picked.count(), 0);
        QCOMPARE(map.message(), says);
        QCOMPARE(map.pathEnd().has_value(), false);
    }

    // Export Map writes the picture in each format and the points as CSV, and says so.
    void exportsTheMap_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("png") << "map.png";
        QTest::newRow("svg") << "map.svg";
        QTest::newRow("pdf") << "map.pdf";
        QTest::newRow("csv") << "map.csv";
    }
    void exportsTheMap()
    {
        QFETCH(QString, name);
        LatentMapWidget map;
        QVERIFY(!map.findChild<QPushButton*>(QStringLiteral("exportMapButton"))->isEnabled());
        LatentAscentPanel climb(&map);
        QVERIFY(showMapWithClimb(map, climb));
        QVERIFY(map.findChild<QPushButton*>(QStringLiteral("exportMapButton"))->isEnabled());
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QSignalSpy saved(&map, &LatentMapWidget::fileSaved);
        QVERIFY(map.exportMapTo(path));
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.first().at(0).toString(), path);
        QVERIFY(QFileInfo(path).size() > 500);
        if (name.endsWith(QLatin1String(".csv"))) {
            QFile csv(path);
            QVERIFY(csv.open(QIODevice::ReadOnly));
            const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
            QCOMPARE(lines.size(), 301);
            QCOMPARE(lines[0], QByteArray("hash,pc1,pc2,validation_accuracy"));
            const QList<QByteArray> first = lines[1].split(',');
            QCOMPARE(first[0], QByteArray::fromStdString(test::sample()[0].hash.hex()));
            QCOMPARE(first[1].toDouble(), map.projection().project(map.codes()[0])[0]);
        }
    }

    // In German the map's numbers are German too: "1.200 Zellen", "45,3 % der Varianz".
    void germanNumbers()
    {
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/archscope_de.qm")));
        QCoreApplication::installTranslator(&german);
        const QLocale previous;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        LatentMapWidget map;
        QSignalSpy updated(&map, &LatentMapWidget::mapUpdated);
        map.setModel(tinyModel());
        map.setDataset(firstRecords(1200));
        const bool drawn = updated.wait(60000);
        const QString message = map.message();
        QLocale::setDefault(previous);
        QCoreApplication::removeTranslator(&german);
        QVERIFY(drawn);
        QVERIFY2(message.contains(QStringLiteral("1.200 Zellen")), qPrintable(message));
        QVERIFY2(message.contains(QRegularExpression(QStringLiteral("\\d+,\\d\u00a0% der Varianz"))), qPrintable(message));
    }

    void pathEndsDecodeLikeTheirCodes()
    {
        const std::vector<LatentCode> codes = tinyModel()->encode({test::sample()[0].cell, test::sample()[1].cell});
        const std::vector<LatentCode> path = interpolate(codes[0], codes[1], 30);
        QCOMPARE(path.size(), std::size_t(30));
        const std::vector<DecodedCell> cells = tinyModel()->decode(path);
        QCOMPARE(cells.size(), std::size_t(30));
        QVERIFY(cells.front().raw == tinyModel()->decode({codes[0]}).front().raw);
        QVERIFY(cells.back().raw == tinyModel()->decode({codes[1]}).front().raw);
    }
};

ARCHSCOPE_GUI_TEST_MAIN(TestLatentMap)
#include "tst_latentmap.moc"
