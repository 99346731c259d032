// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Op.h"

#include <QGraphicsView>

namespace archscope {

class CellScene;

// The view of a CellScene with the editing actions and their keys: Insert adds a vertex, Delete
// removes the selection, 1-3 set the selected vertex to conv3x3, conv1x1 or maxpool. The actions are
// public so the main window can put the same ones in its menus.
class CellView : public QGraphicsView {
    Q_OBJECT
public:
    explicit CellView(CellScene* scene, QWidget* parent = nullptr);

    CellScene* cellScene() const { return scene_; }
    QAction* addVertexAction() const { return addVertex_; }
    QAction* removeAction() const { return remove_; }
    QList<QAction*> opActions() const { return opActions_; }

    // Writes the drawing as SVG or PNG by the file's suffix; false with `error` set on failure.
    bool exportImage(const QString& path, QString* error) const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void fit();

    CellScene* scene_;
    QAction* addVertex_;
    QAction* remove_;
    QList<QAction*> opActions_;
};

} // namespace archscope
