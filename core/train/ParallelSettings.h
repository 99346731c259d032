// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Which rank of a data-parallel run this process is, without LibTorch: what the CLI needs to decide
// who writes the outputs (train/DataParallel.h joins the ranks).

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace archscope {

// Where this process stands in a data-parallel run, in the variables torchrun and Slurm scripts set.
struct ParallelSettings {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    std::string masterAddr = "127.0.0.1";
    int masterPort = 29500;
    // How long a collective or the rendezvous waits for the other ranks before failing.
    std::chrono::seconds timeout{300};
};

// RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT and ARCHSCOPE_DIST_TIMEOUT (seconds); nothing
// when neither RANK nor WORLD_SIZE is set: a plain single-process run. std::invalid_argument naming the
// variable for one that is missing, not a number or out of range.
std::optional<ParallelSettings> parallelSettingsFrom(const std::function<const char*(const char*)>& getenv);

// Whether this process writes a run's outputs: rank 0 of a data-parallel run, or a plain run.
bool isPrimaryProcess();

// Whether this build has LibTorch's c10d with Gloo (ARCHSCOPE_HAS_C10D).
bool dataParallelAvailable();

} // namespace archscope
