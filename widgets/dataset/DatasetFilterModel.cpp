// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "dataset/DatasetFilterModel.h"

#include "dataset/DatasetTableModel.h"

#include <cmath>

namespace archscope {

DatasetFilterModel::DatasetFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    // Filtering happens on request only: re-filtering 423,624 rows on every dataChanged would stall.
    setDynamicSortFilter(false);
}

void DatasetFilterModel::setSourceModel(QAbstractItemModel* model)
{
    table_ = qobject_cast<DatasetTableModel*>(model);
    Q_ASSERT(table_);
    QSortFilterProxyModel::setSourceModel(model);
}

void DatasetFilterModel::setFilter(const DatasetFilter& filter)
{
    if (filter == filter_)
        return;
    filter_ = filter;
    invalidateFilter();
}

bool DatasetFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    if (!filter_.hashPrefix.isEmpty() && !table_->hashHex(sourceRow).startsWith(filter_.hashPrefix))
        return false;
    const DatasetTableModel::RowKeys& k = table_->keys(sourceRow);
    if (k.vertices < filter_.minVertices || k.vertices > filter_.maxVertices)
        return false;
    for (std::size_t op = 0; op < k.opCounts.size(); ++op)
        if (k.opCounts[op] < filter_.minOps[op] || k.opCounts[op] > filter_.maxOps[op])
            return false;
    const float acc = k.accuracy[kBudget108];
    const bool fullRange = filter_.minAccuracy <= 0.0 && filter_.maxAccuracy >= 1.0;
    // Records without a 108-epoch accuracy only pass when the range does not restrict anything.
    if (!std::isfinite(acc))
        return fullRange;
    return acc >= filter_.minAccuracy && acc <= filter_.maxAccuracy;
}

void DatasetFilterModel::sort(int column, Qt::SortOrder order)
{
    if (table_ && column >= 0)
        table_->sort(column, order);
}

} // namespace archscope
