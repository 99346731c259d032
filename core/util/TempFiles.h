// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>

namespace archscope {

// The temporary files writeFileAtomically has open, so that a process killed by a signal can remove
// them: a fixed table that a signal handler may read (no locks, no allocation).

// Registers `path` for the lifetime of the object; when the table is full the file goes unregistered
// and only the next write's sweep (removeStaleTempFiles) removes it after a crash.
class LiveTempFile {
public:
    explicit LiveTempFile(const std::string& path);
    ~LiveTempFile();
    LiveTempFile(const LiveTempFile&) = delete;
    LiveTempFile& operator=(const LiveTempFile&) = delete;

private:
    int slot_;
};

// Unlinks every registered file. Async-signal-safe: for a SIGINT/SIGTERM handler.
void removeLiveTempFiles() noexcept;

// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the live temporary files and then die
// of the same signal (default action), so the exit status still says which signal ended the process.
void removeTempFilesOnTermination();

// The temporary name writeFileAtomically uses beside `path`: "<path>.tmp-<pid>-XXXXXX" (a mkstemp
// template), the pid telling a later run whether its writer is still alive.
std::string tempFileTemplate(const std::string& path);

// Removes the temporary files beside `path` that follow tempFileTemplate's pattern and whose writer
// process no longer exists: what a crash or SIGKILL left. Errors are ignored; a stale file is litter,
// not a reason to refuse a write.
void removeStaleTempFiles(const std::string& path);

} // namespace archscope
