// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "export/NetworkExport.h"

#include <QDialog>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace archscope {

// File ▸ Export Network: the edited cell's network as an ONNX model or a PyTorch script, with fresh
// weights at a chosen size (NAS-Bench-101's by default) or the weights of one of the cell's Train This
// Cell runs (`checkpoints`, newest first), written to the file named in the dialog.
class ExportNetworkDialog : public QDialog {
    Q_OBJECT
public:
    ExportNetworkDialog(const Cell& cell, const QStringList& checkpoints, QWidget* parent = nullptr);
    NetworkExportRequest request() const;

private:
    void chooseFile();
    void update();

    Cell cell_;
    QComboBox* format_;
    QComboBox* weights_;
    QComboBox* input_;
    QSpinBox* stem_;
    QSpinBox* stacks_;
    QSpinBox* modules_;
    QLabel* sizeNote_;
    QLineEdit* out_;
    QDialogButtonBox* buttons_;
};

} // namespace archscope
