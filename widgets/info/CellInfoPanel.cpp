// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "info/CellInfoPanel.h"
#include "text/ModelNameText.h"

#include "registry/PredictorRegistry.h"

#include "cell/ModuleHash.h"
#include "cell/NetworkParams.h"
#include "editor/CellDocument.h"
#include "info/MeasuredNetworks.h"
#include "info/PredictionService.h"
#include "labelfree/LabelFreeScore.h"
#include "text/CellValidationText.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace archscope {
namespace {

QString percent(double fraction)
{
    return std::isfinite(fraction) ? QLocale().toString(100.0 * fraction, 'f', 2) + QStringLiteral(" %")
                                   : QCoreApplication::translate("archscope::CellInfoPanel", "n/a");
}

QString opsText(const Cell& cell)
{
    QStringList names;
    for (Op op : cell.ops())
        names << QString::fromUtf8(opName(op).data(), int(opName(op).size()));
    return names.join(QStringLiteral(", "));
}

QString adjacencyText(const Cell& cell)
{
    QStringList rows;
    for (const auto& row : cell.adjacency()) {
        QString r;
        for (int bit : row)
            r += bit ? QLatin1Char('1') : QLatin1Char('0');
        rows << r;
    }
    return rows.join(QLatin1Char('\n'));
}

} // namespace

CellInfoPanel::CellInfoPanel(CellDocument* doc, PredictionService* predictions, QWidget* parent)
    : QWidget(parent), doc_(doc), predictions_(predictions), validity_(new QLabel(this)), ops_(new QLabel(this)),
      adjacency_(new QLabel(this)), hash_(new QLabel(this)), copyHash_(new QToolButton(this)),
      params_(new QLabel(this)), measuredLabel_(new QLabel(this)), labelFree_(new QLabel(this)),
      labelFreeJob_(QStringLiteral("label-free score"), JobRunner::Policy::LatestWins), predictionTable_(new QTableWidget(0, 4, this)), latency_(new QLabel(this))
{
    setObjectName(QStringLiteral("cellInfoPanel"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    validity_->setObjectName(QStringLiteral("validityLabel"));
    validity_->setWordWrap(true);
    ops_->setObjectName(QStringLiteral("prunedOpsLabel"));
    ops_->setWordWrap(true);
    adjacency_->setObjectName(QStringLiteral("adjacencyLabel"));
    adjacency_->setFont(mono);
    hash_->setObjectName(QStringLiteral("hashLabel"));
    hash_->setFont(mono);
    hash_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    copyHash_->setObjectName(QStringLiteral("copyHashButton"));
    copyHash_->setText(tr("Copy"));
    copyHash_->setToolTip(tr("Copy the NAS-Bench-101 hash to the clipboard"));
    connect(copyHash_, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(hash_->text()); });
    params_->setObjectName(QStringLiteral("paramsLabel"));
    measuredLabel_->setObjectName(QStringLiteral("measuredLabel"));
    measuredLabel_->setWordWrap(true);
    measuredLabel_->setToolTip(tr("Test and validation accuracy of this cell's own network, trained here with "
                                  "Model ▸ Train This Cell"));
    labelFree_->setObjectName(QStringLiteral("labelFreeLabel"));
    labelFree_->setWordWrap(true);
    labelFree_->setToolTip(tr("Label-free scores of the cell: zero-cost proxies of its network at initialisation or "
                              "the GHN's score, no labels and no training (docs/ZERO-COST.md), and where each stands "
                              "among the dataset's cells: the percentage of them that score lower. Choose them in "
                              "Model ▸ Label-Free Score Columns."));
    latency_->setObjectName(QStringLiteral("latencyLabel"));
    latency_->setEnabled(false);

    auto* hashRow = new QHBoxLayout;
    hashRow->addWidget(hash_, 1);
    hashRow->addWidget(copyHash_);
    auto* form = new QFormLayout;
    // In a narrow dock a wide field (the hash, the op list) goes under its label instead of past the edge.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("Validity:"), validity_);
    form->addRow(tr("Pruned ops:"), ops_);
    form->addRow(tr("Adjacency:"), adjacency_);
    form->addRow(tr("Hash:"), hashRow);
    form->addRow(tr("Parameters:"), params_);
    for (int b = 0; b < kNumBudgets; ++b) {
        accuracy_[b] = new QLabel(this);
        accuracy_[b]->setObjectName(QStringLiteral("accuracy%1Label").arg(kBudgetEpochs[b]));
        form->addRow(tr("Accuracy at %1 epochs:").arg(kBudgetEpochs[b]), accuracy_[b]);
    }
    form->addRow(tr("Measured here:"), measuredLabel_);
    form->addRow(tr("Label-free scores:"), labelFree_);

    predictionTable_->setObjectName(QStringLiteral("predictionTable"));
    predictionTable_->setTabKeyNavigation(false); // Tab leaves the table rather than walking its cells
    predictionTable_->setHorizontalHeaderLabels({tr("Predictor"), tr("Budget"), tr("Predicted"), tr("90% interval")});
    predictionTable_->horizontalHeaderItem(3)->setToolTip(
        tr("Holds about 90% of the accuracies of cells the model never saw: calibrated on labelled cells it did not "
           "train on (CV+). Models trained before intervals existed have none."));
    // The predictor's name takes what the figures leave, wrapping; the figures are never cut, and the
    // table asks its panel for the width they need rather than scrolling sideways (fitPredictionTable).
    predictionTable_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        predictionTable_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    predictionTable_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    predictionTable_->setWordWrap(true);
    predictionTable_->setTextElideMode(Qt::ElideNone);
    // A wrapped name needs its rows re-fitted whenever the name column's width changes.
    connect(predictionTable_->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int column) {
        if (column == 0)
            fitPredictionTable();
    });
    predictionTable_->verticalHeader()->hide();
    predictionTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    predictionTable_->setSelectionMode(QAbstractItemView::NoSelection);

    // The predictions first, where the panel opens: they are what an edit is for. The benchmark's own
    // figures follow.
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Predictions:"), this));
    layout->addWidget(predictionTable_);
    layout->addWidget(latency_);
    layout->addLayout(form);
    // Spare height stays below the figures instead of opening a gap inside the prediction table.
    layout->addStretch(1);

    connect(doc_, &CellDocument::cellChanged, this, &CellInfoPanel::refresh);
    connect(predictions_, &PredictionService::predicted, this, &CellInfoPanel::showPredictions);
    connect(predictions_, &PredictionService::predictorsChanged, this, &CellInfoPanel::refresh);
    refresh();
}

void CellInfoPanel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    dataset_ = std::move(dataset);
    refresh();
}

void CellInfoPanel::setMeasured(const MeasuredNetworks* measured)
{
    if (measured_)
        disconnect(measured_, nullptr, this, nullptr);
    measured_ = measured;
    if (measured_)
        connect(measured_, &MeasuredNetworks::changed, this, &CellInfoPanel::showMeasured);
    showMeasured();
}

void CellInfoPanel::setLabelFreeScores(const std::vector<std::shared_ptr<const LabelFreeScore>>& scores)
{
    std::vector<LabelFreeRow> rows;
    for (const std::shared_ptr<const LabelFreeScore>& score : scores) {
        const auto kept = std::find_if(labelFreeRows_.begin(), labelFreeRows_.end(),
                                       [&score](const LabelFreeRow& r) { return r.score && r.score->key() == score->key(); });
        rows.push_back(kept != labelFreeRows_.end() ? std::move(*kept) : LabelFreeRow{score, {}, {}, {}});
    }
    labelFreeRows_ = std::move(rows);
    const CellValidation check = validateCell(doc_->cell());
    computeLabelFreeScores(check.ok() ? std::optional<Cell>(pruneCell(doc_->cell())) : std::nullopt);
}

void CellInfoPanel::setLabelFreeDistribution(const QString& name, std::vector<double> datasetValues)
{
    for (LabelFreeRow& row : labelFreeRows_)
        if (row.score->name() == name) {
            row.datasetValues = std::move(datasetValues);
            std::sort(row.datasetValues.begin(), row.datasetValues.end());
            showLabelFreeScores();
            return;
        }
}

void CellInfoPanel::showLabelFreeScores()
{
    if (labelFreeRows_.empty()) {
        labelFree_->setText(tr("none chosen"));
        return;
    }
    if (!labelFreeApplies_) {
        labelFree_->setText(tr("n/a"));
        return;
    }
    const QLocale locale;
    QStringList lines;
    for (const LabelFreeRow& row : labelFreeRows_) {
        const QString name = row.score->name();
        if (!row.error.isEmpty())
            lines.append(tr("%1 could not be computed: %2").arg(name, row.error));
        else if (!row.value)
            lines.append(tr("%1: …").arg(name));
        else if (row.datasetValues.empty())
            lines.append(tr("%1 %2").arg(name, locale.toString(*row.value, 'g', 6)));
        else
            lines.append(tr("%1 %2, above %3 % of the dataset's %4 scored cells")
                             .arg(name, locale.toString(*row.value, 'g', 6),
                                  locale.toString(percentileAmong(row.datasetValues, *row.value), 'f', 1),
                                  locale.toString(qulonglong(row.datasetValues.size()))));
    }
    labelFree_->setText(lines.join(QLatin1Char('\n')));
}

void CellInfoPanel::forgetLabelFreeValues()
{
    for (LabelFreeRow& row : labelFreeRows_) {
        row.value.reset();
        row.error.clear();
    }
}

void CellInfoPanel::computeLabelFreeScores(const std::optional<Cell>& pruned)
{
    labelFreeApplies_ = pruned.has_value();
    std::vector<std::shared_ptr<const LabelFreeScore>> missing;
    for (const LabelFreeRow& row : labelFreeRows_)
        if (!row.value && row.error.isEmpty())
            missing.push_back(row.score);
    showLabelFreeScores();
    if (!pruned || missing.empty()) {
        labelFreeJob_.cancel();
        return;
    }
    // One score after another, each shown as it comes; the next edit or choice of scores cancels the rest.
    labelFreeJob_.run(
        this,
        [this, missing, cell = *pruned](const JobControl& control) {
            for (const std::shared_ptr<const LabelFreeScore>& score : missing) {
                if (control.cancelled())
                    break;
                double value = 0;
                QString error;
                try {
                    value = score->score(cell);
                } catch (const std::exception& e) {
                    error = QString::fromStdString(e.what());
                }
                control.report([this, key = score->key(), value, error] {
                    for (LabelFreeRow& row : labelFreeRows_)
                        if (row.score->key() == key) {
                            row.error = error;
                            if (error.isEmpty())
                                row.value = value;
                        }
                    showLabelFreeScores();
                });
            }
            return 0;
        },
        [](int) {});
}

void CellInfoPanel::showMeasured()
{
    const std::optional<Cell> pruned = validateCell(doc_->cell()).ok() ? pruneCell(doc_->cell()) : std::nullopt;
    const auto m = pruned && measured_ ? measured_->find(moduleHash(*pruned)) : std::nullopt;
    if (!pruned)
        measuredLabel_->setText(tr("n/a"));
    else if (!m)
        measuredLabel_->setText(tr("not measured"));
    else
        measuredLabel_->setText(tr("test %1 · validation %2 (%3, %Ln epoch(s))", nullptr, m->epochs)
                                    .arg(percent(m->testAccuracy), percent(m->validationAccuracy), m->task));
}

void CellInfoPanel::rebuildPredictionRows()
{
    const PredictorList& list = predictions_->predictors();
    // The same predictors as shown: their rows keep their values until the new ones come; a renamed one
    // shows its new name.
    if (list == rowPredictors_) {
        for (int i = 0; i < int(list.size()); ++i)
            predictionTable_->item(i, 0)->setText(modelNameText(list[std::size_t(i)]->name()));
        return;
    }
    rowPredictors_ = list;
    predictionTable_->setRowCount(int(list.size()));
    for (int i = 0; i < int(list.size()); ++i) {
        predictionTable_->setItem(i, 0, new QTableWidgetItem(modelNameText(list[std::size_t(i)]->name())));
        const Predictor& p = *list[std::size_t(i)];
        const PredictorKind* kind = findPredictorKind(p.kind());
        predictionTable_->setItem(i, 1, new QTableWidgetItem(kind && kind->labelFree
                                                                 ? tr("score, no labels")
                                                                 : tr("%1 epochs").arg(p.budgetEpochs())));
        auto* value = new QTableWidgetItem(QString());
        value->setToolTip(kind && kind->labelFree
                              ? tr("A label-free score, not an accuracy: exp(−loss) of the network whose weights the "
                                   "hypernetwork generates, on its own task's scoring images. Higher ranks higher.")
                              : tr("%1's estimate of the cell's validation accuracy after %2 epochs of NAS-Bench-101 "
                                   "training").arg(QString::fromStdString(p.name())).arg(p.budgetEpochs()));
        predictionTable_->setItem(i, 2, value);
        predictionTable_->setItem(i, 3, new QTableWidgetItem(QString()));
    }
    fitPredictionTable();
}

void CellInfoPanel::fitPredictionTable()
{
    // As wide as the figures' columns and a readable name column, as tall as its rows (one per
    // predictor, rarely more than a few).
    QHeaderView* header = predictionTable_->horizontalHeader();
    int width = 2 * predictionTable_->frameWidth() + header->fontMetrics().averageCharWidth() * 18;
    for (int c = 1; c < 4; ++c)
        width += std::max(static_cast<const QAbstractItemView*>(predictionTable_)->sizeHintForColumn(c), header->sectionSizeHint(c));
    predictionTable_->setMinimumWidth(width);
    predictionTable_->resizeRowsToContents();
    int height = header->sizeHint().height() + 2 * predictionTable_->frameWidth();
    for (int i = 0; i < predictionTable_->rowCount(); ++i)
        height += predictionTable_->rowHeight(i);
    predictionTable_->setFixedHeight(height);
}

void CellInfoPanel::refresh()
{
    sinceEdit_.start();
    rebuildPredictionRows();
    const Cell& cell = doc_->cell();
    const CellValidation check = validateCell(cell);
    std::optional<Cell> pruned;
    if (check.ok()) {
        pruned = pruneCell(cell);
        validity_->setText(tr("Valid"));
    } else {
        validity_->setText(tr("Invalid: %1").arg(cellValidationText(check)));
    }
    if (!pruned) {
        for (QLabel* label : {ops_, adjacency_, hash_, params_})
            label->setText(tr("n/a"));
        copyHash_->setEnabled(false);
        for (QLabel* label : accuracy_)
            label->setText(tr("n/a"));
        showMeasured();
        for (int i = 0; i < predictionTable_->rowCount(); ++i) {
            predictionTable_->item(i, 2)->setText(tr("n/a"));
            predictionTable_->item(i, 3)->setText(QString());
        }
        forgetLabelFreeValues();
        computeLabelFreeScores(std::nullopt);
        waitingFor_ = 0;
        return;
    }
    ops_->setText(opsText(*pruned));
    adjacency_->setText(adjacencyText(*pruned));
    const ModuleHash hash = moduleHash(*pruned);
    hash_->setText(QString::fromStdString(hash.hex()));
    copyHash_->setEnabled(true);
    params_->setText(QLocale().toString(qlonglong(networkParameterCount(*pruned))));
    const Record* record = dataset_ ? dataset_->find(hash) : nullptr;
    for (int b = 0; b < kNumBudgets; ++b)
        accuracy_[b]->setText(record ? percent(record->validationAccuracy(b)) : tr("not in the dataset"));
    showMeasured();
    forgetLabelFreeValues();
    computeLabelFreeScores(pruned);
    if (predictions_->predictors().empty()) {
        waitingFor_ = 0;
        return;
    }
    // A fast predictor answers within a frame or two, so its row keeps the last value until then rather
    // than flicker; a slow one (a GHN, half a second) says it is working on the new cell.
    const PredictorList& list = predictions_->predictors();
    for (int i = 0; i < predictionTable_->rowCount(); ++i) {
        QTableWidgetItem* value = predictionTable_->item(i, 2);
        if (value->text().isEmpty() || !scoresDatasets(*list[std::size_t(i)])) {
            value->setText(QStringLiteral("…"));
            predictionTable_->item(i, 3)->setText(QString());
        }
    }
    waitingFor_ = predictions_->request(*pruned);
}

void CellInfoPanel::showPredictions(const PredictionBatch& batch)
{
    // An answer for an older edit: a newer request is on its way.
    if (batch.generation != waitingFor_)
        return;
    for (int i = 0; i < int(batch.values.size()) && i < predictionTable_->rowCount(); ++i) {
        if (!batch.answered[std::size_t(i)])
            continue;
        QTableWidgetItem* item = predictionTable_->item(i, 2);
        const QString error = batch.errors.value(i);
        item->setText(error.isEmpty() ? percent(batch.values[std::size_t(i)]) : tr("error"));
        item->setToolTip(error);
        const float low = batch.low[std::size_t(i)], high = batch.high[std::size_t(i)];
        predictionTable_->item(i, 3)->setText(error.isEmpty() && std::isfinite(low) && std::isfinite(high)
                                                  ? tr("%1–%2 %").arg(QLocale().toString(100.0 * low, 'f', 2),
                                                                      QLocale().toString(100.0 * high, 'f', 2))
                                                  : tr("none"));
    }
    fitPredictionTable();
    // The latency is the fast predictors'; a slow kind's answer only fills its own row.
    if (batch.slow)
        return;
    lastLatencyMs_ = static_cast<double>(sinceEdit_.nsecsElapsed()) / 1e6;
    latency_->setText(tr("Predicted in %1 ms").arg(QLocale().toString(lastLatencyMs_, 'f', 1)));
    Q_EMIT predictionShown(lastLatencyMs_);
}

} // namespace archscope
