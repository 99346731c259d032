// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"

#include <QObject>
#include <QUndoStack>

namespace archscope {

// The cell being edited and its history. Every change goes through replace(), which records an undo
// command holding the whole before/after value: cells are tiny, and validity, hash and prediction are
// recomputed from the value, never stored beside it.
class CellDocument : public QObject {
    Q_OBJECT
public:
    explicit CellDocument(QObject* parent = nullptr);

    const Cell& cell() const { return cell_; }
    QUndoStack* undoStack() { return &undo_; }

    // Records `next` as an undoable edit named `text`; does nothing when the cell is unchanged.
    void replace(const Cell& next, const QString& text);

    // The cell a new document starts with: input -> conv3x3 -> output.
    static Cell starterCell();

Q_SIGNALS:
    void cellChanged();

private:
    friend class ReplaceCellCommand;
    void assign(const Cell& cell);

    Cell cell_;
    QUndoStack undo_;
};

} // namespace archscope
