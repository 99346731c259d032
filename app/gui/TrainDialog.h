#pragma once

#include "train/TrainingTypes.h"

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace archscope {

// The settings of a predictor training run, with the GUI's defaults: sizes that train in minutes on
// a laptop CPU rather than the CLI's full-length run.
class TrainDialog : public QDialog {
    Q_OBJECT
public:
    explicit TrainDialog(QWidget* parent = nullptr);
    TrainingConfig config() const;

private:
    QSpinBox* trainSize_;
    QSpinBox* valSize_;
    QSpinBox* epochs_;
    QSpinBox* batchSize_;
    QSpinBox* ensemble_;
    QSpinBox* nodeDim_;
    QSpinBox* graphDim_;
    QSpinBox* seed_;
    QComboBox* sampler_;
    QComboBox* device_;
};

} // namespace archscope
