// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "dataset/DatasetFilterModel.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <vector>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace archscope {

class Dataset;
class DatasetTableModel;

// The dataset as a sortable table with filters on vertex count, op counts and 108-epoch accuracy.
// Selecting a row emits its cell for the editor.
class DatasetBrowser : public QWidget {
    Q_OBJECT
public:
    explicit DatasetBrowser(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const Dataset> dataset);
    void setPredictions(const std::vector<float>& predicted, const QString& by = {});
    DatasetTableModel* tableModel() const { return model_; }
    DatasetFilterModel* filterModel() const { return proxy_; }
    QTableView* table() const { return table_; }
    // Applies the filter controls now instead of after the typing pause.
    void applyFilter();
    // One flag per record of the dataset, in its order: whether the filter lets it through.
    std::vector<char> shownRecords() const;

Q_SIGNALS:
    void cellSelected(const archscope::Cell& cell);
    // The filter changed what the table shows.
    void filterApplied();

private:
    void updateCount();

    DatasetTableModel* model_;
    DatasetFilterModel* proxy_;
    QTableView* table_;
    QSpinBox* minVertices_;
    QSpinBox* maxVertices_;
    QSpinBox* minOps_[kNumInteriorOps];
    QSpinBox* maxOps_[kNumInteriorOps];
    QDoubleSpinBox* minAcc_;
    QDoubleSpinBox* maxAcc_;
    QLabel* count_;
    QLineEdit* hashSearch_;
    QTimer debounce_;
};

} // namespace archscope
