// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "network/NetworkTraining.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace archscope {

// The settings of a run that trains the edited cell's own network (Model ▸ Train This Cell): the image
// task and its folder, the network's size, epochs and how many images it trains and is scored on. The
// defaults are a quick CPU run (about a minute on two cores); the last settings accepted are remembered.
class TrainNetDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrainNetDialog(QWidget* parent = nullptr);
    NetTrainingConfig config() const;
    void accept() override;

private:
    void chooseFolder();
    void updateOk();
    void restoreSettings();
    void saveSettings() const;

    QComboBox* task_;
    QLineEdit* taskDir_;
    QSpinBox* stem_;
    QSpinBox* stacks_;
    QSpinBox* modules_;
    QSpinBox* epochs_;
    QSpinBox* trainImages_;
    QSpinBox* evalImages_;
    QComboBox* device_;
    QDialogButtonBox* buttons_;
};

} // namespace archscope
