// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Benchmarks.h"

#include "data/DatasetLoader.h"
#include "model/VsGaeLatent.h"
#include "runtime/Runtime.h"
#include "train/VsGaeTrainer.h"

#include <algorithm>
#include <chrono>

namespace archscope::cli {

// Decoding speed of the latent explorer's interpolation strip: 30 codes in one call. The weights are
// untrained, so no cell stops early and every code runs all kMaxVertices - 1 steps: the worst case.
void benchVsGae(int threads, const std::function<void(const BenchFigure&)>& report)
{
    setComputeThreads(threads);
    const VsGaeTrainingDefaults defaults;
    VsGaeConfig config;
    config.nodeDim = defaults.nodeDim;
    config.graphDim = defaults.graphDim;
    config.layers = defaults.layers;
    torch::manual_seed(0);
    VsGaeLatentModel model(VsGae(config), LatentCode(config.graphDim, 0.0f), LatentCode(config.graphDim, 1.0f), {},
                           "benchmark");
    const std::vector<LatentCode> codes = samplePrior(model, 30, 0);
    std::vector<double> ms;
    for (int i = 0; i < 21; ++i) {
        const auto start = std::chrono::steady_clock::now();
        model.decode(codes);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    report({"vae_decode_30_ms", ms[ms.size() / 2],
            "VS-GAE greedy decoding of 30 latent codes, all 6 steps, ndim " + std::to_string(config.nodeDim)
                + ", median of 21 (" + computeSummary() + ")"});
    report({"vae_decode_30_min_ms", ms.front(), "the same, fastest of 21: the least disturbed on a busy machine"});
}

} // namespace archscope::cli
