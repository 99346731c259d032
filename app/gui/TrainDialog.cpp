// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TrainDialog.h"
#include "SettingFields.h"

#include "registry/PredictorRegistry.h"
#include "runtime/Runtime.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QScopedValueRollback>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>

#include <algorithm>

namespace archscope {

namespace {

enum Preset { Quick, Full };

const QString kGroup = QStringLiteral("train");

const PredictorKind& kindOf(const QComboBox* combo) { return predictorKind(combo->currentData().toString().toStdString()); }

void selectData(QComboBox* combo, const QVariant& value)
{
    const int i = combo->findData(value);
    if (i >= 0)
        combo->setCurrentIndex(i);
}

} // namespace

TrainDialog::TrainDialog(const QString& latentModelPath, QWidget* parent)
    : QDialog(parent), latentModelPath_(latentModelPath)
{
    setWindowTitle(tr("Train Predictor"));
    setObjectName(QStringLiteral("trainDialog"));
    const auto spin = [this](int lo, int hi, const QString& name, const QString& tip) {
        return settingSpinBox(this, lo, hi, lo, name, tip);
    };
    kind_ = new QComboBox(this);
    kind_->setObjectName(QStringLiteral("kindCombo"));
    kind_->setToolTip(tr("Which predictor to train"));
    for (const PredictorKind& k : predictorKinds()) {
        kind_->addItem(QString::fromStdString(k.displayName), QString::fromStdString(k.id));
        if (k.takesLatentCode && latentModelPath_.isEmpty())
            qobject_cast<QStandardItemModel*>(kind_->model())->item(kind_->count() - 1)->setEnabled(false);
    }
    kindNote_ = new QLabel(this);
    kindNote_->setObjectName(QStringLiteral("kindNote"));
    kindNote_->setWordWrap(true);
    preset_ = new QComboBox(this);
    preset_->setObjectName(QStringLiteral("presetCombo"));
    preset_->addItem(tr("Quick (one member, fewer epochs)"), Quick);
    preset_->addItem(tr("Full (as archscope-cli train)"), Full);
    preset_->setToolTip(tr("Fills in the fields below; both train a working predictor"));
    trainSize_ = spin(10, 400000, QStringLiteral("trainSizeSpin"), tr("Cells the predictor learns from"));
    valSize_ = spin(10, 100000, QStringLiteral("valSizeSpin"),
                    tr("Cells held out to choose each member's best epoch and to draw the correlation plot"));
    pretrainingEpochs_ = spin(0, 100, QStringLiteral("pretrainingEpochsSpin"),
                              tr("Passes over the dataset's cells in which the encoder learns what a cell's structure "
                                 "alone tells (its network's size and cost, depth, op counts), before it sees an "
                                 "accuracy; 0: none"));
    epochs_ = spin(1, 1000, QStringLiteral("epochsSpin"), tr("Passes over the training cells, per ensemble member"));
    batchSize_ = spin(1, 4096, QStringLiteral("batchSizeSpin"), tr("Cells per optimisation step"));
    ensemble_ = spin(1, 10, QStringLiteral("ensembleSpin"),
                     tr("Members trained one after another; their predictions are averaged"));
    nodeDim_ = spin(4, 512, QStringLiteral("nodeDimSpin"), tr("Size of each vertex's state in message passing"));
    graphDim_ = spin(8, 256, QStringLiteral("graphDimSpin"), tr("Size of the cell's embedding that the regressor reads"));
    seed_ = spin(0, 1000000, QStringLiteral("seedSpin"), tr("Seed of the split, the initialisation and the batches"));
    sampler_ = new QComboBox(this);
    sampler_->setObjectName(QStringLiteral("samplerCombo"));
    sampler_->setToolTip(tr("How the training cells are drawn from the dataset"));
    sampler_->addItem(tr("Random"), QStringLiteral("random"));
    sampler_->addItem(tr("Even (grid)"), QStringLiteral("even"));
    sampler_->addItem(tr("Edit distance"), QStringLiteral("edit"));
    device_ = new QComboBox(this);
    device_->setObjectName(QStringLiteral("deviceCombo"));
    device_->setToolTip(tr("Where the training runs"));
    device_->addItem(tr("Automatic"), QStringLiteral("auto"));
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    // Offered only where this LibTorch can use a GPU.
    if (cudaAvailable())
        device_->addItem(tr("CUDA"), QStringLiteral("cuda"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &TrainDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Predictor:"), kind_);
    form->addRow(QString(), kindNote_);
    form->addRow(tr("Preset:"), preset_);
    form->addRow(tr("Training cells:"), trainSize_);
    form->addRow(tr("Validation cells:"), valSize_);
    form->addRow(tr("Sampler:"), sampler_);
    form->addRow(tr("Label-free pre-training epochs:"), pretrainingEpochs_);
    form->addRow(tr("Epochs:"), epochs_);
    form->addRow(tr("Batch size:"), batchSize_);
    form->addRow(tr("Ensemble members:"), ensemble_);
    form->addRow(tr("Node dimension:"), nodeDim_);
    form->addRow(tr("Graph dimension:"), graphDim_);
    form->addRow(tr("Seed:"), seed_);
    form->addRow(tr("Device:"), device_);
    form->addRow(buttons);

    const auto kindChanged = [this] {
        const bool latent = kindOf(kind_).takesLatentCode;
        // The VS-GAE fixes the sizes of the network whose code the predictor reads.
        nodeDim_->setEnabled(!latent);
        graphDim_->setEnabled(!latent);
        pretrainingEpochs_->setEnabled(kindOf(kind_).defaults.pretrainingEpochs > 0);
        kindNote_->setText(latent ? tr("Reads the latent code of %1").arg(QFileInfo(latentModelPath_).fileName())
                                  : QString::fromStdString(kindOf(kind_).description));
    };
    connect(kind_, &QComboBox::currentIndexChanged, this, kindChanged);
    connect(kind_, &QComboBox::currentIndexChanged, this, &TrainDialog::applyPreset);
    connect(preset_, &QComboBox::currentIndexChanged, this, &TrainDialog::applyPreset);
    for (QSpinBox* size : {trainSize_, valSize_, batchSize_})
        connect(size, &QSpinBox::valueChanged, this, &TrainDialog::fitToSize);
    applyPreset();
    kindChanged();
    restoreSettings();
}

void TrainDialog::applyPreset()
{
    const PredictorKind& kind = kindOf(kind_);
    const TrainingConfig c = preset_->currentData().toInt() == Quick ? kind.quick : kind.defaults;
    trainSize_->setValue(int(c.trainSize));
    valSize_->setValue(int(c.valSize));
    pretrainingEpochs_->setValue(std::max(c.pretrainingEpochs, 0));
    epochs_->setValue(c.epochs);
    batchSize_->setValue(c.batchSize);
    ensemble_->setValue(c.ensemble);
    nodeDim_->setValue(c.nodeDim);
    graphDim_->setValue(c.graphDim);
    seed_->setValue(int(c.seed));
    selectData(sampler_, QString::fromStdString(c.sampler));
    fitToSize();
}

void TrainDialog::fitToSize()
{
    const PredictorKind& kind = kindOf(kind_);
    if (restoring_ || !kind.fitToSize || preset_->currentData().toInt() == Quick)
        return;
    TrainingConfig c = kind.defaults;
    c.trainSize = std::size_t(trainSize_->value());
    c.valSize = std::size_t(valSize_->value());
    c.batchSize = batchSize_->value();
    c.epochs = 0;
    c.ensemble = 0;
    kind.fitToSize(c);
    epochs_->setValue(c.epochs > 0 ? c.epochs : kind.defaults.epochs);
    ensemble_->setValue(c.ensemble > 0 ? c.ensemble : kind.defaults.ensemble);
}

TrainingConfig TrainDialog::config() const
{
    const PredictorKind& kind = kindOf(kind_);
    TrainingConfig c = preset_->currentData().toInt() == Quick ? kind.quick : kind.defaults;
    if (kind.takesLatentCode)
        c.latentModelPath = latentModelPath_.toStdString();
    c.trainSize = std::size_t(trainSize_->value());
    c.valSize = std::size_t(valSize_->value());
    c.sampler = sampler_->currentData().toString().toStdString();
    if (pretrainingEpochs_->isEnabled())
        c.pretrainingEpochs = pretrainingEpochs_->value();
    c.epochs = epochs_->value();
    c.batchSize = batchSize_->value();
    c.ensemble = ensemble_->value();
    c.nodeDim = nodeDim_->value();
    c.graphDim = graphDim_->value();
    c.seed = std::uint64_t(seed_->value());
    c.device = device_->currentData().toString().toStdString();
    return c;
}

void TrainDialog::accept()
{
    saveSettings();
    QDialog::accept();
}

void TrainDialog::restoreSettings()
{
    QSettings s;
    s.beginGroup(kGroup);
    if (!s.contains(QStringLiteral("kind")))
        return;
    const QScopedValueRollback<bool> restoring(restoring_, true);
    const int kind = kind_->findData(s.value(QStringLiteral("kind")));
    if (kind >= 0 && qobject_cast<QStandardItemModel*>(kind_->model())->item(kind)->isEnabled())
        kind_->setCurrentIndex(kind);
    selectData(preset_, s.value(QStringLiteral("preset")));
    for (QSpinBox* spin : findChildren<QSpinBox*>())
        spin->setValue(s.value(spin->objectName(), spin->value()).toInt());
    selectData(sampler_, s.value(QStringLiteral("sampler")));
    selectData(device_, s.value(QStringLiteral("device")));
}

void TrainDialog::saveSettings() const
{
    QSettings s;
    s.beginGroup(kGroup);
    s.setValue(QStringLiteral("kind"), kind_->currentData());
    s.setValue(QStringLiteral("preset"), preset_->currentData());
    for (const QSpinBox* spin : findChildren<QSpinBox*>())
        s.setValue(spin->objectName(), spin->value());
    s.setValue(QStringLiteral("sampler"), sampler_->currentData());
    s.setValue(QStringLiteral("device"), device_->currentData());
}

} // namespace archscope
