// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/AtomicFile.h"

#include "util/TempFiles.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace archscope {

namespace {

std::string errnoText() { return std::strerror(errno); }

void syncFile(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        throw std::runtime_error(path + ": cannot reopen to flush: " + errnoText());
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        throw std::runtime_error(path + ": cannot flush to disk: " + errnoText());
}

// Where an output at `path` goes: the path itself or, through symbolic links, their final target,
// which may not exist yet (a dangling link gets its target created).
std::string resolvedOutput(const std::string& path)
{
    constexpr int kMaxLinks = 40; // as the kernel's limit on links followed in one lookup
    std::filesystem::path p = path;
    for (int hop = 0; hop < kMaxLinks; ++hop) {
        std::error_code error;
        if (!std::filesystem::is_symlink(std::filesystem::symlink_status(p, error)))
            break;
        const std::filesystem::path target = std::filesystem::read_symlink(p, error);
        if (error)
            break;
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
    return p.string();
}

enum class OutputKind { Missing, Regular, Stream, Refused };

OutputKind outputKind(const std::string& resolved, std::string* what)
{
    struct stat st {};
    if (::stat(resolved.c_str(), &st) != 0)
        return OutputKind::Missing;
    if (S_ISREG(st.st_mode))
        return OutputKind::Regular;
    if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))
        return OutputKind::Stream;
    *what = S_ISDIR(st.st_mode) ? "a directory" : S_ISBLK(st.st_mode) ? "a block device" : "not a regular file";
    return OutputKind::Refused;
}

} // namespace

void writeFileAtomically(const std::string& requested, const std::function<void(const std::string&)>& write)
{
    const std::string path = resolvedOutput(requested);
    std::string what;
    switch (outputKind(path, &what)) {
    case OutputKind::Refused:
        throw std::runtime_error(requested + ": cannot write there, it is " + what);
    case OutputKind::Stream:
        // A pipe or a device has no directory entry to replace: the bytes go straight to it.
        write(path);
        return;
    case OutputKind::Missing:
    case OutputKind::Regular:
        break;
    }
    removeStaleTempFiles(path);
    std::string temp = tempFileTemplate(path);
    const int fd = ::mkstemp(temp.data());
    if (fd < 0)
        throw std::runtime_error(requested + ": cannot create a temporary file beside it: " + errnoText());
    const LiveTempFile live(temp);
    // mkstemp creates the file private (0600); the result should be readable as an ordinary file
    // would be, or keep the mode of the file it replaces.
    struct stat existing {};
    const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : mode_t(0644);
    const bool modeSet = ::fchmod(fd, mode) == 0;
    ::close(fd);
    if (!modeSet) {
        std::remove(temp.c_str());
        throw std::runtime_error(requested + ": cannot set the permissions of its temporary file: " + errnoText());
    }
    try {
        write(temp);
        syncFile(temp);
        if (std::rename(temp.c_str(), path.c_str()) != 0)
            throw std::runtime_error(requested + ": cannot replace it: " + errnoText());
    } catch (...) {
        std::remove(temp.c_str());
        throw;
    }
}

void writeBytes(const std::string& file, std::string_view bytes, const std::string& named)
{
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw std::runtime_error(named + ": cannot open for writing: " + errnoText());
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const std::string why = n < 0 ? errnoText() : "nothing written";
            ::close(fd);
            throw std::runtime_error(named + ": cannot write: " + why);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0)
        throw std::runtime_error(named + ": cannot write: " + errnoText());
}

void checkOutputPath(const std::string& path, const std::vector<std::string>& inputs, const std::string& option)
{
    const auto refuse = [&](const std::string& why) { throw std::invalid_argument(option + " " + path + ": " + why); };
    struct stat out {};
    if (::stat(path.c_str(), &out) == 0) {
        for (const std::string& input : inputs) {
            struct stat in {};
            if (!input.empty() && ::stat(input.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
                refuse("is the input " + input + "; writing it would destroy what is being read");
        }
    }
    const std::string resolved = resolvedOutput(path);
    std::string what;
    const OutputKind kind = outputKind(resolved, &what);
    if (kind == OutputKind::Refused)
        refuse("cannot write there, it is " + what);
    if (kind == OutputKind::Stream)
        return;
    const std::filesystem::path folder = std::filesystem::path(resolved).parent_path();
    const std::string dir = folder.empty() ? std::string(".") : folder.string();
    if (::access(dir.c_str(), W_OK) != 0)
        refuse("its folder " + dir + " " + (errno == ENOENT ? "does not exist" : "cannot be written: " + errnoText()));
}

} // namespace archscope
