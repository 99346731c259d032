// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "train/ParallelSettings.h"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace archscope {

namespace {

long long environmentInteger(const std::function<const char*(const char*)>& getenv, const char* name, long long min,
                             long long max, long long fallback, bool required)
{
    const char* text = getenv(name);
    if (!text) {
        if (required)
            throw std::invalid_argument(std::string(name) + " is not set: a data-parallel run needs RANK and WORLD_SIZE");
        return fallback;
    }
    long long v = 0;
    const std::string s(text);
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || error != std::errc() || end != s.data() + s.size() || v < min || v > max)
        throw std::invalid_argument(std::string(name) + ": '" + s + "' is not an integer from " + std::to_string(min) + " to "
                                    + std::to_string(max));
    return v;
}

} // namespace

std::optional<ParallelSettings> parallelSettingsFrom(const std::function<const char*(const char*)>& getenv)
{
    if (!getenv("RANK") && !getenv("WORLD_SIZE"))
        return std::nullopt;
    ParallelSettings s;
    s.worldSize = static_cast<int>(environmentInteger(getenv, "WORLD_SIZE", 1, 1 << 16, 1, true));
    s.rank = static_cast<int>(environmentInteger(getenv, "RANK", 0, s.worldSize - 1, 0, true));
    s.localRank = static_cast<int>(environmentInteger(getenv, "LOCAL_RANK", 0, s.worldSize - 1, 0, false));
    if (const char* addr = getenv("MASTER_ADDR"))
        s.masterAddr = addr;
    if (s.masterAddr.empty())
        throw std::invalid_argument("MASTER_ADDR is empty: it names the host of rank 0");
    s.masterPort = static_cast<int>(environmentInteger(getenv, "MASTER_PORT", 1, 65535, 29500, false));
    s.timeout = std::chrono::seconds(environmentInteger(getenv, "ARCHSCOPE_DIST_TIMEOUT", 1, 7 * 24 * 3600, 300, false));
    return s;
}

bool isPrimaryProcess()
{
    const auto s = parallelSettingsFrom([](const char* n) { return std::getenv(n); });
    return !s || s->rank == 0;
}

bool dataParallelAvailable()
{
#ifdef ARCHSCOPE_HAS_C10D
    return true;
#else
    return false;
#endif
}

} // namespace archscope
