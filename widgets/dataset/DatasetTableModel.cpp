// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "dataset/DatasetTableModel.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace archscope {
namespace {

constexpr int kHexDigits = 32;

QVariant number(double v) { return std::isfinite(v) ? QVariant(v) : QVariant(); }

} // namespace

DatasetTableModel::DatasetTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void DatasetTableModel::setDataset(std::shared_ptr<const Dataset> dataset)
{
    beginResetModel();
    dataset_ = std::move(dataset);
    keys_.clear();
    order_.clear();
    hexBuffer_.clear();
    for (ScoreValues& s : scores_)
        s.values.assign(dataset_ ? dataset_->size() : 0, std::nan(""));
    if (dataset_) {
        const std::size_t n = dataset_->size();
        keys_.resize(n);
        order_.resize(n);
        std::iota(order_.begin(), order_.end(), 0u);
        hexBuffer_.resize(qsizetype(n * kHexDigits));
        QChar* hex = hexBuffer_.data();
        static const char digits[] = "0123456789abcdef";
        for (std::size_t i = 0; i < n; ++i) {
            const Record& r = (*dataset_)[i];
            RowKeys& k = keys_[i];
            for (int b = 0; b < kNumBudgets; ++b)
                k.accuracy[std::size_t(b)] = r.validationAccuracy(b);
            k.predicted = std::nanf("");
            k.measured = std::nanf("");
            k.params = r.params;
            k.vertices = std::uint8_t(r.cell.numVertices());
            k.edges = std::uint8_t(r.cell.numEdges());
            k.opCounts = {};
            for (Op op : r.cell.ops())
                if (isInteriorOp(op))
                    ++k.opCounts[std::size_t(opHashLabel(op))];
            for (std::uint8_t byte : r.hash.bytes) {
                *hex++ = QLatin1Char(digits[byte >> 4]);
                *hex++ = QLatin1Char(digits[byte & 15]);
            }
        }
    }
    endResetModel();
}

void DatasetTableModel::setPredictions(const std::vector<float>& predicted, const QString& by)
{
    if (by != predictedBy_) {
        predictedBy_ = by;
        Q_EMIT headerDataChanged(Qt::Horizontal, Predicted, Predicted);
    }
    for (std::size_t i = 0; i < keys_.size(); ++i)
        keys_[i].predicted = i < predicted.size() ? predicted[i] : std::nanf("");
    if (!keys_.empty())
        Q_EMIT dataChanged(index(0, Predicted), index(rowCount() - 1, Error));
}

void DatasetTableModel::setScores(const QString& name, const std::vector<double>& scores)
{
    int column = scoreColumn(name);
    if (column < 0) {
        column = FirstScore + int(scores_.size());
        beginInsertColumns({}, column, column);
        scores_.push_back({name, {}});
        endInsertColumns();
    }
    std::vector<double>& values = scores_[std::size_t(column - FirstScore)].values;
    values.assign(keys_.size(), std::nan(""));
    std::copy_n(scores.begin(), std::min(scores.size(), values.size()), values.begin());
    if (!keys_.empty())
        Q_EMIT dataChanged(index(0, column), index(rowCount() - 1, column));
}

void DatasetTableModel::removeScores(const QString& name)
{
    const int column = scoreColumn(name);
    if (column < 0)
        return;
    beginRemoveColumns({}, column, column);
    scores_.erase(scores_.begin() + (column - FirstScore));
    endRemoveColumns();
}

QStringList DatasetTableModel::scoreNames() const
{
    QStringList names;
    for (const ScoreValues& s : scores_)
        names.append(s.name);
    return names;
}

int DatasetTableModel::scoreColumn(const QString& name) const
{
    for (std::size_t i = 0; i < scores_.size(); ++i)
        if (scores_[i].name == name)
            return FirstScore + int(i);
    return -1;
}

double DatasetTableModel::score(int row, const QString& name) const
{
    const int column = scoreColumn(name);
    return column < 0 ? std::nan("") : sortKey(order_[std::size_t(row)], column);
}

void DatasetTableModel::setMeasured(const std::map<ModuleHash, float>& testAccuracy)
{
    for (std::size_t i = 0; i < keys_.size(); ++i) {
        const auto it = testAccuracy.find((*dataset_)[i].hash);
        keys_[i].measured = it == testAccuracy.end() ? std::nanf("") : it->second;
    }
    if (!keys_.empty())
        Q_EMIT dataChanged(index(0, Measured), index(rowCount() - 1, Measured));
}

void DatasetTableModel::sort(int column, Qt::SortOrder order)
{
    if (keys_.empty())
        return;
    const QModelIndexList persistent = persistentIndexList();
    std::vector<std::uint32_t> persistentRecords;
    for (const QModelIndex& index : persistent)
        persistentRecords.push_back(order_[std::size_t(index.row())]);
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);

    std::iota(order_.begin(), order_.end(), 0u);
    if (column != Hash) {
        std::vector<double> key(keys_.size());
        for (std::uint32_t r = 0; r < key.size(); ++r)
            key[r] = sortKey(r, column);
        const bool descending = order == Qt::DescendingOrder;
        std::stable_sort(order_.begin(), order_.end(), [&key, descending](std::uint32_t a, std::uint32_t b) {
            const double x = key[a], y = key[b];
            if (std::isnan(x) || std::isnan(y))
                return !std::isnan(x) && std::isnan(y);
            return descending ? x > y : x < y;
        });
    } else if (order == Qt::DescendingOrder) {
        std::reverse(order_.begin(), order_.end());
    }

    std::vector<std::uint32_t> rowOf(order_.size());
    for (std::uint32_t row = 0; row < order_.size(); ++row)
        rowOf[order_[row]] = row;
    QModelIndexList moved;
    for (qsizetype i = 0; i < persistent.size(); ++i)
        moved.append(index(int(rowOf[persistentRecords[std::size_t(i)]]), persistent[i].column()));
    changePersistentIndexList(persistent, moved);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

double DatasetTableModel::sortKey(std::uint32_t record, int column) const
{
    const RowKeys& k = keys_[record];
    switch (column) {
    case Vertices: return k.vertices;
    case Edges: return k.edges;
    case Params: return double(k.params);
    case Acc4: case Acc12: case Acc36: case Acc108: return k.accuracy[std::size_t(column - Acc4)];
    case Predicted: return k.predicted;
    case Error: return k.predicted - k.accuracy[kBudget108];
    case Measured: return k.measured;
    default:
        if (column >= FirstScore && column < FirstScore + int(scores_.size()))
            return scores_[std::size_t(column - FirstScore)].values[record];
        return record;
    }
}

int DatasetTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(keys_.size());
}

int DatasetTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FirstScore + int(scores_.size());
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const std::uint32_t record = order_[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == Hash ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return {};
    const RowKeys& k = keys_[record];
    switch (index.column()) {
    case Hash: return QString::fromRawData(hexBuffer_.constData() + qsizetype(record) * kHexDigits, kHexDigits);
    case Vertices: return int(k.vertices);
    case Edges: return int(k.edges);
    case Params: return qlonglong(k.params);
    case Predicted:
    case Error:
    case Measured:
    case Acc4: case Acc12: case Acc36: case Acc108: return number(sortKey(record, index.column()));
    default: return index.column() < columnCount() ? number(sortKey(record, index.column())) : QVariant();
    }
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == Predicted)
        return predictedBy_.isEmpty() ? tr("No predictor has scored the dataset yet: open or train one")
                                      : tr("Validation accuracy at 108 epochs as %1 predicts it; choose the predictor "
                                           "in Model ▸ Predicted Column").arg(predictedBy_);
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section >= FirstScore && section < columnCount())
        return tr("%1: a label-free score of each cell, computed without labels or training (docs/ZERO-COST.md); "
                  "add or remove it in Model ▸ Label-Free Score Columns").arg(scores_[std::size_t(section - FirstScore)].name);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Hash: return tr("Hash");
    case Vertices: return tr("Vertices");
    case Edges: return tr("Edges");
    case Params: return tr("Parameters");
    case Acc4: return tr("Acc. 4 (%)");
    case Acc12: return tr("Acc. 12 (%)");
    case Acc36: return tr("Acc. 36 (%)");
    case Acc108: return tr("Acc. 108 (%)");
    // The predictor's name on a line of its own: one line would be clipped at the column's width, and with
    // it the word that says what the column is.
    case Predicted: return predictedBy_.isEmpty() ? tr("Predicted (%)") : tr("Predicted (%)\n%1").arg(predictedBy_);
    case Error: return tr("Error (pp)");
    case Measured: return tr("Measured (%)");
    default: return section >= FirstScore && section < columnCount() ? QVariant(scores_[std::size_t(section - FirstScore)].name) : QVariant();
    }
}

} // namespace archscope
