// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "editor/CellScene.h"

#include "editor/CellDocument.h"
#include "editor/GraphvizLayout.h"

#include <QApplication>
#include <QGraphicsLineItem>
#include <QGraphicsPathItem>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QMenu>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace archscope {
namespace {

enum ItemRole { VertexRole = QGraphicsItem::UserType + 1, EdgeRole };

const QColor kProblem(200, 30, 30);

class VertexItem : public QGraphicsItem {
public:
    VertexItem(int v, Op op, const VertexPlacement& at, bool problem) : v_(v), op_(op), problem_(problem)
    {
        rect_ = QRectF(QPointF(-at.size.width() / 2, -at.size.height() / 2), at.size);
        setPos(at.center);
        setFlag(ItemIsSelectable);
        setZValue(1);
    }
    int type() const override { return VertexRole; }
    int vertex() const { return v_; }
    QRectF boundingRect() const override { return rect_.adjusted(-3, -3, 3, 3); }
    void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override
    {
        p->setBrush(CellScene::opColor(op_));
        QPen pen(problem_ ? kProblem : QColor(40, 40, 40), problem_ || isSelected() ? 3 : 1);
        if (isSelected() && !problem_)
            pen.setColor(QColor(30, 90, 200));
        p->setPen(pen);
        p->drawRoundedRect(rect_, 6, 6);
        p->setPen(Qt::black);
        const QString label = QStringLiteral("%1  %2").arg(v_).arg(QString::fromUtf8(opShortName(op_).data(),
                                                                                      int(opShortName(op_).size())));
        p->drawText(rect_, Qt::AlignCenter, label);
    }

private:
    int v_;
    Op op_;
    bool problem_;
    QRectF rect_;
};

class EdgeItem : public QGraphicsPathItem {
public:
    EdgeItem(const EdgePlacement& e, bool problem) : from_(e.from), to_(e.to)
    {
        QPainterPath path;
        if (!e.bezier.isEmpty()) {
            path.moveTo(e.bezier.front());
            for (int k = 1; k + 2 < e.bezier.size(); k += 3)
                path.cubicTo(e.bezier[k], e.bezier[k + 1], e.bezier[k + 2]);
            path.lineTo(e.arrowTip);
            // The arrow head, pointing from the spline's end to the tip.
            QLineF dir(e.arrowTip, e.bezier.back());
            if (dir.length() < 1e-3)
                dir = QLineF(e.arrowTip, e.bezier.size() > 1 ? e.bezier[e.bezier.size() - 2] : e.arrowTip);
            dir.setLength(10);
            QLineF left = dir, right = dir;
            left.setAngle(dir.angle() + 25);
            right.setAngle(dir.angle() - 25);
            path.moveTo(left.p2());
            path.lineTo(e.arrowTip);
            path.lineTo(right.p2());
        }
        setPath(path);
        // Edges take the text colour so they stay visible on a dark palette.
        normalPen_ = QPen(problem ? kProblem : QApplication::palette().color(QPalette::Text), problem ? 3 : 1.5);
        setPen(normalPen_);
        setFlag(ItemIsSelectable);
    }
    int type() const override { return EdgeRole; }
    int from() const { return from_; }
    int to() const { return to_; }
    QPainterPath shape() const override
    {
        // A thin curve is hard to hit with the mouse: pick on a wider stroke.
        QPainterPathStroker stroker;
        stroker.setWidth(10);
        return stroker.createStroke(path());
    }
    void paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget* w) override
    {
        QStyleOptionGraphicsItem plain(*option);
        plain.state &= ~QStyle::State_Selected; // the dashed default frame hides the arrow
        QGraphicsPathItem::paint(p, &plain, w);
    }
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override
    {
        if (change == ItemSelectedHasChanged)
            setPen(value.toBool() ? QPen(QColor(30, 90, 200), 3) : normalPen_);
        return QGraphicsPathItem::itemChange(change, value);
    }

private:
    int from_, to_;
    QPen normalPen_;
};

QString opLabel(Op op) { return QString::fromUtf8(opName(op).data(), int(opName(op).size())); }

} // namespace

CellScene::CellScene(CellDocument* doc, QObject* parent) : QGraphicsScene(parent), doc_(doc)
{
    connect(doc_, &CellDocument::cellChanged, this, &CellScene::rebuild);
    rebuild();
}

bool CellScene::event(QEvent* event)
{
    const bool handled = QGraphicsScene::event(event);
    // The edges are drawn in the palette's text colour, read when they are built.
    if (event->type() == QEvent::ApplicationPaletteChange)
        rebuild();
    return handled;
}

QColor CellScene::opColor(Op op)
{
    switch (op) {
    case Op::Input:
    case Op::Output: return QColor(200, 210, 225);
    case Op::Conv3x3: return QColor(244, 162, 97);
    case Op::Conv1x1: return QColor(233, 196, 106);
    case Op::MaxPool3x3: return QColor(120, 200, 185);
    }
    return Qt::white;
}

void CellScene::rebuild()
{
    const int keepVertex = selectedVertex();
    clear();
    dragLine_ = nullptr;
    const Cell& cell = doc_->cell();
    const CellValidation check = validateCell(cell);
    const CellLayout layout = layoutCell(cell, keptPositions(cell));
    insertedVertex_ = removedVertex_ = -1;
    drawn_ = cell;
    centers_.clear();
    for (const VertexPlacement& v : layout.vertices)
        centers_.push_back(v.center);
    for (int v = 0; v < cell.numVertices(); ++v)
        addItem(new VertexItem(v, cell.op(v), layout.vertices[std::size_t(v)], check.vertex == v));
    for (const EdgePlacement& e : layout.edges)
        addItem(new EdgeItem(e, check.edgeFrom == e.from && check.edgeTo == e.to));
    setSceneRect(layout.bounds.adjusted(-20, -20, 20, 20));
    if (keepVertex >= 0 && keepVertex < cell.numVertices())
        selectVertex(keepVertex);
}

std::vector<std::optional<QPointF>> CellScene::keptPositions(const Cell& cell) const
{
    const int n = cell.numVertices(), m = drawn_.numVertices();
    std::vector<std::optional<QPointF>> kept(static_cast<std::size_t>(n));
    if (int(centers_.size()) != m || m == 0)
        return {};
    // The drawn vertex each new one was: all of them for an edit in place, shifted past the vertex
    // this scene inserted or removed.
    std::vector<int> was(static_cast<std::size_t>(n), -1);
    if (n == m) {
        int changes = 0;
        for (int i = 0; i < n; ++i) {
            changes += cell.op(i) != drawn_.op(i);
            for (int j = i + 1; j < n; ++j)
                changes += cell.hasEdge(i, j) != drawn_.hasEdge(i, j);
        }
        if (changes > 1)
            return {};
        for (int v = 0; v < n; ++v)
            was[std::size_t(v)] = v;
    } else if (n == m + 1 && insertedVertex_ >= 0) {
        for (int v = 0; v < n; ++v)
            was[std::size_t(v)] = v < insertedVertex_ ? v : v == insertedVertex_ ? -1 : v - 1;
    } else if (n == m - 1 && removedVertex_ >= 0) {
        for (int v = 0; v < n; ++v)
            was[std::size_t(v)] = v < removedVertex_ ? v : v + 1;
    } else {
        return {};
    }
    for (int v = 0; v < n; ++v)
        if (was[std::size_t(v)] >= 0)
            kept[std::size_t(v)] = centers_[std::size_t(was[std::size_t(v)])];
    return kept;
}

int CellScene::vertexAt(const QPointF& pos) const
{
    for (QGraphicsItem* item : items(pos))
        if (item->type() == VertexRole)
            return static_cast<VertexItem*>(item)->vertex();
    return -1;
}

QPointF CellScene::vertexCenter(int v) const
{
    for (QGraphicsItem* item : items())
        if (item->type() == VertexRole && static_cast<VertexItem*>(item)->vertex() == v)
            return item->pos();
    return {};
}

QPointF CellScene::edgeMidpoint(int from, int to) const
{
    for (QGraphicsItem* item : items())
        if (item->type() == EdgeRole) {
            auto* e = static_cast<EdgeItem*>(item);
            if (e->from() == from && e->to() == to)
                return e->path().pointAtPercent(0.5);
        }
    return {};
}

int CellScene::selectedVertex() const
{
    for (QGraphicsItem* item : selectedItems())
        if (item->type() == VertexRole)
            return static_cast<VertexItem*>(item)->vertex();
    return -1;
}

void CellScene::selectVertex(int v)
{
    clearSelection();
    for (QGraphicsItem* item : items())
        if (item->type() == VertexRole && static_cast<VertexItem*>(item)->vertex() == v)
            item->setSelected(true);
}

void CellScene::selectEdge(int from, int to)
{
    clearSelection();
    for (QGraphicsItem* item : items())
        if (item->type() == EdgeRole && static_cast<EdgeItem*>(item)->from() == from
            && static_cast<EdgeItem*>(item)->to() == to)
            item->setSelected(true);
}

void CellScene::addVertex()
{
    const Cell& cell = doc_->cell();
    const int at = cell.numVertices() > 0 ? cell.numVertices() - 1 : 0;
    if (cell.numVertices() >= kCellCapacity)
        return;
    insertedVertex_ = at;
    doc_->replace(cell.withVertexInserted(at, Op::Conv3x3), tr("Add vertex"));
    selectVertex(at);
}

void CellScene::removeSelected()
{
    const QList<QGraphicsItem*> selected = selectedItems();
    if (selected.isEmpty())
        return;
    QGraphicsItem* item = selected.front();
    if (item->type() == VertexRole) {
        const int v = static_cast<VertexItem*>(item)->vertex();
        removedVertex_ = v;
        doc_->replace(doc_->cell().withVertexRemoved(v), tr("Remove vertex %1").arg(v));
    } else if (item->type() == EdgeRole) {
        auto* e = static_cast<EdgeItem*>(item);
        const int from = e->from(), to = e->to();
        doc_->replace(doc_->cell().withEdge(from, to, false), tr("Remove edge %1 → %2").arg(from).arg(to));
    }
}

void CellScene::toggleEdge(int a, int b)
{
    const int from = std::min(a, b), to = std::max(a, b);
    const Cell& cell = doc_->cell();
    if (from == to || to >= cell.numVertices())
        return;
    const int keep = selectedVertex();
    if (cell.hasEdge(from, to))
        doc_->replace(cell.withEdge(from, to, false), tr("Remove edge %1 → %2").arg(from).arg(to));
    else
        doc_->replace(cell.withEdge(from, to, true), tr("Add edge %1 → %2").arg(from).arg(to));
    selectVertex(keep);
}

void CellScene::selectNextVertex(int step)
{
    const int n = doc_->cell().numVertices();
    if (n == 0)
        return;
    const int v = selectedVertex();
    selectVertex(v < 0 ? 0 : ((v + step) % n + n) % n);
}

void CellScene::setSelectedOp(Op op)
{
    const int v = selectedVertex();
    if (v < 0)
        return;
    doc_->replace(doc_->cell().withOp(v, op), tr("Set vertex %1 to %2").arg(v).arg(opLabel(op)));
}

void CellScene::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    QGraphicsScene::mousePressEvent(event);
    dragFrom_ = event->button() == Qt::LeftButton ? vertexAt(event->scenePos()) : -1;
    pressPos_ = event->scenePos();
}

void CellScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event)
{
    if (dragFrom_ < 0) {
        QGraphicsScene::mouseMoveEvent(event);
        return;
    }
    if (!dragLine_ && QLineF(pressPos_, event->scenePos()).length() < QApplication::startDragDistance())
        return;
    if (!dragLine_) {
        dragLine_ = addLine(QLineF(), QPen(QColor(30, 90, 200), 2, Qt::DashLine));
        dragLine_->setZValue(2);
    }
    dragLine_->setLine(QLineF(vertexCenter(dragFrom_), event->scenePos()));
}

void CellScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    const int from = dragFrom_;
    const bool dragged = dragLine_ != nullptr;
    dragFrom_ = -1;
    if (dragLine_) {
        delete dragLine_;
        dragLine_ = nullptr;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    const int to = vertexAt(event->scenePos());
    if (dragged && from >= 0 && to >= 0 && to != from)
        doc_->replace(doc_->cell().withEdge(from, to, true), tr("Add edge %1 → %2").arg(from).arg(to));
}

void CellScene::contextMenuEvent(QGraphicsSceneContextMenuEvent* event)
{
    QMenu menu;
    const int v = vertexAt(event->scenePos());
    QGraphicsItem* item = itemAt(event->scenePos(), QTransform());
    if (v >= 0) {
        selectVertex(v);
        const Op current = doc_->cell().op(v);
        for (Op op : kInteriorOps) {
            QAction* a = menu.addAction(opLabel(op), this, [this, op] { setSelectedOp(op); });
            a->setCheckable(true);
            a->setChecked(op == current);
        }
        menu.addSeparator();
        menu.addAction(tr("Remove vertex"), this, &CellScene::removeSelected);
    } else if (item && item->type() == EdgeRole) {
        auto* e = static_cast<EdgeItem*>(item);
        selectEdge(e->from(), e->to());
        menu.addAction(tr("Remove edge"), this, &CellScene::removeSelected);
    } else {
        menu.addAction(tr("Add vertex"), this, &CellScene::addVertex);
    }
    menu.exec(event->screenPos());
}

} // namespace archscope
