// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/ModuleHash.h"
#include "data/Dataset.h"

#include <QAbstractTableModel>

#include <array>
#include <map>
#include <memory>
#include <vector>

namespace archscope {

// A read-only table over a Dataset, one row per record. Built for the whole space (423,624 rows):
// everything data(), sorting and filtering need is precomputed into flat arrays once, so data() does
// no allocation (the hash column hands out a view into one shared buffer). The model sorts itself by
// permuting row numbers on those arrays (tens of ms), where a proxy's QModelIndex-based sort of the
// same rows takes over a second.
class DatasetTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The label-free score columns follow Measured, one per score added, in the order added.
    enum Column { Hash, Vertices, Edges, Params, Acc4, Acc12, Acc36, Acc108, Predicted, Error, Measured, FirstScore };

    // What sorting and filtering look at, per row.
    struct RowKeys {
        std::array<float, kNumBudgets> accuracy;
        float predicted;
        float measured;     // test accuracy of the cell's own network trained here, NaN when never
        std::int64_t params;
        std::uint8_t vertices, edges;
        std::array<std::uint8_t, kNumInteriorOps> opCounts; // conv3x3, conv1x1, maxpool
    };

    explicit DatasetTableModel(QObject* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> dataset);
    const Dataset* dataset() const { return dataset_.get(); }
    // One prediction per record (at 108 epochs), NaN where unknown; an empty vector clears the column.
    // `by` names the predictor in the column's header.
    void setPredictions(const std::vector<float>& predicted, const QString& by = {});
    const QString& predictedBy() const { return predictedBy_; }
    // A label-free score's column (Model ▸ Label-Free Score Columns): one value per record, NaN where not
    // computed. The column headed `name` gets the values, or is added after the others if there is none.
    void setScores(const QString& name, const std::vector<double>& scores);
    void removeScores(const QString& name);
    // The score columns' names, in column order.
    QStringList scoreNames() const;
    // The column headed `name`, -1 when there is none.
    int scoreColumn(const QString& name) const;
    // The value in `row` of the score column headed `name`; NaN when there is none.
    double score(int row, const QString& name) const;
    // Test accuracies measured by training cells' own networks, by module hash; other records stay empty.
    void setMeasured(const std::map<ModuleHash, float>& testAccuracy);

    const RowKeys& keys(int row) const { return keys_[order_[std::size_t(row)]]; }
    // The record shown in a row.
    std::size_t recordIndex(int row) const { return order_[std::size_t(row)]; }
    // The row's module hash as 32 lowercase hex digits (a view into the model's own text).
    QStringView hashHex(int row) const { return QStringView(hexBuffer_).mid(qsizetype(recordIndex(row)) * 32, 32); }

    // Unknown values go last in either order; the hash column restores the file's order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    double sortKey(std::uint32_t record, int column) const;

    std::shared_ptr<const Dataset> dataset_;
    std::vector<RowKeys> keys_;      // by record
    std::vector<std::uint32_t> order_; // row -> record
    QString hexBuffer_; // 32 hex digits per record, back to back
    QString predictedBy_;
    struct ScoreValues {
        QString name;
        std::vector<double> values; // by record
    };
    std::vector<ScoreValues> scores_; // column FirstScore + i
};

} // namespace archscope
