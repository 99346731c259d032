// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "dataset/DatasetBrowser.h"

#include "dataset/DatasetTableModel.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QPushButton>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace archscope {
namespace {

// The model holds accuracies as fractions (what sorting and filtering compare); people read percent.
class PercentDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QString displayText(const QVariant& value, const QLocale& locale) const override
    {
        return value.isValid() ? locale.toString(100.0 * value.toDouble(), 'f', 2) : QString();
    }
};

// Item views hand their delegates a locale without digit grouping; parameter counts run to eight
// digits, which people read grouped ("8,555,530", "8.555.530").
class GroupedIntegerDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QString displayText(const QVariant& value, const QLocale& locale) const override
    {
        QLocale grouped = locale;
        grouped.setNumberOptions(locale.numberOptions() & ~QLocale::NumberOptions(QLocale::OmitGroupSeparator));
        return value.isValid() ? grouped.toString(value.toLongLong()) : QString();
    }
};

} // namespace

DatasetBrowser::DatasetBrowser(QWidget* parent)
    : QWidget(parent), model_(new DatasetTableModel(this)), proxy_(new DatasetFilterModel(this)),
      table_(new QTableView(this)), minAcc_(new QDoubleSpinBox(this)), maxAcc_(new QDoubleSpinBox(this)),
      count_(new QLabel(this)), hashSearch_(new QLineEdit(this))
{
    setObjectName(QStringLiteral("datasetBrowser"));
    proxy_->setSourceModel(model_);

    table_->setObjectName(QStringLiteral("datasetTable"));
    // Tab leaves the table for the next panel; the arrow keys move within it.
    table_->setTabKeyNavigation(false);
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(-1, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, which matters at 423,624 of them.
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // The figures get the room: each column as wide as its heading, the hash (32 hex digits, read only
    // to tell cells apart) elided after a dozen.
    for (int c = 0; c < DatasetTableModel::FirstScore; ++c)
        table_->setColumnWidth(c, table_->horizontalHeader()->sectionSizeHint(c) + 8);
    connect(proxy_, &QAbstractItemModel::columnsInserted, this, [this](const QModelIndex&, int first, int last) {
        for (int c = first; c <= last; ++c)
            table_->setColumnWidth(c, table_->horizontalHeader()->sectionSizeHint(c) + 8);
    });
    table_->setColumnWidth(DatasetTableModel::Hash, table_->fontMetrics().horizontalAdvance(QStringLiteral("0")) * 12);
    table_->setTextElideMode(Qt::ElideRight);
    table_->setAlternatingRowColors(true);
    auto* percent = new PercentDelegate(table_);
    for (int c = DatasetTableModel::Acc4; c <= DatasetTableModel::Measured; ++c)
        table_->setItemDelegateForColumn(c, percent);
    table_->setItemDelegateForColumn(DatasetTableModel::Params, new GroupedIntegerDelegate(table_));

    const auto spin = [this](int lo, int hi, int value, const QString& name) {
        auto* s = new QSpinBox(this);
        s->setRange(lo, hi);
        s->setValue(value);
        s->setObjectName(name);
        connect(s, &QSpinBox::valueChanged, &debounce_, qOverload<>(&QTimer::start));
        return s;
    };
    minVertices_ = spin(2, kMaxVertices, 2, QStringLiteral("minVerticesSpin"));
    maxVertices_ = spin(2, kMaxVertices, kMaxVertices, QStringLiteral("maxVerticesSpin"));
    const QString opNames[kNumInteriorOps] = {QStringLiteral("Conv3x3"), QStringLiteral("Conv1x1"),
                                              QStringLiteral("MaxPool")};
    for (int k = 0; k < kNumInteriorOps; ++k) {
        minOps_[k] = spin(0, 5, 0, QStringLiteral("min%1Spin").arg(opNames[k]));
        maxOps_[k] = spin(0, 5, 5, QStringLiteral("max%1Spin").arg(opNames[k]));
    }
    for (QDoubleSpinBox* s : {minAcc_, maxAcc_}) {
        s->setRange(0, 100);
        s->setDecimals(1);
        s->setSuffix(QStringLiteral(" %"));
        connect(s, &QDoubleSpinBox::valueChanged, &debounce_, qOverload<>(&QTimer::start));
    }
    minAcc_->setObjectName(QStringLiteral("minAccuracySpin"));
    maxAcc_->setObjectName(QStringLiteral("maxAccuracySpin"));
    maxAcc_->setValue(100);
    count_->setObjectName(QStringLiteral("matchCountLabel"));
    hashSearch_->setObjectName(QStringLiteral("hashSearchEdit"));
    hashSearch_->setPlaceholderText(tr("Hash or its beginning"));
    hashSearch_->setToolTip(tr("Show the cells whose NAS-Bench-101 hash starts with these hex digits"));
    hashSearch_->setClearButtonEnabled(true);
    hashSearch_->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9a-fA-F]{0,32}")), hashSearch_));
    connect(hashSearch_, &QLineEdit::textChanged, &debounce_, qOverload<>(&QTimer::start));

    auto* reset = new QPushButton(tr("Reset"), this);
    reset->setObjectName(QStringLiteral("resetFilterButton"));
    connect(reset, &QPushButton::clicked, this, [this] {
        minVertices_->setValue(2);
        maxVertices_->setValue(kMaxVertices);
        for (int k = 0; k < kNumInteriorOps; ++k) {
            minOps_[k]->setValue(0);
            maxOps_[k]->setValue(5);
        }
        minAcc_->setValue(0);
        maxAcc_->setValue(100);
        hashSearch_->clear();
        applyFilter();
    });

    auto* grid = new QGridLayout;
    const auto range = [&grid](int row, int col, const QString& label, QWidget* lo, QWidget* hi) {
        grid->addWidget(new QLabel(label), row, col);
        grid->addWidget(lo, row, col + 1);
        grid->addWidget(hi, row, col + 2);
    };
    range(0, 0, tr("Vertices:"), minVertices_, maxVertices_);
    range(0, 3, tr("Accuracy (108):"), minAcc_, maxAcc_);
    range(1, 0, tr("conv3x3:"), minOps_[0], maxOps_[0]);
    range(1, 3, tr("conv1x1:"), minOps_[1], maxOps_[1]);
    range(2, 0, tr("maxpool:"), minOps_[2], maxOps_[2]);
    auto* hashLabel = new QLabel(tr("&Hash:"));
    hashLabel->setBuddy(hashSearch_);
    grid->addWidget(hashLabel, 2, 3);
    grid->addWidget(hashSearch_, 2, 4, 1, 2);
    grid->addWidget(reset, 1, 6);
    grid->addWidget(count_, 2, 6);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(grid);
    layout->addWidget(table_, 1);

    // Spin boxes change a step per key press; filtering the whole space each time would lag.
    debounce_.setSingleShot(true);
    debounce_.setInterval(200);
    connect(&debounce_, &QTimer::timeout, this, &DatasetBrowser::applyFilter);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid() || !model_->dataset())
                    return;
                const std::size_t record = model_->recordIndex(proxy_->mapToSource(current).row());
                Q_EMIT cellSelected((*model_->dataset())[record].cell);
            });
    connect(proxy_, &QAbstractItemModel::modelReset, this, &DatasetBrowser::updateCount);
    connect(proxy_, &QAbstractItemModel::layoutChanged, this, &DatasetBrowser::updateCount);
    connect(proxy_, &QAbstractItemModel::rowsInserted, this, &DatasetBrowser::updateCount);
    connect(proxy_, &QAbstractItemModel::rowsRemoved, this, &DatasetBrowser::updateCount);
    updateCount();
}

void DatasetBrowser::setDataset(std::shared_ptr<const Dataset> dataset) { model_->setDataset(std::move(dataset)); }

void DatasetBrowser::setPredictions(const std::vector<float>& predicted, const QString& by)
{
    model_->setPredictions(predicted, by);
}

void DatasetBrowser::applyFilter()
{
    debounce_.stop();
    DatasetFilter f;
    f.minVertices = minVertices_->value();
    f.maxVertices = maxVertices_->value();
    for (int k = 0; k < kNumInteriorOps; ++k) {
        f.minOps[std::size_t(k)] = minOps_[k]->value();
        f.maxOps[std::size_t(k)] = maxOps_[k]->value();
    }
    f.minAccuracy = minAcc_->value() / 100.0;
    f.maxAccuracy = maxAcc_->value() / 100.0;
    f.hashPrefix = hashSearch_->text().toLower();
    const bool changed = !(f == proxy_->filter());
    proxy_->setFilter(f);
    updateCount();
    if (changed)
        Q_EMIT filterApplied();
}

std::vector<char> DatasetBrowser::shownRecords() const
{
    std::vector<char> shown(std::size_t(model_->rowCount()), 0);
    for (int row = 0; row < proxy_->rowCount(); ++row)
        shown[model_->recordIndex(proxy_->mapToSource(proxy_->index(row, 0)).row())] = 1;
    return shown;
}

void DatasetBrowser::updateCount()
{
    const QLocale locale;
    count_->setText(tr("%1 of %2 cells").arg(locale.toString(proxy_->rowCount()), locale.toString(model_->rowCount())));
}

} // namespace archscope
