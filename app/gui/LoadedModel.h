// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "registry/PredictorRegistry.h"

#include <QFile>
#include <QString>

#include <memory>

namespace archscope {

// A loaded thing or why it could not be loaded: what a model-loading job hands the GUI thread.
template <class T>
struct Loaded {
    std::shared_ptr<T> value;
    QString error;
};

// Reads a predictor's model file (on a worker); the error is the engine's one line naming the file.
inline Loaded<Predictor> loadPredictorFileNoThrow(const QString& path)
{
    try {
        return {loadPredictor(QFile::encodeName(path).toStdString()), {}};
    } catch (const std::exception& e) {
        return {nullptr, QString::fromStdString(e.what())};
    }
}

} // namespace archscope
