// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "train/TrainingTypes.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QSpinBox;

namespace archscope {

// The settings of a predictor training run. The kinds, their defaults and the quick preset come from
// the predictor registry (the CLI reads the same); the last settings accepted are remembered.
class TrainDialog : public QDialog {
    Q_OBJECT
public:
    // `latentModelPath`: the VS-GAE that kinds reading a latent code would read; "" when none is
    // open, which leaves those kinds disabled.
    explicit TrainDialog(const QString& latentModelPath, QWidget* parent = nullptr);
    TrainingConfig config() const;
    void accept() override;

private:
    void applyPreset();
    // The full preset's epochs and members for the training size chosen (PredictorKind::fitToSize).
    void fitToSize();
    void restoreSettings();
    void saveSettings() const;

    QString latentModelPath_;
    QComboBox* kind_;
    QComboBox* preset_;
    QLabel* kindNote_;
    QSpinBox* trainSize_;
    QSpinBox* valSize_;
    QSpinBox* pretrainingEpochs_;
    QSpinBox* epochs_;
    QSpinBox* batchSize_;
    QSpinBox* ensemble_;
    QSpinBox* nodeDim_;
    QSpinBox* graphDim_;
    QSpinBox* seed_;
    QComboBox* sampler_;
    QComboBox* device_;
    bool restoring_ = false; // restored settings are the user's: not refitted
};

} // namespace archscope
