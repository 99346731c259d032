// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>

class QLabel;

namespace archscope {

class CellDocument;
class CellScene;
class CellView;

// The cell view with the validity message under it: an invalid cell says exactly which rule it
// breaks, and the scene highlights the vertex or edge the rule names.
class CellEditor : public QWidget {
    Q_OBJECT
public:
    explicit CellEditor(CellDocument* doc, QWidget* parent = nullptr);

    CellDocument* document() const { return doc_; }
    CellView* view() const { return view_; }
    CellScene* scene() const { return scene_; }
    QString validityText() const;

private:
    void updateValidity();

    CellDocument* doc_;
    CellScene* scene_;
    CellView* view_;
    QLabel* validity_;
};

} // namespace archscope
