// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "editor/CellView.h"

#include "editor/CellDocument.h"
#include "editor/CellScene.h"

#include <QAction>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>

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
    nextVertex_ = makeAction(tr("Select &Next Vertex"), QKeySequence(Qt::Key_Right), "nextVertexAction");
    nextVertex_->setShortcuts({QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_Down)});
    connect(nextVertex_, &QAction::triggered, scene_, [this] { scene_->selectNextVertex(1); });
    previousVertex_ = makeAction(tr("Select P&revious Vertex"), QKeySequence(Qt::Key_Left), "previousVertexAction");
    previousVertex_->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_Up)});
    connect(previousVertex_, &QAction::triggered, scene_, [this] { scene_->selectNextVertex(-1); });
    edges_ = makeAction(tr("Add or Remove an &Edge…"), QKeySequence(Qt::Key_E), "edgeMenuAction");
    edges_->setStatusTip(tr("Choose a vertex to connect the selected one with, or to disconnect it from"));
    connect(edges_, &QAction::triggered, this, &CellView::showEdgeMenu);
    connect(scene_, &QGraphicsScene::sceneRectChanged, this, &CellView::fit);
}

void CellView::showEdgeMenu()
{
    const int v = scene_->selectedVertex();
    if (v < 0)
        return;
    const Cell& cell = scene_->document()->cell();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("edgeMenu"));
    for (int u = 0; u < cell.numVertices(); ++u) {
        if (u == v)
            continue;
        const int from = std::min(u, v), to = std::max(u, v);
        // Each item starts with the other vertex's number, its mnemonic: E then 3 picks vertex 3 (where
        // the style searches menus by typing instead, the 3 finds the item and Return takes it).
        const QString key = u < 10 ? QStringLiteral("&%1").arg(u) : QString::number(u);
        const QString edge = QStringLiteral("%1 → %2").arg(from).arg(to);
        QAction* a = menu.addAction((cell.hasEdge(from, to) ? tr("%1: remove edge %2") : tr("%1: add edge %2")).arg(key, edge));
        a->setObjectName(QStringLiteral("edgeTo%1").arg(u));
        connect(a, &QAction::triggered, scene_, [this, u, v] { scene_->toggleEdge(u, v); });
    }
    menu.exec(mapToGlobal(mapFromScene(scene_->vertexCenter(v))));
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
