// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TrainNetDialog.h"
#include "SettingFields.h"

#include "files/FileDialogs.h"
#include "runtime/Runtime.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace archscope {

namespace {

const QString kGroup = QStringLiteral("trainNet");
const QString kFolderKind = QStringLiteral("imageData");

void selectData(QComboBox* combo, const QVariant& value)
{
    const int i = combo->findData(value);
    if (i >= 0)
        combo->setCurrentIndex(i);
}

} // namespace

TrainNetDialog::TrainNetDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Train This Cell"));
    setObjectName(QStringLiteral("trainNetDialog"));
    const auto spin = [this](int lo, int hi, int value, const QString& name, const QString& tip) {
        return settingSpinBox(this, lo, hi, value, name, tip);
    };
    task_ = new QComboBox(this);
    task_->setObjectName(QStringLiteral("taskCombo"));
    task_->setToolTip(tr("The image classification task the cell's network learns"));
    task_->addItem(tr("Fashion-MNIST"), QStringLiteral("fashion-mnist"));
    task_->addItem(tr("CIFAR-10"), QStringLiteral("cifar10"));
    taskDir_ = new QLineEdit(this);
    taskDir_->setObjectName(QStringLiteral("taskDirEdit"));
    taskDir_->setToolTip(tr("Folder of the task's files: Fashion-MNIST's four IDX files (train-images-idx3-ubyte "
                            "…, gzip-compressed or not) or CIFAR-10's binary batches (data_batch_1.bin … "
                            "test_batch.bin)"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("taskDirButton"));
    connect(browse, &QPushButton::clicked, this, &TrainNetDialog::chooseFolder);
    // The CLI's quick CPU setting: a small network on a tenth of the images, about a minute on two cores.
    stem_ = spin(1, 512, 16, QStringLiteral("stemSpin"), tr("Channels of the stem convolution; each stack doubles them"));
    stacks_ = spin(1, 5, 3, QStringLiteral("stacksSpin"), tr("Stacks of modules, with a downsampling between two stacks"));
    modules_ = spin(1, 9, 1, QStringLiteral("modulesSpin"), tr("Copies of the cell in each stack"));
    epochs_ = spin(1, 1000, 4, QStringLiteral("epochsSpin"), tr("Passes over the training images"));
    trainImages_ = spin(0, 1000000, 5000, QStringLiteral("trainImagesSpin"),
                        tr("Train on the first this many training images (all: every one)"));
    evalImages_ = spin(0, 1000000, 2000, QStringLiteral("evalImagesSpin"),
                       tr("Validation and test images scored after each epoch (all: every one)"));
    for (QSpinBox* s : {trainImages_, evalImages_})
        s->setSpecialValueText(tr("all"));
    device_ = new QComboBox(this);
    device_->setObjectName(QStringLiteral("deviceCombo"));
    device_->setToolTip(tr("Where the training runs"));
    device_->addItem(tr("Automatic"), QStringLiteral("auto"));
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    // Offered only where this LibTorch can use a GPU.
    if (cudaAvailable())
        device_->addItem(tr("CUDA"), QStringLiteral("cuda"));

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->setObjectName(QStringLiteral("trainNetButtons"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &TrainNetDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(taskDir_, 1);
    folderRow->addWidget(browse);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Task:"), task_);
    form->addRow(tr("Folder:"), folderRow);
    form->addRow(tr("Stem channels:"), stem_);
    form->addRow(tr("Stacks:"), stacks_);
    form->addRow(tr("Modules per stack:"), modules_);
    form->addRow(tr("Epochs:"), epochs_);
    form->addRow(tr("Training images:"), trainImages_);
    form->addRow(tr("Evaluation images:"), evalImages_);
    form->addRow(tr("Device:"), device_);
    form->addRow(buttons_);

    connect(task_, &QComboBox::currentIndexChanged, this, &TrainNetDialog::updateOk);
    connect(taskDir_, &QLineEdit::textChanged, this, &TrainNetDialog::updateOk);
    restoreSettings();
    updateOk();
}

void TrainNetDialog::updateOk()
{
    // Debian installs Fashion-MNIST in a known place; CIFAR-10 has none.
    const bool cifar = task_->currentData() == QStringLiteral("cifar10");
    taskDir_->setPlaceholderText(cifar ? tr("required: the folder of data_batch_1.bin …")
                                       : tr("Debian's dataset-fashion-mnist"));
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(!cifar || !taskDir_->text().trimmed().isEmpty());
}

void TrainNetDialog::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of the Task's Files"),
                                                          taskDir_->text().isEmpty() ? dialogStartDir(kFolderKind)
                                                                                     : taskDir_->text());
    if (dir.isEmpty())
        return;
    rememberDialogDir(kFolderKind, dir);
    taskDir_->setText(dir);
}

NetTrainingConfig TrainNetDialog::config() const
{
    NetTrainingConfig c;
    c.task = task_->currentData().toString().toStdString();
    c.taskDir = taskDir_->text().trimmed().toStdString();
    c.network.stemChannels = stem_->value();
    c.network.numStacks = stacks_->value();
    c.network.cellsPerStack = modules_->value();
    c.epochs = epochs_->value();
    c.trainImages = trainImages_->value();
    c.evalImages = evalImages_->value();
    c.device = device_->currentData().toString().toStdString();
    return c;
}

void TrainNetDialog::accept()
{
    saveSettings();
    QDialog::accept();
}

void TrainNetDialog::restoreSettings()
{
    QSettings s;
    s.beginGroup(kGroup);
    selectData(task_, s.value(QStringLiteral("task")));
    taskDir_->setText(s.value(QStringLiteral("taskDir")).toString());
    for (QSpinBox* spin : findChildren<QSpinBox*>())
        spin->setValue(s.value(spin->objectName(), spin->value()).toInt());
    selectData(device_, s.value(QStringLiteral("device")));
}

void TrainNetDialog::saveSettings() const
{
    QSettings s;
    s.beginGroup(kGroup);
    s.setValue(QStringLiteral("task"), task_->currentData());
    s.setValue(QStringLiteral("taskDir"), taskDir_->text().trimmed());
    for (const QSpinBox* spin : findChildren<QSpinBox*>())
        s.setValue(spin->objectName(), spin->value());
    s.setValue(QStringLiteral("device"), device_->currentData());
}

} // namespace archscope
