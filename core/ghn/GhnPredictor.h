// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ghn/GraphHyperNetwork.h"
#include "model/Predictor.h"
#include "network/ImageData.h"

#include <mutex>
#include <optional>
#include <random>

namespace archscope {

class ModelArchive;

// A cell's GHN score: its network with GHN-generated weights, run once over a fixed set of validation
// images of the GHN's task with batch-norm on batch statistics (batches of kScoreBatch).
struct GhnScore {
    double accuracy = 0; // fraction of the images classified right
    double loss = 0;     // mean cross-entropy

    // The one GHN score every view and command shows and ranks by: exp(−loss), the geometric mean of
    // the probability the generated network gives the right class. It ranks as the loss does, which
    // ranks NAS-Bench-101's cells better than the accuracy (docs/BENCHMARKS.md), and reads like an
    // accuracy in [0, 1].
    double score() const;
};

// Where a GHN finds its task's images; fixed when it is trained and stored in its model file.
struct GhnTaskSource {
    std::string task = "fashion-mnist";
    std::string dir;          // "" for Debian's Fashion-MNIST
    std::int64_t scoreImages = 500; // the first N validation images score a cell
};

// The "ghn" predictor kind: predict() returns GHN scores (GhnScore::score on the GHN's own task),
// which rank cells without labels; they are not NAS-Bench-101 CIFAR-10 accuracies.
class GhnPredictor : public Predictor {
public:
    static constexpr const char* kKind = "ghn";
    static constexpr std::int64_t kScoreBatch = 250;

    GhnPredictor(GraphHyperNetwork ghn, GhnTaskSource source, std::string name);

    std::string name() const override { return name_; }
    std::string kind() const override { return kKind; }
    int budgetEpochs() const override { return 108; } // what its scores are compared with
    std::vector<float> predict(const std::vector<Cell>& cells) const override;
    void save(const std::string& path) const override;

    std::vector<GhnScore> score(const std::vector<Cell>& cells) const;

    void writeTo(ModelArchive& archive) const;
    static std::shared_ptr<GhnPredictor> readFrom(const ModelArchive& archive, const std::string& path);

    // Scores a cell with `ghn` on `images` (NCHW, normalised) and `labels`, without gradients.
    static GhnScore scoreWith(GraphHyperNetworkImpl& ghn, const Cell& cell, const torch::Tensor& images,
                              const torch::Tensor& labels);

private:
    const ImageTask& images() const; // loaded on first use

    GraphHyperNetwork ghn_;
    GhnTaskSource source_;
    std::string name_;
    mutable std::mutex mutex_;
    mutable std::optional<ImageTask> images_;
    mutable torch::Tensor scoreImages_, scoreLabels_;
};

// A random cell of the NAS-Bench-101 space, drawn as its random_spec does: every upper-triangular
// edge of a 7-vertex matrix with probability 1/2 and uniform interior ops, redrawn until the pruned
// cell is valid (at most 9 edges).
Cell randomSpaceCell(std::mt19937_64& rng);

} // namespace archscope
