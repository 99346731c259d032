// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "editor/CellView.h"

#include "editor/CellScene.h"

#include <QAction>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace archscope {

CellView::CellView(CellScene* scene, QWidget* parent) : QGraphicsView(scene, parent), scene_(scene)
{
    setObjectName(QStringLiteral("cellView"));
    setAccessibleName(tr("Cell editor"));
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::NoDrag);
    setMinimumSize(220, 260);
    setFocusPolicy(Qt::StrongFocus);

    const auto makeAction = [this](const QString& text, const QKeySequence& key, const char* name) {
        auto* a = new QAction(text, this);
        a->setShortcut(key);
        // The keys act on the cell only while the editor has focus (Delete and digits mean other
        // things in the dataset browser's fields).
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setObjectName(QString::fromLatin1(name));
        addAction(a);
        return a;
    };
    addVertex_ = makeAction(tr("Add &Vertex"), QKeySequence(Qt::Key_Insert), "addVertexAction");
    connect(addVertex_, &QAction::triggered, scene_, &CellScene::addVertex);
    remove_ = makeAction(tr("&Remove Selected"), QKeySequence::Delete, "removeAction");
    connect(remove_, &QAction::triggered, scene_, &CellScene::removeSelected);
    const QString opTexts[kNumInteriorOps] = {tr("Set to conv3x3"), tr("Set to conv1x1"), tr("Set to maxpool")};
    const char* opNames[kNumInteriorOps] = {"opConv3x3Action", "opConv1x1Action", "opMaxPoolAction"};
    for (int k = 0; k < kNumInteriorOps; ++k) {
        QAction* a = makeAction(opTexts[k], QKeySequence(Qt::Key_1 + k), opNames[k]);
        connect(a, &QAction::triggered, scene_, [this, k] { scene_->setSelectedOp(kInteriorOps[k]); });
        opActions_.append(a);
    }
    connect(scene_, &QGraphicsScene::sceneRectChanged, this, &CellView::fit);
}

void CellView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    fit();
}

void CellView::fit()
{
    // Small cells stay at natural size; large ones shrink to fit.
    const QRectF r = scene_->sceneRect();
    const qreal k = std::min({1.0, viewport()->width() / r.width(), viewport()->height() / r.height()});
    setTransform(QTransform::fromScale(k, k));
    centerOn(r.center());
}

bool CellView::exportImage(const QString& path, QString* error) const
{
    const QRectF source = scene_->sceneRect();
    const QSize size = source.size().toSize() * 2;
    const bool svg = QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0;
    if (svg) {
        QSvgGenerator gen;
        gen.setFileName(path);
        gen.setSize(size);
        gen.setViewBox(QRect(QPoint(0, 0), size));
        gen.setTitle(tr("NAS-Bench-101 cell"));
        QPainter p;
        if (!p.begin(&gen)) {
            *error = tr("cannot write %1").arg(path);
            return false;
        }
        scene_->render(&p, QRectF(QPointF(0, 0), size), source);
        return p.end();
    }
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    scene_->render(&p, QRectF(QPointF(0, 0), size), source);
    p.end();
    if (!image.save(path)) {
        *error = tr("cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace archscope
