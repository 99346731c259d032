// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "editor/CellDocument.h"

#include <QUndoCommand>

namespace archscope {

class ReplaceCellCommand : public QUndoCommand {
public:
    ReplaceCellCommand(CellDocument* doc, Cell before, Cell after, const QString& text)
        : QUndoCommand(text), doc_(doc), before_(std::move(before)), after_(std::move(after))
    {
    }
    void undo() override { doc_->assign(before_); }
    void redo() override { doc_->assign(after_); }

private:
    CellDocument* doc_;
    Cell before_, after_;
};

CellDocument::CellDocument(QObject* parent) : QObject(parent), cell_(starterCell()) {}

Cell CellDocument::starterCell()
{
    return Cell({Op::Input, Op::Conv3x3, Op::Output}, std::vector<std::vector<int>>{{0, 1, 0}, {0, 0, 1}, {0, 0, 0}});
}

void CellDocument::replace(const Cell& next, const QString& text)
{
    if (next == cell_)
        return;
    undo_.push(new ReplaceCellCommand(this, cell_, next, text));
}

void CellDocument::assign(const Cell& cell)
{
    cell_ = cell;
    Q_EMIT cellChanged();
}

} // namespace archscope
