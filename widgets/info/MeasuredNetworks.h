// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/ModuleHash.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <string>

namespace archscope {

// The accuracies of cells whose own networks were trained here (Model ▸ Train This Cell), by module
// hash, kept as the JSON lines of netTrainingResultJson in a file of the user's data folder so that
// they outlive the session. A cell measured again shows its newest result.
class MeasuredNetworks : public QObject {
    Q_OBJECT
public:
    struct Measurement {
        double validationAccuracy = 0; // in [0, 1]
        double testAccuracy = 0;
        QString task;
        int epochs = 0;
    };

    explicit MeasuredNetworks(const QString& path, QObject* parent = nullptr);

    // measured-networks.jsonl in QStandardPaths::AppDataLocation.
    static QString defaultPath();
    const QString& path() const { return path_; }

    // Reads the file again; a missing file is an empty record, an unreadable line is skipped.
    void reload();
    // Adds one result line and writes the file atomically (what is on disk now plus the line), so
    // that neither a crash nor a second window loses earlier results; false with `error` set.
    bool append(const QString& jsonLine, QString* error);

    std::optional<Measurement> find(const ModuleHash& hash) const;

    // The trained networks themselves: each run's train-net checkpoint, in "networks" beside the file,
    // named <hash>-<yyyyMMdd-HHmmss>.ckpt so that File ▸ Export Network finds a cell's by name. A stopped
    // run keeps its last completed epoch's.
    QString checkpointFolder() const;
    // A new checkpoint's path for a run of `hash` starting now (its folder created); "" when the folder
    // cannot be made.
    QString newCheckpointPath(const ModuleHash& hash) const;
    // The checkpoints of `hash`, newest first.
    QStringList checkpointsOf(const ModuleHash& hash) const;
    const std::map<ModuleHash, Measurement>& all() const { return byHash_; }

Q_SIGNALS:
    void changed();

private:
    void addLine(const std::string& line, const std::string& where);

    QString path_;
    std::map<ModuleHash, Measurement> byHash_;
};

} // namespace archscope
