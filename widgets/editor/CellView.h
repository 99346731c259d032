// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Op.h"

#include <QGraphicsView>

namespace archscope {

class CellScene;

// The view of a CellScene with the editing actions and their keys: Insert adds a vertex, Delete
// removes the selection, 1-3 set the selected vertex to conv3x3, conv1x1 or maxpool, the arrow keys
// move the selection from vertex to vertex, and E opens a menu of the selected vertex's edges to add
// or remove (a vertex's number picks it), so a cell can be built without a mouse. The actions are
// public so the main window can put the same ones in its menus.
class CellView : public QGraphicsView {
    Q_OBJECT
public:
    explicit CellView(CellScene* scene, QWidget* parent = nullptr);

    CellScene* cellScene() const { return scene_; }
    QAction* addVertexAction() const { return addVertex_; }
    QAction* removeAction() const { return remove_; }
    QList<QAction*> opActions() const { return opActions_; }
    // Next and previous vertex, and the edge menu.
    QList<QAction*> keyboardActions() const { return {nextVertex_, previousVertex_, edges_}; }

    // Writes the drawing as SVG or PNG by the file's suffix; false with `error` set on failure.
    bool exportImage(const QString& path, QString* error) const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void fit();
    void showEdgeMenu();

    CellScene* scene_;
    QAction* addVertex_;
    QAction* remove_;
    QList<QAction*> opActions_;
    QAction* nextVertex_;
    QAction* previousVertex_;
    QAction* edges_;
};

} // namespace archscope
