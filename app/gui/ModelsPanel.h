// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "TrainedModels.h"

#include <QSet>
#include <QWidget>

class QPushButton;
class QTableWidget;

namespace archscope {

// The predictors trained in the explorer and kept in the user's data folder (TrainedModels): kind,
// training size, best validation τ, date, whether it is loaded, and a name the user edits in place
// (double-click or F2). Load, Unload, Delete, Resume (a run stopped before its end) and Reveal act on
// the selected one; the window does the work (and asks before deleting).
class ModelsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelsPanel(QWidget* parent = nullptr);

    void setEntries(const QList<TrainedModels::Entry>& entries, const QSet<QString>& loaded, const QString& folder);
    // While a run trains, none can be resumed.
    void setTraining(bool training);
    // The model file of the selected row; "" when none.
    QString selectedModel() const;

Q_SIGNALS:
    void loadRequested(const QString& model);
    void unloadRequested(const QString& model);
    void deleteRequested(const QString& model);
    void renameRequested(const QString& model, const QString& name);
    void resumeRequested(const QString& model);

private:
    void updateButtons();

    enum Column { Name, Kind, TrainSize, Tau, Date, Loaded, ColumnCount };
    QTableWidget* table_;
    QPushButton* load_;
    QPushButton* unload_;
    QPushButton* delete_;
    QPushButton* resume_;
    QPushButton* reveal_;
    QSet<QString> loaded_;
    QSet<QString> resumable_;
    QString folder_;
    bool filling_ = false;
    bool training_ = false;
};

} // namespace archscope
