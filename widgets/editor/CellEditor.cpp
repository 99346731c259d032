// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "editor/CellEditor.h"

#include "editor/CellDocument.h"
#include "editor/CellScene.h"
#include "editor/CellView.h"
#include "text/CellValidationText.h"

#include <QLabel>
#include <QVBoxLayout>

namespace archscope {

CellEditor::CellEditor(CellDocument* doc, QWidget* parent)
    : QWidget(parent), doc_(doc), scene_(new CellScene(doc, this)), view_(new CellView(scene_, this)),
      validity_(new QLabel(this))
{
    setObjectName(QStringLiteral("cellEditor"));
    validity_->setObjectName(QStringLiteral("editorValidityLabel"));
    validity_->setWordWrap(true);
    validity_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* hint = new QLabel(tr("Drag from a vertex to another to add an edge · Insert: add vertex · "
                               "Delete: remove · 1/2/3: conv3x3/conv1x1/maxpool"),
                            this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(view_, 1);
    layout->addWidget(validity_);
    layout->addWidget(hint);
    connect(doc_, &CellDocument::cellChanged, this, &CellEditor::updateValidity);
    updateValidity();
}

QString CellEditor::validityText() const { return validity_->text(); }

void CellEditor::updateValidity()
{
    const CellValidation check = validateCell(doc_->cell());
    if (check.ok()) {
        validity_->setText(tr("Valid cell"));
        validity_->setStyleSheet(QStringLiteral("color: #1a7f37;"));
    } else {
        validity_->setText(tr("Invalid: %1").arg(cellValidationText(check)));
        validity_->setStyleSheet(QStringLiteral("color: #c81e1e;"));
    }
}

} // namespace archscope
