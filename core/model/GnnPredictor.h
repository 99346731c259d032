// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/GnnRegressor.h"
#include "model/LatentCodeScorer.h"
#include "model/PredictionIntervals.h"
#include "model/Predictor.h"
#include "model/TargetScaling.h"

#include <mutex>

namespace archscope {

class ModelArchive;

// A trained GNN accuracy predictor: one or more GnnRegressor members (an ensemble averages their
// outputs) and the target scaling. Lives on one device; predict() is serialised by a mutex.
// Two kinds: "gnn" (Lukasik et al.) and, with a frozen VS-GAE encoder, "vsgae-latent" (Friede et
// al.'s VS-GAE predictor), which is also a LatentCodeScorer.
class GnnPredictor : public Predictor, private LatentCodeScorer {
public:
    // Vertex classes per batch when predicting (VertexClasses: the layers run once per class). Each
    // thread's largest activation must stay well below glibc's 64 MB per-thread heap, or allocation
    // falls back to a contended path (docs/BENCHMARKS.md): 1,024 classes (3 MB per activation) was
    // fastest and kept the whole space under 1 GB.
    static constexpr std::int64_t kPredictBatch = 1024;

    GnnPredictor(GnnConfig config, std::vector<GnnRegressor> members, TargetScaling scaling, int budgetEpochs,
                 std::string name);

    static constexpr const char* kGnnKind = "gnn";
    static constexpr const char* kLatentKind = "vsgae-latent";
    // Each kind's PredictorKind::shortName. Here rather than in the registry because the trainer, which
    // sits below the registry, starts its models' names with them.
    static constexpr const char* kGnnShortName = "GNN";
    static constexpr const char* kLatentShortName = "VS-GAE latent";
    static constexpr std::size_t kMaxMembers = 64;

    std::string name() const override { return name_; }
    std::string kind() const override { return config_.readsLatentCode() ? kLatentKind : kGnnKind; }
    int budgetEpochs() const override { return budgetEpochs_; }
    std::vector<float> predict(const std::vector<Cell>& cells) const override;
    bool hasIntervals() const override { return !intervals_.empty(); }
    PredictedAccuracies predictWithIntervals(const std::vector<Cell>& cells, double level) const override;
    void save(const std::string& path) const override;
    const LatentCodeScorer* latentCodeScorer() const override { return config_.readsLatentCode() ? this : nullptr; }

    // Scaled outputs of the last target, averaged over members: [B]. No gradients.
    torch::Tensor predictScaled(const GraphTensors& g) const;
    // The same per member: [members, B]. The last layer runs in batches of `batchSize` vertex classes,
    // shared among the compute threads.
    torch::Tensor predictScaledPerMember(const GraphTensors& g, std::int64_t batchSize = kPredictBatch) const;
    // Predictions in accuracy units for already-encoded cells (batches of `batchSize` vertex classes).
    std::vector<float> predictEncoded(const GraphTensors& g, std::int64_t batchSize = kPredictBatch) const;
    // Each member's own predictions in accuracy units, member after member: [members() x cells].
    std::vector<float> predictMembers(const GraphTensors& g) const;
    // With `level` > 0 and a calibration, also the intervals.
    PredictedAccuracies predictEncodedWithIntervals(const GraphTensors& g, double level,
                                                    std::int64_t batchSize = kPredictBatch) const;

    // The calibration of the intervals; one error list per member.
    void setIntervals(PredictionIntervals intervals);
    const PredictionIntervals& intervals() const { return intervals_; }

    void writeTo(ModelArchive& archive) const;
    // Reads what writeTo wrote; throws DataError naming `path` on anything missing or inconsistent.
    static std::shared_ptr<GnnPredictor> readFrom(const ModelArchive& archive, const std::string& path);

    void to(const torch::Device& device);
    const torch::Device& device() const { return device_; }
    const GnnConfig& config() const { return config_; }
    const TargetScaling& scaling() const { return scaling_; }
    std::size_t members() const { return members_.size(); }

private:
    // LatentCodeScorer, for kind "vsgae-latent": the scaled prediction of codes [B, graphDim] averaged
    // over members, keeping the autograd graph so its gradient with respect to the codes can be followed.
    int latentDim() const override { return config_.graphDim; }
    torch::Tensor scoreCodes(const torch::Tensor& codes) const override;
    torch::Tensor scoreCells(const std::vector<Cell>& cells) const override;
    double scoreToAccuracy(double score) const override;

    GnnConfig config_;
    std::vector<GnnRegressor> members_;
    TargetScaling scaling_;
    int budgetEpochs_;
    std::string name_;
    PredictionIntervals intervals_;
    torch::Device device_{torch::kCPU};
    mutable std::mutex mutex_;
};

} // namespace archscope
