// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "jobs/JobRunner.h"
#include "model/LatentModel.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace archscope {

// The codes of one encoding run; `codes` is null when the run was cancelled or failed.
struct LatentEncoding {
    std::shared_ptr<const std::vector<LatentCode>> codes;
    QString error;
};

// Encodes cells with a LatentModel on a worker thread, in chunks so that progress shows and a cancel
// takes effect within one chunk. Starting again cancels the run in progress; only the newest run
// reports. Destroying the encoder cancels the run and waits for it: it holds the model.
class LatentEncoder : public QObject {
    Q_OBJECT
public:
    explicit LatentEncoder(QObject* parent = nullptr);

    bool isRunning() const { return job_.isBusy(); }
    void start(std::shared_ptr<const LatentModel> model, std::vector<Cell> cells);
    void cancel();

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const archscope::LatentEncoding& result);

private:
    JobRunner job_;
};

} // namespace archscope

Q_DECLARE_METATYPE(archscope::LatentEncoding)
