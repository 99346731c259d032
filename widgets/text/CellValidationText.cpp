// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "text/CellValidationText.h"

#include <QCoreApplication>
#include <QLocale>

namespace archscope {
namespace {

// Gives the texts below one translation context, as a class's tr() would.
struct CellValidationWords {
    Q_DECLARE_TR_FUNCTIONS(archscope::CellValidationText)

public:
    static QString of(const CellValidation& check);
};

QString number(int n) { return QLocale().toString(n); }

QString CellValidationWords::of(const CellValidation& check)
{
    const QString op = QString::fromStdString(check.op);
    switch (check.rule) {
    case CellRule::Valid:
        return tr("the cell is valid");
    case CellRule::TooFewVertices:
        return tr("a cell needs at least an input and an output vertex, it has %Ln", nullptr, check.count);
    case CellRule::NotUpperTriangular:
        return (check.edgeFrom == check.edgeTo
                    ? tr("edge %1 → %2 is a self-loop: the adjacency must be upper triangular (no cycles)")
                    : tr("edge %1 → %2 goes backwards: the adjacency must be upper triangular (no cycles)"))
            .arg(number(check.edgeFrom), number(check.edgeTo));
    case CellRule::OutputUnreachable:
        return tr("the output (vertex %1) cannot be reached from the input").arg(number(check.vertex));
    case CellRule::TooManyVertices:
        return tr("%Ln vertices after pruning, at most %1 are allowed", nullptr, check.count).arg(number(kMaxVertices));
    case CellRule::TooManyEdges:
        return tr("%Ln edges after pruning, at most %1 are allowed", nullptr, check.count).arg(number(kMaxEdges));
    case CellRule::FirstNotInput:
        return tr("vertex 0 is “%1”, the first vertex must be “input”").arg(op);
    case CellRule::LastNotOutput:
        return tr("vertex %1 is “%2”, the last vertex must be “output”").arg(number(check.vertex), op);
    case CellRule::MisplacedOp:
        return tr("vertex %1 is “%2”, interior vertices must be conv3x3-bn-relu, conv1x1-bn-relu or maxpool3x3")
            .arg(number(check.vertex), op);
    }
    return QString::fromStdString(check.message);
}

} // namespace

QString cellValidationText(const CellValidation& check) { return CellValidationWords::of(check); }

} // namespace archscope
