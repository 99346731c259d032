// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"

#include <QGraphicsScene>
#include <QPointF>

#include <optional>
#include <vector>

class QGraphicsLineItem;

namespace archscope {

class CellDocument;

// Draws the document's cell (dot layout) and turns mouse gestures into edits: drag from a vertex to
// another to add an edge, context menus to change an op or remove things. The scene never holds cell
// state of its own; it redraws from the document on every change.
class CellScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit CellScene(CellDocument* doc, QObject* parent = nullptr);

    CellDocument* document() const { return doc_; }

    // The edits the view's actions and keys call; each is one undo step.
    void addVertex();
    void removeSelected();
    void setSelectedOp(Op op);
    // Adds the edge between two vertices when it is absent, removes it when present (edges run from the
    // lower-numbered vertex to the higher, as the cell's matrix is upper-triangular).
    void toggleEdge(int a, int b);
    // Moves the selection `step` vertices on (wrapping round), or to the input when none is selected.
    void selectNextVertex(int step);

    // Scene position of a vertex's centre (for tests and drag gestures); null point when none.
    QPointF vertexCenter(int v) const;
    QPointF edgeMidpoint(int from, int to) const;
    int selectedVertex() const;
    void selectVertex(int v);
    void selectEdge(int from, int to);

    static QColor opColor(Op op);

protected:
    bool event(QEvent* event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent* event) override;

private:
    void rebuild();
    int vertexAt(const QPointF& pos) const;
    // Where each vertex of the new cell was drawn before, when the new cell is one edit of the drawn
    // one (an edge or an op changed, or the vertex this scene added or removed); empty otherwise, and
    // the cell is laid out afresh.
    std::vector<std::optional<QPointF>> keptPositions(const Cell& cell) const;

    CellDocument* doc_;
    Cell drawn_;                     // the cell drawn now, and where its vertices are
    std::vector<QPointF> centers_;
    int insertedVertex_ = -1;        // the scene's own vertex edits, for keptPositions
    int removedVertex_ = -1;
    int dragFrom_ = -1;
    QPointF pressPos_;
    QGraphicsLineItem* dragLine_ = nullptr;
};

} // namespace archscope
