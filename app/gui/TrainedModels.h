// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "training/RunCurves.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>

namespace archscope {

class Predictor;

// Where every predictor trained in the explorer is kept, so that nothing trained is lost at quit: the
// user's data folder's models/, one model file per run (safetensors, loadable by archscope-cli), beside
// it `<model>.json` (name, kind, budget, training size, best validation tau, how the run ended, date)
// and `<model>.run.json`, the run's curves as Training ▸ Save Run writes them. The window loads them
// all at start.
class TrainedModels {
    Q_DECLARE_TR_FUNCTIONS(TrainedModels)

public:
    explicit TrainedModels(QString folder = defaultFolder());
    static QString defaultFolder();

    // Writes the three files (atomically) and returns the model file's path; an empty path with
    // `error` set when it cannot.
    QString save(const Predictor& predictor, std::size_t trainSize, const QString& stopReason, const RunCurves& curves,
                 QString* error) const;
    // The model files kept, oldest first.
    QStringList models() const;
    const QString& folder() const { return folder_; }

private:
    QString folder_;
};

} // namespace archscope
