// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ghn/GhnPredictor.h"

#include "model/ModelArchive.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace archscope {

namespace {

nlohmann::json sourceJson(const GhnTaskSource& s)
{
    return {{"task", s.task}, {"dir", s.dir}, {"score_images", s.scoreImages}};
}

} // namespace

GhnPredictor::GhnPredictor(GraphHyperNetwork ghn, GhnTaskSource source, std::string name)
    : ghn_(std::move(ghn)), source_(std::move(source)), name_(std::move(name))
{
    ghn_->eval();
}

const ImageTask& GhnPredictor::images() const
{
    if (!images_) {
        try {
            images_ = loadImageTask(source_.task, source_.dir);
        } catch (const std::exception& e) {
            throw DataError("the GHN scores cells on " + source_.task + " images: " + e.what()
                            + (source_.task == "fashion-mnist" ? " (install Debian's dataset-fashion-mnist)" : ""));
        }
        const ImageSplit& v = images_->validation;
        const std::int64_t n = std::min(source_.scoreImages, v.size());
        const torch::Tensor rows = torch::arange(n, torch::kInt64);
        scoreImages_ = images_->batch(v, rows, false, torch::kCPU);
        scoreLabels_ = v.labels.index_select(0, rows);
    }
    return *images_;
}

GhnScore GhnPredictor::scoreWith(GraphHyperNetworkImpl& ghn, const Cell& cell, const torch::Tensor& images,
                                 const torch::Tensor& labels)
{
    c10::InferenceMode inference;
    NetworkConfig net = ghn.config().network;
    const NetworkPlan plan = buildNetworkPlan(cell, net);
    const PlanWeights w = ghn.generate(plan, ghnGraph(plan));
    const torch::Device device = ghn.parameters().front().device();
    std::int64_t correct = 0;
    double loss = 0;
    const std::int64_t n = images.size(0);
    for (std::int64_t at = 0; at < n; at += kScoreBatch) {
        const std::int64_t len = std::min(kScoreBatch, n - at);
        const torch::Tensor x = images.narrow(0, at, len).to(device);
        const torch::Tensor y = labels.narrow(0, at, len).to(device);
        const torch::Tensor logits = runNetworkPlan(plan, w, x, true);
        correct += logits.argmax(1).eq(y).sum().item<std::int64_t>();
        loss += torch::cross_entropy_loss(logits, y, {}, at::Reduction::Sum).item<double>();
    }
    return {static_cast<double>(correct) / static_cast<double>(n), loss / static_cast<double>(n)};
}

std::vector<GhnScore> GhnPredictor::score(const std::vector<Cell>& cells) const
{
    std::lock_guard<std::mutex> lock(mutex_);
    images();
    std::vector<GhnScore> out;
    out.reserve(cells.size());
    for (const Cell& c : cells)
        out.push_back(scoreWith(*ghn_.ptr(), c, scoreImages_, scoreLabels_));
    return out;
}

double GhnScore::score() const
{
    return std::exp(-loss);
}

std::vector<float> GhnPredictor::predict(const std::vector<Cell>& cells) const
{
    std::vector<float> out;
    for (const GhnScore& s : score(cells))
        out.push_back(static_cast<float>(s.score()));
    return out;
}

void GhnPredictor::writeTo(ModelArchive& archive) const
{
    archive.writeModelConfig(
        nlohmann::json{{"model", kKind}, {"ghn", ghn_->config().toJson()}, {"source", sourceJson(source_)}, {"name", name_}}
            .dump());
    ModelArchive weights;
    weights.writeModule(*ghn_);
    archive.write("ghn", weights);
}

void GhnPredictor::save(const std::string& path) const
{
    std::lock_guard<std::mutex> lock(mutex_);
    ModelArchive archive;
    writeTo(archive);
    saveArchiveAtomically(archive, path);
}

std::shared_ptr<GhnPredictor> GhnPredictor::readFrom(const ModelArchive& archive, const std::string& path)
{
    try {
        const auto config = nlohmann::json::parse(archive.requireString("config", path));
        const GhnConfig ghnConfig = GhnConfig::fromJson(config.at("ghn"));
        GhnTaskSource source;
        source.task = config.at("source").at("task");
        source.dir = config.at("source").at("dir");
        source.scoreImages = config.at("source").at("score_images");
        if (source.scoreImages < 1 || source.scoreImages > 100000)
            throw DataError(path + ": score_images " + std::to_string(source.scoreImages) + " is outside [1, 100000]");
        const auto weights = archive.nested("ghn");
        if (!weights)
            throw DataError(path + ": missing \"ghn\"");
        GraphHyperNetwork ghn(ghnConfig);
        weights->loadModule(*ghn, path + ": ghn");
        return std::make_shared<GhnPredictor>(ghn, source, config.at("name").get<std::string>());
    } catch (const nlohmann::json::exception& e) {
        throw DataError(path + ": malformed GHN configuration: " + e.what());
    } catch (const std::invalid_argument& e) {
        throw DataError(path + ": " + e.what());
    }
}

Cell randomSpaceCell(std::mt19937_64& rng)
{
    std::uniform_int_distribution<int> bit(0, 1), op(0, kNumInteriorOps - 1);
    for (;;) {
        std::vector<Op> ops{Op::Input};
        for (int v = 1; v < 6; ++v)
            ops.push_back(kInteriorOps[op(rng)]);
        ops.push_back(Op::Output);
        std::vector<std::vector<int>> m(7, std::vector<int>(7, 0));
        for (int i = 0; i < 7; ++i)
            for (int j = i + 1; j < 7; ++j)
                m[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = bit(rng);
        const Cell cell(ops, m);
        if (validateCell(cell).ok())
            return canonicalCell(cell);
    }
}

} // namespace archscope
