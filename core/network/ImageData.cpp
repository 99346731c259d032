// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "network/ImageData.h"

#include "runtime/Runtime.h"
#include "util/Errors.h"
#include "util/GzipFile.h"
#include "util/InputFile.h"

#include <cstring>
#include <filesystem>
#include <fstream>

namespace archscope {

namespace {

constexpr std::int64_t kValidationImages = 10000;
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 31;

std::uint32_t bigEndian32(const std::string& data, std::size_t at)
{
    const auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + k])); };
    return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

// The first of `dir`/`name` and `dir`/`name`.gz that exists.
std::string findFile(const std::string& dir, const std::string& name)
{
    for (const std::string& candidate : {dir + "/" + name + ".gz", dir + "/" + name})
        if (std::filesystem::exists(candidate))
            return candidate;
    throw DataError(dir + ": no " + name + "(.gz)");
}

torch::Tensor bytesTensor(const std::string& data, std::size_t offset, std::vector<std::int64_t> shape)
{
    torch::Tensor t = torch::empty(shape, torch::kUInt8);
    std::memcpy(t.data_ptr<std::uint8_t>(), data.data() + offset, static_cast<std::size_t>(t.numel()));
    return t;
}

// An IDX file (big-endian magic 0x0000080D, D dimensions, then unsigned bytes) of `dims` dimensions.
torch::Tensor readIdx(const std::string& path, int dims)
{
    std::string data;
    try {
        data = readGzipFile(path, kMaxFileBytes);
    } catch (const std::runtime_error& e) {
        throw DataError(e.what());
    }
    const std::size_t header = 4 + 4 * static_cast<std::size_t>(dims);
    if (data.size() < header || bigEndian32(data, 0) != 0x800u + static_cast<std::uint32_t>(dims))
        throw DataError(path + ": not an IDX file of unsigned bytes with " + std::to_string(dims) + " dimension(s)");
    std::vector<std::int64_t> shape;
    std::uint64_t count = 1;
    for (int d = 0; d < dims; ++d) {
        const std::uint32_t n = bigEndian32(data, 4 + 4 * static_cast<std::size_t>(d));
        if (n == 0 || n > (1u << 24))
            throw DataError(path + ": dimension " + std::to_string(d) + " has size " + std::to_string(n));
        shape.push_back(n);
        count *= n;
        // Checked per dimension, so the product never wraps (each factor is at most 2^24) and a header
        // that announces more than any file may hold is named here, not inside LibTorch's allocator.
        if (count > kMaxFileBytes)
            throw DataError(path + ": the header announces more than " + std::to_string(kMaxFileBytes) + " bytes of data");
    }
    if (data.size() - header != count)
        throw DataError(path + ": " + std::to_string(data.size() - header) + " data bytes, the header announces "
                        + std::to_string(count));
    return bytesTensor(data, header, shape);
}

void checkLabels(const torch::Tensor& labels, int classes, const std::string& path)
{
    const std::int64_t top = labels.max().item<std::int64_t>();
    if (top >= classes)
        throw DataError(path + ": label " + std::to_string(top) + " is not one of the " + std::to_string(classes)
                        + " classes");
}

// Holds out NAS-Bench-101's validation images from the end of the training images.
void splitValidation(ImageTask& task, ImageSplit all)
{
    const std::int64_t n = all.size();
    const std::int64_t held = n > 2 * kValidationImages ? kValidationImages : n / 5;
    if (held < 1)
        throw DataError(task.name + ": " + std::to_string(n) + " training images leave none for validation");
    task.train = {all.images.narrow(0, 0, n - held), all.labels.narrow(0, 0, n - held)};
    task.validation = {all.images.narrow(0, n - held, held), all.labels.narrow(0, n - held, held)};
}

ImageSplit readIdxPair(const std::string& dir, const std::string& prefix)
{
    const std::string imagesPath = findFile(dir, prefix + "-images-idx3-ubyte");
    const std::string labelsPath = findFile(dir, prefix + "-labels-idx1-ubyte");
    torch::Tensor images = readIdx(imagesPath, 3);
    torch::Tensor labels = readIdx(labelsPath, 1).to(torch::kInt64);
    if (images.size(0) != labels.size(0))
        throw DataError(labelsPath + ": " + std::to_string(labels.size(0)) + " labels for "
                        + std::to_string(images.size(0)) + " images in " + imagesPath);
    checkLabels(labels, 10, labelsPath);
    return {images.unsqueeze(1), labels};
}

ImageSplit readCifarFiles(const std::vector<std::string>& paths)
{
    constexpr std::size_t kRecord = 1 + 3 * 32 * 32;
    std::vector<torch::Tensor> images, labels;
    for (const std::string& path : paths) {
        requireRegularFile(path);
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw DataError(path + ": cannot open");
        const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (data.empty() || data.size() % kRecord != 0)
            throw DataError(path + ": " + std::to_string(data.size()) + " bytes is not a whole number of "
                            + std::to_string(kRecord) + "-byte CIFAR-10 records");
        const auto n = static_cast<std::int64_t>(data.size() / kRecord);
        const torch::Tensor records = bytesTensor(data, 0, {n, static_cast<std::int64_t>(kRecord)});
        torch::Tensor l = records.select(1, 0).to(torch::kInt64);
        checkLabels(l, 10, path);
        labels.push_back(l);
        images.push_back(records.narrow(1, 1, kRecord - 1).reshape({n, 3, 32, 32}));
    }
    return {torch::cat(images), torch::cat(labels)};
}

} // namespace

torch::Tensor ImageTask::batch(const ImageSplit& split, const torch::Tensor& rows, bool augment, torch::Device device) const
{
    torch::Tensor x = split.images.index_select(0, rows.to(torch::kCPU)).to(device);
    if (augment) {
        const std::int64_t b = x.size(0);
        const torch::Tensor padded = torch::constant_pad_nd(x, {4, 4, 4, 4}, 0);
        torch::Tensor offsets, flips;
        {
            const auto drawing = lockTorchGenerator();
            offsets = torch::randint(0, 9, {b, 2}, torch::kInt64);
            flips = torch::rand({b}) < 0.5;
        }
        const auto off = offsets.accessor<std::int64_t, 2>();
        const auto flip = flips.accessor<bool, 1>();
        std::vector<torch::Tensor> crops;
        crops.reserve(static_cast<std::size_t>(b));
        for (std::int64_t i = 0; i < b; ++i) {
            torch::Tensor crop = padded[i].narrow(1, off[i][0], height).narrow(2, off[i][1], width);
            crops.push_back(flip[i] ? crop.flip({2}) : crop);
        }
        x = torch::stack(crops);
    }
    const auto opts = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    const torch::Tensor m = torch::tensor(mean, opts).view({1, -1, 1, 1});
    const torch::Tensor s = torch::tensor(stddev, opts).view({1, -1, 1, 1});
    return (x.to(torch::kFloat32) - m) / s;
}

ImageTask loadFashionMnist(const std::string& dir)
{
    ImageTask task;
    task.name = "fashion-mnist";
    task.channels = 1;
    task.classes = 10;
    ImageSplit all = readIdxPair(dir, "train");
    task.test = readIdxPair(dir, "t10k");
    task.height = static_cast<int>(all.images.size(2));
    task.width = static_cast<int>(all.images.size(3));
    if (task.test.images.size(2) != task.height || task.test.images.size(3) != task.width)
        throw DataError(dir + ": test images are not the size of the training images");
    splitValidation(task, all);
    const torch::Tensor pixels = task.train.images.to(torch::kFloat32);
    task.mean = {pixels.mean().item<float>()};
    task.stddev = {std::max(1e-3f, pixels.std().item<float>())};
    return task;
}

ImageTask loadCifar10(const std::string& dir)
{
    ImageTask task;
    task.name = "cifar10";
    task.channels = 3;
    task.height = task.width = 32;
    task.classes = 10;
    std::vector<std::string> trainFiles;
    for (int i = 1; i <= 5; ++i)
        trainFiles.push_back(dir + "/data_batch_" + std::to_string(i) + ".bin");
    splitValidation(task, readCifarFiles(trainFiles));
    task.test = readCifarFiles({dir + "/test_batch.bin"});
    task.mean = {125.31f, 122.95f, 113.87f}; // cifar.py's RGB_MEAN and RGB_STD
    task.stddev = {62.99f, 62.09f, 66.70f};
    return task;
}

ImageTask loadImageTask(const std::string& name, const std::string& dir)
{
    if (name == "fashion-mnist")
        return loadFashionMnist(dir.empty() ? kFashionMnistDir : dir);
    if (name == "cifar10") {
        if (dir.empty())
            throw std::invalid_argument("the cifar10 task needs the folder of its binary files (data_batch_1.bin …)");
        return loadCifar10(dir);
    }
    throw std::invalid_argument("unknown task '" + name + "': choose fashion-mnist or cifar10");
}

void setTaskInput(NetworkConfig& network, const std::string& name)
{
    if (name == "fashion-mnist") {
        network.inputChannels = 1;
        network.inputHeight = network.inputWidth = 28;
    } else if (name == "cifar10") {
        network.inputChannels = 3;
        network.inputHeight = network.inputWidth = 32;
    } else {
        throw std::invalid_argument("unknown task '" + name + "': choose fashion-mnist or cifar10");
    }
    network.numClasses = 10;
}

void limitTrainingImages(ImageTask& task, std::int64_t n)
{
    if (n < 0)
        throw std::invalid_argument("the training subset size must be >= 0, not " + std::to_string(n));
    if (n > 0 && n < task.train.size())
        task.train = {task.train.images.narrow(0, 0, n), task.train.labels.narrow(0, 0, n)};
}

} // namespace archscope
