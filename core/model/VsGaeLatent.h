// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "model/LatentModel.h"
#include "model/VsGaeModel.h"

#include <mutex>

namespace archscope {

class ModelArchive;

// A trained VS-GAE as a LatentModel: the network (kept on the CPU, where small batches of decoding are
// fastest), the prior fitted to the training codes and the training cells' hashes.
class VsGaeLatentModel : public LatentModel {
public:
    VsGaeLatentModel(VsGae network, LatentCode mean, LatentCode stddev, std::vector<ModuleHash> trainingHashes,
                     std::string name);

    std::string name() const override { return name_; }
    int latentDim() const override { return network_->config.graphDim; }
    std::vector<LatentCode> encode(const std::vector<Cell>& cells) const override;
    std::vector<DecodedCell> decode(const std::vector<LatentCode>& codes, const DecodeOptions& options = {}) const override;
    const LatentCode& latentMean() const override { return mean_; }
    const LatentCode& latentStd() const override { return std_; }
    const std::vector<ModuleHash>& trainingHashes() const override { return hashes_; }
    void save(const std::string& path) const override;

    const VsGaeConfig& config() const { return network_->config; }
    // The network itself, for building on its trained parts (e.g. a predictor on its encoder); do
    // not run it while another thread uses this model.
    const VsGae& network() const { return network_; }
    // Latent means of already-encoded cells, [B, gdim] on the CPU.
    torch::Tensor encodeTensors(const GraphTensors& g) const;
    std::vector<DecodedCell> decodeTensor(const torch::Tensor& codes, const DecodeOptions& options = {}) const;

    // A CPU copy of `network` (e.g. one being trained on a GPU) with the prior fitted to the codes of
    // `trainGraphs` (training cells).
    static std::shared_ptr<VsGaeLatentModel> fromTraining(const VsGae& network, const GraphTensors& trainGraphs,
                                                          std::vector<ModuleHash> trainingHashes, std::string name);

    void writeTo(ModelArchive& archive) const;
    // Reads what writeTo wrote; throws DataError naming `path` on anything missing or inconsistent.
    static std::shared_ptr<VsGaeLatentModel> readFrom(const ModelArchive& archive, const std::string& path);

private:
    VsGae network_;
    LatentCode mean_, std_;
    std::vector<ModuleHash> hashes_;
    std::string name_;
    mutable std::mutex mutex_;
};

} // namespace archscope
