// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ExportNetworkDialog.h"
#include "SettingFields.h"

#include "cell/ModuleHash.h"
#include "files/FileDialogs.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>

#include <initializer_list>

namespace archscope {

namespace {

const QString kKind = QStringLiteral("networks");

QString formatFilter(const QString& format)
{
    return format == QLatin1String("onnx") ? ExportNetworkDialog::tr("ONNX models (*.onnx)")
                                           : ExportNetworkDialog::tr("Python scripts (*.py)");
}

} // namespace

ExportNetworkDialog::ExportNetworkDialog(const Cell& cell, const QStringList& checkpoints, QWidget* parent)
    : QDialog(parent), cell_(cell)
{
    setWindowTitle(tr("Export Network"));
    setObjectName(QStringLiteral("exportNetworkDialog"));
    format_ = new QComboBox(this);
    format_->setObjectName(QStringLiteral("exportFormatCombo"));
    format_->setToolTip(tr("ONNX runs in any ONNX runtime; the PyTorch script needs only torch"));
    format_->addItem(tr("ONNX model"), QStringLiteral("onnx"));
    format_->addItem(tr("PyTorch script"), QStringLiteral("pytorch"));
    if (!onnxExportAvailable()) {
        // This build has no ONNX writer: the entry stays, greyed, so the user learns why.
        auto* items = qobject_cast<QStandardItemModel*>(format_->model());
        items->item(0)->setEnabled(false);
        items->item(0)->setToolTip(tr("This build of ArchScope was made without libonnx-dev"));
        format_->setCurrentIndex(1);
    }

    weights_ = new QComboBox(this);
    weights_->setObjectName(QStringLiteral("exportWeightsCombo"));
    weights_->setToolTip(tr("Fresh weights, initialised as NAS-Bench-101 initialises them, or the trained weights "
                            "and batch-norm statistics of one of this cell's Train This Cell runs"));
    weights_->addItem(tr("Fresh (NAS-Bench-101's initialisation)"), QString());
    const QLocale locale;
    for (const QString& path : checkpoints)
        weights_->addItem(tr("Trained, run of %1").arg(locale.toString(QFileInfo(path).lastModified(), QLocale::ShortFormat)), path);

    input_ = new QComboBox(this);
    input_->setObjectName(QStringLiteral("exportInputCombo"));
    input_->setToolTip(tr("The images the network takes"));
    input_->addItem(tr("CIFAR-10, 3 × 32 × 32"), QStringLiteral("cifar10"));
    input_->addItem(tr("Fashion-MNIST, 1 × 28 × 28"), QStringLiteral("fashion-mnist"));
    const auto spin = [this](int lo, int hi, int value, const QString& name, const QString& tip) {
        return settingSpinBox(this, lo, hi, value, name, tip);
    };
    // NAS-Bench-101's own network by default.
    stem_ = spin(1, 512, 128, QStringLiteral("exportStemSpin"), tr("Channels of the stem convolution; each stack doubles them"));
    stacks_ = spin(1, 5, 3, QStringLiteral("exportStacksSpin"), tr("Stacks of modules, with a downsampling between two stacks"));
    modules_ = spin(1, 9, 3, QStringLiteral("exportModulesSpin"), tr("Copies of the cell in each stack"));
    sizeNote_ = new QLabel(this);
    sizeNote_->setObjectName(QStringLiteral("exportSizeNote"));
    sizeNote_->setWordWrap(true);

    out_ = new QLineEdit(this);
    out_->setObjectName(QStringLiteral("exportFileEdit"));
    out_->setToolTip(tr("The file to write"));
    out_->setMinimumWidth(out_->fontMetrics().averageCharWidth() * 48); // a whole path, not its end
    out_->setText(QDir(dialogStartDir(kKind))
                      .filePath(QStringLiteral("cell-") + QString::fromStdString(moduleHash(canonicalCell(cell)).hex()).left(8)
                                + QStringLiteral(".onnx")));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("exportFileButton"));
    connect(browse, &QPushButton::clicked, this, &ExportNetworkDialog::chooseFile);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(out_, 1);
    fileRow->addWidget(browse);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->setObjectName(QStringLiteral("exportNetworkButtons"));
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Format:"), format_);
    form->addRow(tr("Weights:"), weights_);
    form->addRow(tr("Input:"), input_);
    form->addRow(tr("Stem channels:"), stem_);
    form->addRow(tr("Stacks:"), stacks_);
    form->addRow(tr("Modules per stack:"), modules_);
    form->addRow(sizeNote_);
    form->addRow(tr("File:"), fileRow);
    form->addRow(buttons_);

    connect(format_, &QComboBox::currentIndexChanged, this, &ExportNetworkDialog::update);
    connect(weights_, &QComboBox::currentIndexChanged, this, &ExportNetworkDialog::update);
    connect(out_, &QLineEdit::textChanged, this, &ExportNetworkDialog::update);
    update();
}

void ExportNetworkDialog::update()
{
    // A trained network has the size and input it was trained with.
    const bool trained = !weights_->currentData().toString().isEmpty();
    for (QWidget* w : std::initializer_list<QWidget*>{input_, stem_, stacks_, modules_})
        w->setEnabled(!trained);
    sizeNote_->setText(trained ? tr("The trained network keeps the input and size it was trained with.")
                               : tr("Stem 128 with 3 stacks of 3 modules is NAS-Bench-101's network."));
    // The file's suffix follows the format.
    const QString suffix = format_->currentData() == QLatin1String("onnx") ? QStringLiteral(".onnx") : QStringLiteral(".py");
    const QString path = out_->text();
    const QFileInfo info(path);
    if (!path.isEmpty() && (info.suffix() == QLatin1String("onnx") || info.suffix() == QLatin1String("py"))
        && !path.endsWith(suffix)) {
        const QSignalBlocker block(out_);
        out_->setText(path.left(path.size() - info.suffix().size() - 1) + suffix);
    }
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(!out_->text().trimmed().isEmpty());
}

void ExportNetworkDialog::chooseFile()
{
    const QString format = format_->currentData().toString();
    const QString path = askSaveFileName(this, tr("Export Network"), kKind, formatFilter(format), out_->text());
    if (!path.isEmpty())
        out_->setText(path);
}

NetworkExportRequest ExportNetworkDialog::request() const
{
    NetworkExportRequest r;
    r.cell = cell_;
    r.format = parseExportFormat(format_->currentData().toString().toStdString());
    r.weightsPath = QFile::encodeName(weights_->currentData().toString()).toStdString();
    r.task = input_->currentData().toString().toStdString();
    r.network.stemChannels = stem_->value();
    r.network.numStacks = stacks_->value();
    r.network.cellsPerStack = modules_->value();
    r.outPath = QFile::encodeName(out_->text().trimmed()).toStdString();
    return r;
}

} // namespace archscope
