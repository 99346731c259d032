// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace archscope::cli {

// Runs a PyTorch reference of a benchmark (a Python script held as text) with Debian's python3 and
// python3-torch at `threads` threads, and returns the JSON object it prints last; nullopt, with the
// reason in `why`, when python3 or torch is missing or the script fails. `sameAllocator`: with glibc's
// malloc set as setComputeThreads sets it for ArchScope (no mmap per large buffer), so that a
// comparison is of the frameworks, not of the allocators. ARCHSCOPE_PYTHON names another interpreter.
std::optional<nlohmann::json> runPythonReference(const std::string& name, const std::string& script,
                                                 const std::vector<std::string>& args, int threads, bool sameAllocator,
                                                 std::string& why);

} // namespace archscope::cli
