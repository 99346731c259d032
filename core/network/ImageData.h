// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/NetworkParams.h"

#include <torch/torch.h>

#include <cstdint>
#include <string>

namespace archscope {

// Images as bytes (N x C x H x W, uint8) with their class labels (N, int64); batches are normalised
// when they are taken (ImageTask::batch), so a data set costs one byte per pixel.
struct ImageSplit {
    torch::Tensor images;
    torch::Tensor labels;
    std::int64_t size() const { return labels.defined() ? labels.size(0) : 0; }
};

// A classification task: NAS-Bench-101's split of the training images into training and validation
// (the last 10,000, as its CIFAR-10 files hold out data_batch_5; the last fifth of a set of at most
// 20,000), and the test set.
struct ImageTask {
    std::string name;        // "fashion-mnist" or "cifar10"
    int channels = 0, height = 0, width = 0, classes = 0;
    std::vector<float> mean; // per channel, in byte units
    std::vector<float> stddev;
    ImageSplit train, validation, test;

    // Normalised float images of `rows` of `split` on `device`; `augment` applies NAS-Bench-101's
    // training preprocessing (zero padding by 4, a random crop back to size, a random horizontal flip)
    // from LibTorch's global generator.
    torch::Tensor batch(const ImageSplit& split, const torch::Tensor& rows, bool augment, torch::Device device) const;
};

inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist"; // Debian's dataset-fashion-mnist

// Fashion-MNIST from its four IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
// t10k-…), gzip-compressed or not. Normalised by the training images' mean and deviation.
ImageTask loadFashionMnist(const std::string& dir = kFashionMnistDir);

// CIFAR-10's binary version: data_batch_1.bin … data_batch_5.bin and test_batch.bin (1 label byte
// and 3072 pixel bytes per image). Normalised by NAS-Bench-101's RGB mean and deviation.
ImageTask loadCifar10(const std::string& dir);

// "fashion-mnist" (dir "" for Debian's) or "cifar10"; std::invalid_argument for another name.
ImageTask loadImageTask(const std::string& name, const std::string& dir);

// Sets the input and classes of `network` to those of the task's images without reading them
// (Fashion-MNIST 1 x 28 x 28, CIFAR-10 3 x 32 x 32, 10 classes each): what a network built for the
// task takes. std::invalid_argument for another name.
void setTaskInput(NetworkConfig& network, const std::string& name);

// Keeps the first `n` training images (0: all), so short runs train on a subset.
void limitTrainingImages(ImageTask& task, std::int64_t n);

} // namespace archscope
