#pragma once

#include "model/GnnRegressor.h"
#include "model/Predictor.h"
#include "model/TargetScaling.h"

#include <mutex>

namespace archscope {

// A trained GNN accuracy predictor: one or more GnnRegressor members (an ensemble averages their
// outputs) and the target scaling. Lives on one device; predict() is serialised by a mutex.
class GnnPredictor : public Predictor {
public:
    // Cells per forward pass when predicting. Larger batches share more first-layer states (a third
    // of the vertices are distinct in batches of 128, 16% in batches of 512), but each thread's
    // largest activation must stay below glibc's 64 MB per-thread heap, or allocation falls back to
    // a contended path: 512 cells (39 MB) was fastest (docs/BENCHMARKS.md).
    static constexpr std::int64_t kPredictBatch = 512;

    GnnPredictor(GnnConfig config, std::vector<GnnRegressor> members, TargetScaling scaling, int budgetEpochs,
                 std::string name);

    std::string name() const override { return name_; }
    int budgetEpochs() const override { return budgetEpochs_; }
    std::vector<float> predict(const std::vector<Cell>& cells) const override;
    void save(const std::string& path) const override;

    // Scaled outputs of the last target, averaged over members: [B]. No gradients.
    torch::Tensor predictScaled(const GraphTensors& g) const;
    // For a predictor that reads a VS-GAE's latent code (config().readsLatentCode()): the scaled
    // prediction of codes [B, graphDim] on this predictor's device, averaged over members, [B]; keeps
    // the autograd graph, so its gradient with respect to the codes can be followed.
    torch::Tensor scoreCodes(const torch::Tensor& codes) const;
    // Predictions in accuracy units for already-encoded cells, in batches of `batchSize`.
    std::vector<float> predictEncoded(const GraphTensors& g, std::int64_t batchSize = kPredictBatch) const;

    void writeTo(torch::serialize::OutputArchive& archive) const;
    // Reads what writeTo wrote; throws DataError naming `path` on anything missing or inconsistent.
    static std::shared_ptr<GnnPredictor> readFrom(torch::serialize::InputArchive& archive, const std::string& path);

    void to(const torch::Device& device);
    const torch::Device& device() const { return device_; }
    const GnnConfig& config() const { return config_; }
    const TargetScaling& scaling() const { return scaling_; }
    std::size_t members() const { return members_.size(); }

private:
    GnnConfig config_;
    std::vector<GnnRegressor> members_;
    TargetScaling scaling_;
    int budgetEpochs_;
    std::string name_;
    torch::Device device_{torch::kCPU};
    mutable std::mutex mutex_;
};

} // namespace archscope
