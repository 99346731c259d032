// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/GnnPredictor.h"

#include "data/Record.h"
#include "model/ModelArchive.h"
#include "runtime/Runtime.h"
#include "util/Errors.h"
#include "util/Parallel.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace archscope {

GnnPredictor::GnnPredictor(GnnConfig config, std::vector<GnnRegressor> members, TargetScaling scaling, int budgetEpochs,
                           std::string name)
    : config_(config), members_(std::move(members)), scaling_(std::move(scaling)), budgetEpochs_(budgetEpochs),
      name_(std::move(name))
{
    if (members_.empty())
        throw std::invalid_argument("GnnPredictor needs at least one member");
    if (scaling_.outputs.size() != static_cast<std::size_t>(config_.outputs))
        throw std::invalid_argument("GnnPredictor: target scaling does not match the model's outputs");
    for (auto& m : members_)
        m->eval();
}

void GnnPredictor::to(const torch::Device& device)
{
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& m : members_)
        m->to(device);
    device_ = device;
}

torch::Tensor GnnPredictor::predictScaledPerMember(const GraphTensors& g, std::int64_t batchSize) const
{
    c10::InferenceMode inference;
    const std::int64_t cells = g.size();
    const auto memberCount = static_cast<std::int64_t>(members_.size());
    const torch::Tensor out = torch::empty({memberCount, cells}, torch::TensorOptions(device_).dtype(torch::kFloat32));
    if (cells == 0)
        return out;
    // Every layer runs once per vertex class (VertexClasses), and so does the readout's term of a vertex;
    // a cell's embedding is the sum of its vertices' terms.
    const int layers = config_.layers;
    const VertexClasses classes = VertexClasses::refine(g, layers).to(device_);
    const std::int64_t count = classes.count();
    const std::int64_t batches = (count + batchSize - 1) / batchSize;
    const int workers = device_.is_cpu() ? static_cast<int>(std::min<std::int64_t>(computeThreads(), batches)) : 1;
    for (std::int64_t j = 0; j < memberCount; ++j) {
        GnnRegressor member = members_[static_cast<std::size_t>(j)]; // a holder copy: forward() is not const
        // Row K stays zero: the padding's class.
        const torch::Tensor terms = torch::zeros({count + 1, config_.graphDim}, out.options());
        if (layers == 0) {
            terms.slice(0, 0, count).copy_(member->readout->perVertex(member->encoder->embedding->weight));
        } else {
            GnnLayerImpl* last = member->encoder->layers[static_cast<std::size_t>(layers - 1)]->as<GnnLayer>();
            const VertexClasses::Round& round = classes.rounds.back();
            const GnnLayerImpl::Projection before =
                last->project(member->encoder->classStates(classes, static_cast<std::size_t>(layers - 1)), round.count);
            const auto termsOfBatch = [&](std::int64_t b) {
                c10::InferenceMode perThread;
                const std::int64_t begin = b * batchSize;
                const std::int64_t end = std::min(count, begin + batchSize);
                terms.slice(0, begin, end).copy_(member->readout->perVertex(last->forwardOnClasses(before, round, begin, end)));
            };
            if (workers > 1) {
                // The products of a batch are too small for a multi-threaded BLAS to gain anything
                // (measured: the same speed with one OpenBLAS thread as with two), so the batches are
                // shared among threads instead, each with a single-threaded BLAS.
                const SingleThreadedBlas singleThreaded;
                parallelFor(static_cast<std::size_t>(batches), 1, workers, [&](std::size_t first, std::size_t lastBatch) {
                    for (std::size_t b = first; b < lastBatch; ++b)
                        termsOfBatch(static_cast<std::int64_t>(b));
                });
            } else {
                for (std::int64_t b = 0; b < batches; ++b)
                    termsOfBatch(b);
            }
        }
        // The sums and the MLP are cheap; in chunks, so that the gathered terms stay small.
        constexpr std::int64_t kChunk = 16384;
        const std::int64_t n = g.ops.size(1);
        for (std::int64_t begin = 0; begin < cells; begin += kChunk) {
            const std::int64_t end = std::min(cells, begin + kChunk);
            const torch::Tensor of = classes.classOf.slice(0, begin, end).reshape({-1});
            const torch::Tensor embedding = terms.index_select(0, of).view({end - begin, n, config_.graphDim}).sum(1);
            out[j].slice(0, begin, end).copy_(member->head(embedding).select(1, config_.outputs - 1));
        }
    }
    return out;
}

torch::Tensor GnnPredictor::predictScaled(const GraphTensors& g) const
{
    c10::InferenceMode inference;
    return predictScaledPerMember(g).mean(0);
}

torch::Tensor GnnPredictor::scoreCodes(const torch::Tensor& codes) const
{
    std::lock_guard<std::mutex> lock(mutex_);
    const torch::Tensor onDevice = codes.to(device_);
    torch::Tensor sum;
    for (GnnRegressor m : members_) { // a holder copy: forward() is not const
        const torch::Tensor out = m->head(onDevice).select(1, config_.outputs - 1);
        sum = sum.defined() ? sum + out : out;
    }
    return sum / static_cast<double>(members_.size());
}

torch::Tensor GnnPredictor::scoreCells(const std::vector<Cell>& cells) const
{
    return predictScaled(encodeCells(cells));
}

double GnnPredictor::scoreToAccuracy(double score) const
{
    // The monotone map extrapolates linearly past the training range; an accuracy stays in [0, 1].
    return std::clamp(scaling_.target().toValue(score), 0.0, 1.0);
}

void GnnPredictor::setIntervals(PredictionIntervals intervals)
{
    if (!intervals.empty() && intervals.members() != members_.size() && intervals.members() != 1)
        throw std::invalid_argument("a calibration of " + std::to_string(intervals.members()) + " members for a model of "
                                    + std::to_string(members_.size()));
    intervals_ = std::move(intervals);
}

PredictedAccuracies GnnPredictor::predictEncodedWithIntervals(const GraphTensors& g, double level,
                                                              std::int64_t batchSize) const
{
    const bool withIntervals = level > 0 && !intervals_.empty();
    if (withIntervals)
        checkedIntervalLevel(level);
    std::lock_guard<std::mutex> lock(mutex_);
    const auto count = static_cast<std::size_t>(g.size());
    PredictedAccuracies out;
    out.value.resize(count);
    if (withIntervals) {
        out.low.resize(count);
        out.high.resize(count);
    }
    const torch::Tensor perMember = predictScaledPerMember(g, batchSize).to(torch::kCPU, torch::kFloat32).contiguous();
    const torch::Tensor mean = perMember.mean(0).contiguous();
    const float* scores = mean.data_ptr<float>();
    const float* memberScores = perMember.data_ptr<float>();
    const auto toAccuracy = [this](float score) { return static_cast<float>(scoreToAccuracy(score)); };
    // One calibration list: the ensemble mean's errors; one per member: each member's (CV+).
    const bool ofMean = intervals_.members() == 1;
    parallelFor(count, 4096, computeThreads(), [&](std::size_t begin, std::size_t end) {
        std::vector<float> members(members_.size());
        for (std::size_t i = begin; i < end; ++i) {
            out.value[i] = toAccuracy(scores[i]);
            if (!withIntervals)
                continue;
            for (std::size_t j = 0; j < members.size(); ++j)
                members[j] = toAccuracy(memberScores[j * count + i]);
            const auto [low, high] = intervals_.interval(ofMean ? &out.value[i] : members.data(), level);
            out.low[i] = low;
            out.high[i] = high;
        }
    });
    // Finite weights can still overflow: a model whose weights were altered (and its checksum fixed)
    // answers with an error rather than with NaN as an accuracy.
    const auto nan = std::find_if(out.value.begin(), out.value.end(), [](float p) { return std::isnan(p); });
    if (nan != out.value.end())
        throw DataError("the model \"" + name_ + "\" gives no number for cell " + std::to_string(nan - out.value.begin() + 1)
                        + " of " + std::to_string(out.value.size()) + ": its weights overflow (a damaged or altered model file?)");
    return out;
}

std::vector<float> GnnPredictor::predictEncoded(const GraphTensors& g, std::int64_t batchSize) const
{
    return predictEncodedWithIntervals(g, 0, batchSize).value;
}

std::vector<float> GnnPredictor::predictMembers(const GraphTensors& g) const
{
    std::lock_guard<std::mutex> lock(mutex_);
    const torch::Tensor perMember = predictScaledPerMember(g).to(torch::kCPU, torch::kFloat32).contiguous();
    std::vector<float> out(static_cast<std::size_t>(perMember.numel()));
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<float>(scoreToAccuracy(perMember.data_ptr<float>()[static_cast<std::int64_t>(i)]));
    return out;
}

std::vector<float> GnnPredictor::predict(const std::vector<Cell>& cells) const
{
    return predictEncoded(encodeCells(cells));
}

PredictedAccuracies GnnPredictor::predictWithIntervals(const std::vector<Cell>& cells, double level) const
{
    return predictEncodedWithIntervals(encodeCells(cells), checkedIntervalLevel(level));
}

void GnnPredictor::writeTo(ModelArchive& archive) const
{
    const nlohmann::json config = {{"model", kind()},
                                   {"gnn", config_.toJson()},
                                   {"members", members_.size()},
                                   {"budget_epochs", budgetEpochs_},
                                   {"name", name_},
                                   {"targets", scaling_.toJson()}};
    archive.writeModelConfig(config.dump());
    for (std::size_t i = 0; i < members_.size(); ++i) {
        ModelArchive member;
        member.writeModule(*members_[i]);
        archive.write("member" + std::to_string(i), member);
    }
    intervals_.writeTo(archive);
}

void GnnPredictor::save(const std::string& path) const
{
    std::lock_guard<std::mutex> lock(mutex_);
    ModelArchive archive;
    writeTo(archive);
    saveArchiveAtomically(archive, path);
}

std::shared_ptr<GnnPredictor> GnnPredictor::readFrom(const ModelArchive& archive, const std::string& path)
{
    nlohmann::json config;
    try {
        config = nlohmann::json::parse(archive.requireString("config", path));
        const GnnConfig gnn = GnnConfig::fromJson(config.at("gnn"));
        // Files written before the registry say "gnn" for both kinds; the encoder tells them apart.
        const auto kind = config.at("model").get<std::string>();
        if (kind != kGnnKind && kind != (gnn.readsLatentCode() ? kLatentKind : kGnnKind))
            throw DataError(path + ": holds a \"" + kind + "\" model whose network is not one");
        const auto count = config.at("members").get<std::size_t>();
        if (count < 1 || count > kMaxMembers)
            throw DataError(path + ": implausible ensemble size " + std::to_string(count));
        std::vector<GnnRegressor> members;
        for (std::size_t i = 0; i < count; ++i) {
            const std::string key = "member" + std::to_string(i);
            const auto member = archive.nested(key);
            if (!member)
                throw DataError(path + ": missing \"" + key + "\"");
            GnnRegressor m(gnn);
            member->loadModule(*m, path + ": " + key);
            members.push_back(m);
        }
        TargetScaling scaling = TargetScaling::fromJson(config.at("targets"));
        const int budget = config.at("budget_epochs").get<int>();
        if (budgetIndex(budget) < 0)
            throw DataError(path + ": budget_epochs " + std::to_string(budget) + " is not one of 4, 12, 36, 108");
        auto predictor = std::make_shared<GnnPredictor>(gnn, std::move(members), std::move(scaling), budget,
                                                        config.at("name").get<std::string>());
        predictor->setIntervals(PredictionIntervals::readFrom(archive, count, path));
        return predictor;
    } catch (const nlohmann::json::exception& e) {
        throw DataError(path + ": malformed model configuration: " + e.what());
    } catch (const std::invalid_argument& e) {
        throw DataError(path + ": " + e.what());
    }
}

} // namespace archscope
