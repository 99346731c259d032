// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ModelsPanel.h"
#include "text/ModelNameText.h"
#include "text/StopReasonText.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace archscope {

ModelsPanel::ModelsPanel(QWidget* parent) : QWidget(parent)
{
    table_ = new QTableWidget(0, ColumnCount, this);
    table_->setObjectName(QStringLiteral("modelsTable"));
    table_->setHorizontalHeaderLabels({tr("Name"), tr("Kind"), tr("Training cells"), tr("Best τ"), tr("Date"), tr("Loaded")});
    table_->horizontalHeaderItem(Tau)->setToolTip(tr("The best Kendall τ on the run's validation cells"));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    table_->verticalHeader()->hide();
    // The name takes what the other columns leave; the table asks its dock for the width they need
    // rather than scrolling sideways.
    for (int c = 0; c < ColumnCount; ++c)
        table_->horizontalHeader()->setSectionResizeMode(c, c == Name ? QHeaderView::Stretch : QHeaderView::ResizeToContents);
    table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Tab leaves the table for the buttons rather than walking its cells.
    table_->setTabKeyNavigation(false);
    const auto button = [this](const QString& text, const QString& name, const QString& tip) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setToolTip(tip);
        return b;
    };
    load_ = button(tr("&Load"), QStringLiteral("loadModelButton"), tr("Add this predictor to those that score the edited cell"));
    unload_ = button(tr("&Unload"), QStringLiteral("unloadModelButton"), tr("Stop using this predictor; its file stays"));
    delete_ = button(tr("&Delete…"), QStringLiteral("deleteModelButton"), tr("Remove this model's files from the disk"));
    resume_ = button(tr("Re&sume"), QStringLiteral("resumeModelButton"),
                     tr("Go on training this model's run from where it stopped"));
    reveal_ = button(tr("&Reveal"), QStringLiteral("revealModelButton"), tr("Open the folder that holds the models"));
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {load_, unload_, delete_, resume_, reveal_})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);

    connect(load_, &QPushButton::clicked, this, [this] { Q_EMIT loadRequested(selectedModel()); });
    connect(unload_, &QPushButton::clicked, this, [this] { Q_EMIT unloadRequested(selectedModel()); });
    connect(delete_, &QPushButton::clicked, this, [this] { Q_EMIT deleteRequested(selectedModel()); });
    connect(resume_, &QPushButton::clicked, this, [this] { Q_EMIT resumeRequested(selectedModel()); });
    connect(reveal_, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder_)); });
    connect(table_, &QTableWidget::itemSelectionChanged, this, &ModelsPanel::updateButtons);
    connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (filling_ || item->column() != Name)
            return;
        const QString name = item->text().trimmed();
        const QString model = item->data(Qt::UserRole).toString();
        if (name.isEmpty()) {
            // A name cannot be empty: the old one comes back.
            const QSignalBlocker block(table_);
            item->setText(item->data(Qt::UserRole + 1).toString());
            return;
        }
        item->setData(Qt::UserRole + 1, name);
        Q_EMIT renameRequested(model, name);
    });
    updateButtons();
}

void ModelsPanel::setEntries(const QList<TrainedModels::Entry>& entries, const QSet<QString>& loaded, const QString& folder)
{
    const QString selected = selectedModel();
    loaded_ = loaded;
    resumable_.clear();
    folder_ = folder;
    filling_ = true;
    table_->setRowCount(int(entries.size()));
    const QLocale locale;
    for (int row = 0; row < int(entries.size()); ++row) {
        const TrainedModels::Entry& e = entries[row];
        const auto cell = [&](int column, const QString& text, bool editable = false) {
            auto* item = new QTableWidgetItem(text);
            Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
            if (editable)
                flags |= Qt::ItemIsEditable;
            item->setFlags(flags);
            item->setData(Qt::UserRole, e.model);
            item->setToolTip(QDir::toNativeSeparators(e.model));
            if (column != Name && column != Kind)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(row, column, item);
            return item;
        };
        const QString shownName = modelNameText(e.name.toStdString());
        QTableWidgetItem* name = cell(Name, shownName, true);
        name->setData(Qt::UserRole + 1, shownName);
        if (e.stopped) {
            resumable_.insert(e.model);
            name->setToolTip(tr("%1\nIts run stopped before its end (%2); Resume goes on from its checkpoint")
                                 .arg(QDir::toNativeSeparators(e.model), stopReasonText(e.stopReason)));
        }
        cell(Kind, e.kind);
        cell(TrainSize, e.trainSize >= 0 ? locale.toString(e.trainSize) : QString());
        cell(Tau, std::isnan(e.bestTau) ? QString() : locale.toString(e.bestTau, 'f', 3));
        cell(Date, locale.toString(e.date, QLocale::ShortFormat));
        cell(Loaded, loaded.contains(e.model) ? tr("yes") : tr("no"));
        if (e.model == selected)
            table_->selectRow(row);
    }
    filling_ = false;
    QHeaderView* header = table_->horizontalHeader();
    int width = 2 * table_->frameWidth() + header->fontMetrics().averageCharWidth() * 16;
    for (int c = 0; c < ColumnCount; ++c)
        if (c != Name)
            width += std::max(static_cast<const QAbstractItemView*>(table_)->sizeHintForColumn(c), header->sectionSizeHint(c));
    table_->setMinimumWidth(width);
    updateButtons();
}

void ModelsPanel::setTraining(bool training)
{
    training_ = training;
    updateButtons();
}

QString ModelsPanel::selectedModel() const
{
    const QList<QTableWidgetItem*> items = table_->selectedItems();
    return items.isEmpty() ? QString() : items.first()->data(Qt::UserRole).toString();
}

void ModelsPanel::updateButtons()
{
    const QString model = selectedModel();
    load_->setEnabled(!model.isEmpty() && !loaded_.contains(model));
    unload_->setEnabled(!model.isEmpty() && loaded_.contains(model));
    delete_->setEnabled(!model.isEmpty());
    resume_->setEnabled(!training_ && resumable_.contains(model));
    reveal_->setEnabled(!folder_.isEmpty());
}

} // namespace archscope
