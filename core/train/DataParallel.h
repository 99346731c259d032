// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "train/ParallelSettings.h"

#include <torch/torch.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace archscope {

// The ranks of one run joined through LibTorch's c10d: a TCPStore at MASTER_ADDR:MASTER_PORT for the
// rendezvous (rank 0 serves it) and a Gloo process group for the collectives. Every call is
// collective: all ranks make it, in the same order. A rank that dies, or does not answer within the
// timeout, makes the others' call throw std::runtime_error naming this rank and the operation.
class DataParallelGroup {
public:
    explicit DataParallelGroup(const ParallelSettings& settings);
    ~DataParallelGroup();
    DataParallelGroup(const DataParallelGroup&) = delete;
    DataParallelGroup& operator=(const DataParallelGroup&) = delete;

    int rank() const { return settings_.rank; }
    int worldSize() const { return settings_.worldSize; }

    // Rank 0's values of `tensors` (e.g. parameters) copied into every rank's.
    void broadcast(const std::vector<torch::Tensor>& tensors, const std::string& what);
    // Every rank's gradients of `parameters` summed in place, in buckets of flattened gradients that
    // go out together after backward; a parameter without a gradient counts as zeros.
    void allReduceGradients(const std::vector<torch::Tensor>& parameters);
    // Element-wise sums (or maxima) of a few numbers over the ranks.
    std::vector<double> allReduce(const std::vector<double>& values, bool maximum, const std::string& what);
    // Every rank's `mine` (counts[r] rows on rank r; the trailing shape and dtype agree) concatenated in
    // rank order, without gradient: parts of unequal size are padded for Gloo's equal-sized allgather.
    torch::Tensor allGatherRows(const torch::Tensor& mine, const std::vector<std::int64_t>& counts, const std::string& what);
    // Rank 0's numbers on every rank.
    std::vector<double> broadcast(const std::vector<double>& values, const std::string& what);
    // Checks, before any collective on tensors, that every rank runs the same job: `fields` (name, value)
    // in the same order on every rank, e.g. the configuration's, the data's fingerprint, the library's
    // version. Rank 0 compares every rank's with its own and every rank throws std::runtime_error with
    // the same one line naming the first field that differs and the ranks' values: tensors of other
    // shapes would otherwise abort inside Gloo, and other seeds or rates would silently train apart.
    void agreeOn(const std::vector<std::pair<std::string, std::string>>& fields);

private:
    struct Impl;
    ParallelSettings settings_;
    std::unique_ptr<Impl> impl_;
};

// The group the environment asks for (parallelSettingsFrom(getenv)), joined on first use and kept for
// the process's life: a process is one rank of at most one run. Null for a plain run.
std::shared_ptr<DataParallelGroup> environmentParallelGroup();

} // namespace archscope
