// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "train/TrainingSupport.h"

#include "train/ParallelSettings.h"
#include "util/Errors.h"

#include <cmath>
#include <cstdlib>
#include <limits>

namespace archscope {

void seededShuffle(std::vector<std::int64_t>& v, std::mt19937_64& rng)
{
    for (std::size_t i = v.size(); i > 1; --i) {
        const std::uint64_t bound = i;
        const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
        std::uint64_t x;
        do {
            x = rng();
        } while (x >= limit);
        std::swap(v[i - 1], v[static_cast<std::size_t>(x % bound)]);
    }
}

double cosineLearningRate(double base, int epoch, int epochs)
{
    const double progress = epochs > 1 ? static_cast<double>(epoch) / static_cast<double>(epochs) : 0.0;
    return base * 0.5 * (1.0 + std::cos(M_PI * progress));
}

void setLearningRate(torch::optim::Optimizer& optimizer, double lr)
{
    for (auto& group : optimizer.param_groups())
        group.options().set_lr(lr);
}

torch::Device resolveDevice(const std::string& name)
{
    if (name == "cuda" || (name == "auto" && torch::cuda::is_available())) {
        if (!torch::cuda::is_available())
            throw std::invalid_argument("device \"cuda\" requested but this LibTorch has no usable CUDA device");
        // The ranks of a data-parallel run on one node take a GPU each, as torchrun's LOCAL_RANK says.
        const auto parallel = parallelSettingsFrom([](const char* n) { return std::getenv(n); });
        const int local = parallel ? parallel->localRank : 0;
        return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(local % static_cast<int>(torch::cuda::device_count())));
    }
    if (name != "cpu" && name != "auto")
        throw std::invalid_argument("device must be auto, cpu or cuda, not \"" + name + "\"");
    return torch::Device(torch::kCPU);
}

namespace {

torch::Tensor indexTensor(const std::vector<std::size_t>& v)
{
    return torch::tensor(std::vector<std::int64_t>(v.begin(), v.end()), torch::kInt64);
}

std::vector<std::size_t> indexVector(const torch::Tensor& t)
{
    const torch::Tensor c = t.to(torch::kInt64).contiguous();
    return std::vector<std::size_t>(c.data_ptr<std::int64_t>(), c.data_ptr<std::int64_t>() + c.numel());
}

} // namespace

void writeSplit(ModelArchive& archive, const Split& split)
{
    archive.write("split_train", indexTensor(split.train));
    archive.write("split_validation", indexTensor(split.validation));
    archive.write("split_test", indexTensor(split.test));
}

Split readSplit(const ModelArchive& archive, std::size_t datasetSize, const std::string& path)
{
    Split split;
    for (auto [key, part] : {std::pair{"split_train", &split.train}, std::pair{"split_validation", &split.validation},
                             std::pair{"split_test", &split.test}}) {
        const auto t = archive.tensor(key);
        if (!t || t->scalar_type() != torch::kInt64 || t->dim() != 1)
            throw DataError(path + ": missing or malformed \"" + key + "\"");
        *part = indexVector(*t);
        for (std::size_t i : *part)
            if (i >= datasetSize)
                throw DataError(path + ": split refers to record " + std::to_string(i) + " but the dataset has "
                                + std::to_string(datasetSize));
    }
    return split;
}

Split runSplit(const Dataset& data, const SplitOptions& options, const ModelArchive* checkpoint,
               const std::string& path, bool validationFromTraining)
{
    const Split split = checkpoint ? readSplit(*checkpoint, data.size(), path) : makeSplit(data, options);
    if (split.train.empty() || (split.validation.empty() && !validationFromTraining))
        throw std::invalid_argument("training needs at least one training and one validation cell");
    return split;
}

} // namespace archscope
