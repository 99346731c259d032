// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/TempFiles.h"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>

#include <signal.h>
#include <unistd.h>

namespace archscope {

namespace {

// One process rarely writes more than a couple of files at once (a checkpoint and an output).
constexpr int kSlots = 32;
constexpr std::size_t kMaxPath = 4096;

enum SlotState : int { Free, Filling, Live };

struct Slot {
    std::atomic<int> state{Free};
    char path[kMaxPath];
};

std::array<Slot, kSlots> slots;

void onTerminationSignal(int signal)
{
    const int savedErrno = errno;
    removeLiveTempFiles();
    // SA_RESETHAND restored the default action: the process now dies of the signal as it would have.
    errno = savedErrno;
    ::raise(signal);
}

// "<name>.tmp-" followed by "<pid>-XXXXXX": the pid, or 0 when `entry` is not one of ours for `name`.
long writerPid(const std::string& entry, const std::string& prefix)
{
    if (entry.compare(0, prefix.size(), prefix) != 0)
        return 0;
    const std::size_t dash = entry.find('-', prefix.size());
    if (dash == std::string::npos || dash == prefix.size() || entry.size() - dash - 1 != 6)
        return 0;
    long pid = 0;
    for (std::size_t i = prefix.size(); i < dash; ++i) {
        if (entry[i] < '0' || entry[i] > '9' || pid > 1'000'000'000)
            return 0;
        pid = pid * 10 + (entry[i] - '0');
    }
    return pid;
}

} // namespace

LiveTempFile::LiveTempFile(const std::string& path) : slot_(-1)
{
    if (path.size() >= kMaxPath)
        return;
    for (int i = 0; i < kSlots; ++i) {
        Slot& s = slots[static_cast<std::size_t>(i)];
        int expected = Free;
        if (s.state.compare_exchange_strong(expected, Filling, std::memory_order_acquire)) {
            std::memcpy(s.path, path.c_str(), path.size() + 1);
            s.state.store(Live, std::memory_order_release);
            slot_ = i;
            return;
        }
    }
}

LiveTempFile::~LiveTempFile()
{
    if (slot_ >= 0)
        slots[static_cast<std::size_t>(slot_)].state.store(Free, std::memory_order_release);
}

void removeLiveTempFiles() noexcept
{
    for (Slot& s : slots)
        if (s.state.load(std::memory_order_acquire) == Live)
            ::unlink(s.path);
}

void removeTempFilesOnTermination()
{
    struct sigaction action {};
    action.sa_handler = onTerminationSignal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (int signal : {SIGINT, SIGTERM, SIGHUP})
        ::sigaction(signal, &action, nullptr);
}

std::string tempFileTemplate(const std::string& path)
{
    return path + ".tmp-" + std::to_string(::getpid()) + "-XXXXXX";
}

void removeStaleTempFiles(const std::string& path)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    const std::string prefix = target.filename().string() + ".tmp-";
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        const long pid = writerPid(it->path().filename().string(), prefix);
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
            std::error_code ignored;
            fs::remove(it->path(), ignored);
        }
    }
}

} // namespace archscope
