// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace archscope::cli {

// How the reference's process is set up: as python3 starts it, or with ArchScope's runtime settings,
// so that a comparison is of the computations rather than of the settings:
// - the allocator: glibc's malloc as setComputeThreads sets it for ArchScope (no mmap per large buffer);
// - the threads: LibTorch's own pool at one thread and the `threads` given to OpenBLAS, as
//   setComputeThreads splits them (as started, both pools get them and spin against each other).
enum class ReferenceRuntime { AsStarted, SameAllocator, SameAllocatorAndThreads };

// Runs a PyTorch reference of a benchmark (a Python script held as text, whose first argument is the
// number of LibTorch threads) with Debian's python3 and python3-torch at `threads` threads, and returns
// the JSON object it prints last; nullopt, with the reason in `why`, when python3 or torch is missing or
// the script fails. ARCHSCOPE_PYTHON names another interpreter.
std::optional<nlohmann::json> runPythonReference(const std::string& name, const std::string& script,
                                                 const std::vector<std::string>& args, int threads,
                                                 ReferenceRuntime runtime, std::string& why);

} // namespace archscope::cli
