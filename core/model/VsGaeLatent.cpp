// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/VsGaeLatent.h"

#include "cell/EdgeBudget.h"
#include "model/ModelArchive.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace archscope {

namespace {

constexpr const char* kModelName = "vsgae";
constexpr std::int64_t kBatch = 4096;

// A CPU copy in eval mode, so the original can go on training on its device.
VsGae copyToCpu(const VsGae& network)
{
    VsGae copy(network->config);
    copyModuleState(*copy, *network);
    copy->eval();
    return copy;
}

// Per-dimension mean and standard deviation of `codes` ([N, gdim]).
void fitPrior(const torch::Tensor& codes, LatentCode& mean, LatentCode& stddev)
{
    const torch::Tensor c = codes.to(torch::kCPU, torch::kFloat32);
    const torch::Tensor m = c.mean(0).contiguous();
    const torch::Tensor s = (c.size(0) > 1 ? c.std(0) : torch::ones_like(m)).contiguous();
    mean.assign(m.data_ptr<float>(), m.data_ptr<float>() + m.numel());
    stddev.assign(s.data_ptr<float>(), s.data_ptr<float>() + s.numel());
}

torch::Tensor encodeMeans(VsGae network, const GraphTensors& g) // a holder copy: forward() is not const
{
    c10::InferenceMode inference;
    std::vector<torch::Tensor> parts;
    for (std::int64_t begin = 0; begin < g.size(); begin += kBatch) {
        const std::int64_t end = std::min(g.size(), begin + kBatch);
        const GraphTensors batch{g.ops.slice(0, begin, end), g.adj.slice(0, begin, end), g.mask.slice(0, begin, end)};
        parts.push_back(network->encoder->forward(batch).first);
    }
    return parts.empty() ? torch::zeros({0, network->config.graphDim}) : torch::cat(parts, 0);
}

// Decoder output as cells, held to the edge limit when asked, validated and pruned.
std::vector<DecodedCell> toDecodedCells(const DecodedTensors& decoded, bool edgeLimit)
{
    const torch::Tensor opsT = decoded.ops.to(torch::kCPU).contiguous();
    const torch::Tensor adjT = decoded.adj.to(torch::kCPU, torch::kFloat32).contiguous();
    const torch::Tensor logitT = decoded.edgeLogits.to(torch::kCPU, torch::kFloat32).contiguous();
    const torch::Tensor countT = decoded.counts.to(torch::kCPU).contiguous();
    const auto ops = opsT.accessor<std::int64_t, 2>();
    const auto adj = adjT.accessor<float, 3>();
    const auto logit = logitT.accessor<float, 3>();
    const auto counts = countT.accessor<std::int64_t, 1>();
    std::vector<DecodedCell> out(static_cast<std::size_t>(opsT.size(0)));
    for (std::int64_t i = 0; i < opsT.size(0); ++i) {
        // A cell that never emitted the output vertex is kept whole, so validation says what is wrong.
        const int n = counts[i] > 0 ? static_cast<int>(counts[i]) : kMaxVertices;
        std::vector<Op> cellOps;
        std::vector<std::uint32_t> rows(static_cast<std::size_t>(n), 0u);
        std::vector<float> scores(static_cast<std::size_t>(n * n));
        for (int v = 0; v < n; ++v) {
            cellOps.push_back(static_cast<Op>(ops[i][v]));
            for (int w = 0; w < n; ++w) {
                scores[static_cast<std::size_t>(v * n + w)] = logit[i][v][w];
                if (w > v && adj[i][v][w] > 0.5f)
                    rows[static_cast<std::size_t>(v)] |= 1u << w;
            }
        }
        DecodedCell& d = out[static_cast<std::size_t>(i)];
        d.raw = Cell(std::move(cellOps), std::move(rows));
        if (edgeLimit)
            d.raw = withinEdgeBudget(d.raw, scores);
        const CellValidation check = validateCell(d.raw);
        if (check.ok()) {
            d.cell = pruneCell(d.raw);
            d.hash = moduleHash(*d.cell);
        } else {
            d.problem = check.message;
        }
    }
    return out;
}

} // namespace


VsGaeLatentModel::VsGaeLatentModel(VsGae network, LatentCode mean, LatentCode stddev,
                                   std::vector<ModuleHash> trainingHashes, std::string name)
    : network_(std::move(network)), mean_(std::move(mean)), std_(std::move(stddev)), hashes_(std::move(trainingHashes)),
      name_(std::move(name))
{
    const auto dim = static_cast<std::size_t>(network_->config.graphDim);
    if (mean_.size() != dim || std_.size() != dim)
        throw std::invalid_argument("VsGaeLatentModel: the prior has " + std::to_string(mean_.size())
                                    + " dimensions, the model's code " + std::to_string(dim));
    std::sort(hashes_.begin(), hashes_.end());
    network_->to(torch::kCPU);
    network_->eval();
}

torch::Tensor VsGaeLatentModel::encodeTensors(const GraphTensors& g) const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return encodeMeans(network_, g);
}

std::shared_ptr<VsGaeLatentModel> VsGaeLatentModel::fromTraining(const VsGae& network, const GraphTensors& trainGraphs,
                                                                 std::vector<ModuleHash> trainingHashes, std::string name)
{
    VsGae copy = copyToCpu(network);
    LatentCode mean, stddev;
    fitPrior(encodeMeans(copy, trainGraphs), mean, stddev);
    return std::make_shared<VsGaeLatentModel>(copy, std::move(mean), std::move(stddev), std::move(trainingHashes),
                                              std::move(name));
}

std::vector<LatentCode> VsGaeLatentModel::encode(const std::vector<Cell>& cells) const
{
    const torch::Tensor codes = encodeTensors(encodeCells(cells)).contiguous();
    std::vector<LatentCode> out;
    out.reserve(cells.size());
    const auto dim = static_cast<std::size_t>(codes.size(1));
    for (std::int64_t i = 0; i < codes.size(0); ++i) {
        const float* row = codes.data_ptr<float>() + static_cast<std::size_t>(i) * dim;
        out.emplace_back(row, row + dim);
    }
    return out;
}

std::vector<DecodedCell> VsGaeLatentModel::decodeTensor(const torch::Tensor& codes, const DecodeOptions& options) const
{
    std::lock_guard<std::mutex> lock(mutex_);
    c10::InferenceMode inference;
    c10::optional<at::Generator> generator;
    if (options.sample)
        generator = at::detail::createCPUGenerator(options.seed);
    VsGae network = network_; // a holder copy: forward passes are not const
    std::vector<DecodedCell> out;
    for (std::int64_t begin = 0; begin < codes.size(0); begin += kBatch) {
        const torch::Tensor batch = codes.slice(0, begin, std::min(codes.size(0), begin + kBatch)).to(torch::kFloat32);
        for (DecodedCell& d : toDecodedCells(
                 network->decoder->decode(batch, options.sample, options.spaceLimits, generator), options.spaceLimits))
            out.push_back(std::move(d));
    }
    return out;
}

std::vector<DecodedCell> VsGaeLatentModel::decode(const std::vector<LatentCode>& codes, const DecodeOptions& options) const
{
    const auto dim = static_cast<std::size_t>(latentDim());
    torch::Tensor t = torch::empty({static_cast<std::int64_t>(codes.size()), static_cast<std::int64_t>(dim)});
    for (std::size_t i = 0; i < codes.size(); ++i) {
        if (codes[i].size() != dim)
            throw std::invalid_argument("decode: code " + std::to_string(i) + " has " + std::to_string(codes[i].size())
                                        + " entries, the model's latent space " + std::to_string(dim));
        std::memcpy(t.data_ptr<float>() + i * dim, codes[i].data(), dim * sizeof(float));
    }
    return decodeTensor(t, options);
}

void VsGaeLatentModel::writeTo(ModelArchive& archive) const
{
    const nlohmann::json config = {{"model", kModelName}, {"vsgae", network_->config.toJson()}, {"name", name_},
                                   {"latent_mean", mean_}, {"latent_std", std_}};
    archive.writeModelConfig(config.dump());
    ModelArchive weights;
    weights.writeModule(*network_);
    archive.write("network", weights);
    torch::Tensor hashes = torch::empty({static_cast<std::int64_t>(hashes_.size()), 16}, torch::kUInt8);
    for (std::size_t i = 0; i < hashes_.size(); ++i)
        std::memcpy(hashes.data_ptr<std::uint8_t>() + 16 * i, hashes_[i].bytes.data(), 16);
    archive.write("training_hashes", hashes);
}

void VsGaeLatentModel::save(const std::string& path) const
{
    std::lock_guard<std::mutex> lock(mutex_);
    ModelArchive archive;
    writeTo(archive);
    saveArchiveAtomically(archive, path);
}

std::shared_ptr<VsGaeLatentModel> VsGaeLatentModel::readFrom(const ModelArchive& archive, const std::string& path)
{
    try {
        const nlohmann::json config = nlohmann::json::parse(archive.requireString("config", path));
        const std::string model = config.at("model").get<std::string>();
        if (model != kModelName)
            throw DataError(path + ": holds a \"" + model + "\" model, not a VS-GAE");
        const VsGaeConfig vae = VsGaeConfig::fromJson(config.at("vsgae"));
        VsGae network(vae);
        const auto weights = archive.nested("network");
        if (!weights)
            throw DataError(path + ": missing \"network\"");
        weights->loadModule(*network, path + ": network");
        torch::Tensor hashes = archive.tensor("training_hashes").value_or(torch::Tensor());
        if (!hashes.defined() || hashes.dim() != 2 || hashes.size(1) != 16 || hashes.scalar_type() != torch::kUInt8)
            throw DataError(path + ": missing or malformed \"training_hashes\"");
        hashes = hashes.contiguous();
        std::vector<ModuleHash> training(static_cast<std::size_t>(hashes.size(0)));
        for (std::size_t i = 0; i < training.size(); ++i)
            std::memcpy(training[i].bytes.data(), hashes.data_ptr<std::uint8_t>() + 16 * i, 16);
        return std::make_shared<VsGaeLatentModel>(network, config.at("latent_mean").get<LatentCode>(),
                                                  config.at("latent_std").get<LatentCode>(), std::move(training),
                                                  config.at("name").get<std::string>());
    } catch (const nlohmann::json::exception& e) {
        throw DataError(path + ": malformed model configuration: " + e.what());
    } catch (const std::invalid_argument& e) {
        throw DataError(path + ": " + e.what());
    }
}

std::shared_ptr<LatentModel> loadLatentModel(const std::string& path)
{
    const ModelArchive archive = openModelArchive(path);
    return readingArchive(path, [&] { return VsGaeLatentModel::readFrom(archive, path); });
}

} // namespace archscope
