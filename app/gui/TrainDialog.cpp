#include "TrainDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>

namespace archscope {

TrainDialog::TrainDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Train Predictor"));
    setObjectName(QStringLiteral("trainDialog"));
    const auto spin = [this](int lo, int hi, int value, const QString& name) {
        auto* s = new QSpinBox(this);
        s->setRange(lo, hi);
        s->setValue(value);
        s->setObjectName(name);
        s->setGroupSeparatorShown(true);
        return s;
    };
    trainSize_ = spin(10, 400000, 1000, QStringLiteral("trainSizeSpin"));
    valSize_ = spin(10, 100000, 500, QStringLiteral("valSizeSpin"));
    epochs_ = spin(1, 1000, 40, QStringLiteral("epochsSpin"));
    batchSize_ = spin(1, 4096, 64, QStringLiteral("batchSizeSpin"));
    // One member keeps an interactive run short; the CLI's default of three is the better predictor.
    ensemble_ = spin(1, 10, 1, QStringLiteral("ensembleSpin"));
    ensemble_->setToolTip(tr("Members trained one after another; their predictions are averaged"));
    nodeDim_ = spin(4, 512, 64, QStringLiteral("nodeDimSpin"));
    graphDim_ = spin(4, 256, 32, QStringLiteral("graphDimSpin"));
    seed_ = spin(0, 1000000, 0, QStringLiteral("seedSpin"));
    sampler_ = new QComboBox(this);
    sampler_->setObjectName(QStringLiteral("samplerCombo"));
    sampler_->addItem(tr("Random"), QStringLiteral("random"));
    sampler_->addItem(tr("Even (grid)"), QStringLiteral("even"));
    sampler_->addItem(tr("Edit distance"), QStringLiteral("edit"));
    device_ = new QComboBox(this);
    device_->setObjectName(QStringLiteral("deviceCombo"));
    device_->addItem(tr("Automatic"), QStringLiteral("auto"));
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    device_->addItem(tr("CUDA"), QStringLiteral("cuda"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Training cells:"), trainSize_);
    form->addRow(tr("Validation cells:"), valSize_);
    form->addRow(tr("Sampler:"), sampler_);
    form->addRow(tr("Epochs:"), epochs_);
    form->addRow(tr("Batch size:"), batchSize_);
    form->addRow(tr("Ensemble members:"), ensemble_);
    form->addRow(tr("Node dimension:"), nodeDim_);
    form->addRow(tr("Graph dimension:"), graphDim_);
    form->addRow(tr("Seed:"), seed_);
    form->addRow(tr("Device:"), device_);
    form->addRow(buttons);
}

TrainingConfig TrainDialog::config() const
{
    TrainingConfig c;
    c.trainSize = std::size_t(trainSize_->value());
    c.valSize = std::size_t(valSize_->value());
    c.sampler = sampler_->currentData().toString().toStdString();
    c.epochs = epochs_->value();
    c.batchSize = batchSize_->value();
    c.ensemble = ensemble_->value();
    c.nodeDim = nodeDim_->value();
    c.graphDim = graphDim_->value();
    c.seed = std::uint64_t(seed_->value());
    c.device = device_->currentData().toString().toStdString();
    return c;
}

} // namespace archscope
