#include "dataset/DatasetTableModel.h"

#include <cmath>

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
    hexBuffer_.clear();
    if (dataset_) {
        const std::size_t n = dataset_->size();
        keys_.resize(n);
        hexBuffer_.resize(qsizetype(n * kHexDigits));
        QChar* hex = hexBuffer_.data();
        static const char digits[] = "0123456789abcdef";
        for (std::size_t i = 0; i < n; ++i) {
            const Record& r = (*dataset_)[i];
            RowKeys& k = keys_[i];
            for (int b = 0; b < kNumBudgets; ++b)
                k.accuracy[std::size_t(b)] = r.validationAccuracy(b);
            k.predicted = std::nanf("");
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

void DatasetTableModel::setPredictions(const std::vector<float>& predicted)
{
    for (std::size_t i = 0; i < keys_.size(); ++i)
        keys_[i].predicted = i < predicted.size() ? predicted[i] : std::nanf("");
    if (!keys_.empty())
        Q_EMIT dataChanged(index(0, Predicted), index(rowCount() - 1, Error));
}

double DatasetTableModel::sortKey(int row, int column) const
{
    const RowKeys& k = keys_[std::size_t(row)];
    switch (column) {
    case Vertices: return k.vertices;
    case Edges: return k.edges;
    case Params: return double(k.params);
    case Acc4: case Acc12: case Acc36: case Acc108: return k.accuracy[std::size_t(column - Acc4)];
    case Predicted: return k.predicted;
    case Error: return k.predicted - k.accuracy[kBudget108];
    default: return row;
    }
}

int DatasetTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(keys_.size());
}

int DatasetTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const int row = index.row();
    if (role == Qt::TextAlignmentRole)
        return index.column() == Hash ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return {};
    const RowKeys& k = keys_[std::size_t(row)];
    switch (index.column()) {
    case Hash: return QString::fromRawData(hexBuffer_.constData() + qsizetype(row) * kHexDigits, kHexDigits);
    case Vertices: return int(k.vertices);
    case Edges: return int(k.edges);
    case Params: return qlonglong(k.params);
    case Predicted:
    case Error:
    case Acc4: case Acc12: case Acc36: case Acc108: return number(sortKey(row, index.column()));
    default: return {};
    }
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
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
    case Predicted: return tr("Predicted (%)");
    case Error: return tr("Error (pp)");
    default: return {};
    }
}

} // namespace archscope
