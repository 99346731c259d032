// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Op.h"
#include "data/Record.h"

#include <QSortFilterProxyModel>
#include <QString>

#include <array>

namespace archscope {

class DatasetTableModel;

// Which records the browser shows; every range is inclusive.
struct DatasetFilter {
    int minVertices = 2;
    int maxVertices = kMaxVertices;
    std::array<int, kNumInteriorOps> minOps{0, 0, 0}; // conv3x3, conv1x1, maxpool
    std::array<int, kNumInteriorOps> maxOps{5, 5, 5};
    double minAccuracy = 0.0;                         // at 108 epochs, as a fraction
    double maxAccuracy = 1.0;
    QString hashPrefix;                               // lowercase hex: the hash or how it begins
    bool operator==(const DatasetFilter& o) const
    {
        return minVertices == o.minVertices && maxVertices == o.maxVertices && minOps == o.minOps
            && maxOps == o.maxOps && minAccuracy == o.minAccuracy && maxAccuracy == o.maxAccuracy
            && hashPrefix == o.hashPrefix;
    }
};

// Filters a DatasetTableModel on its precomputed keys, and passes sorting on to it (the table sorts
// the whole space far faster than a proxy can; see DatasetTableModel).
class DatasetFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit DatasetFilterModel(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* model) override;
    const DatasetFilter& filter() const { return filter_; }
    void setFilter(const DatasetFilter& filter);
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    DatasetTableModel* table_ = nullptr;
    DatasetFilter filter_;
};

} // namespace archscope
