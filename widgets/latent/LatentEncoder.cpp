// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "latent/LatentEncoder.h"

#include <algorithm>

namespace archscope {
namespace {

// Large enough that LibTorch batches well, small enough that a cancel is felt within ~0.1 s.
constexpr std::size_t kChunk = 512;

} // namespace

LatentEncoder::LatentEncoder(QObject* parent)
    : QObject(parent), job_(QStringLiteral("latentEncoder"), JobRunner::Policy::LatestWins)
{
    qRegisterMetaType<LatentEncoding>();
}

void LatentEncoder::start(std::shared_ptr<const LatentModel> model, std::vector<Cell> cells)
{
    job_.run(
        this,
        [this, model = std::move(model), cells = std::move(cells)](const JobControl& control) {
            const int total = int(cells.size());
            auto codes = std::make_shared<std::vector<LatentCode>>();
            codes->reserve(cells.size());
            LatentEncoding result;
            try {
                for (std::size_t i = 0; i < cells.size() && !control.cancelled(); i += kChunk) {
                    const std::vector<Cell> chunk(cells.begin() + std::ptrdiff_t(i),
                                                  cells.begin() + std::ptrdiff_t(std::min(cells.size(), i + kChunk)));
                    const std::vector<LatentCode> part = model->encode(chunk);
                    codes->insert(codes->end(), part.begin(), part.end());
                    control.report([this, done = int(codes->size()), total] { Q_EMIT progress(done, total); });
                }
                if (!control.cancelled())
                    result.codes = std::move(codes);
            } catch (const std::exception& e) {
                result.error = QString::fromStdString(e.what());
            }
            return result;
        },
        [this](const LatentEncoding& result) { Q_EMIT finished(result); });
}

void LatentEncoder::cancel()
{
    job_.cancel();
}

} // namespace archscope
