// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace archscope {

// Writes `path` so that it either keeps its old content or gets the complete new one: `write` fills
// a temporary file beside it, which is flushed to disk and renamed over `path` only when `write`
// returns normally. If `write` throws, the temporary file is removed and the exception propagates; a
// process killed by SIGINT/SIGTERM removes it too where it called removeTempFilesOnTermination, and
// the next write to `path` removes the ones left by writers that died otherwise (util/TempFiles.h).
//
// What is at `path` decides where the bytes go: through a symbolic link, its target is replaced
// (the link stays); a FIFO or a character device (e.g. /dev/null) is written in place, as a stream;
// anything else that is not a regular file (a directory, a block device, a socket) is refused with
// std::runtime_error, and nothing is written.
void writeFileAtomically(const std::string& path, const std::function<void(const std::string& tempPath)>& write);

// Writes `bytes` to `file` (created or truncated) with write(2), so that a full disk or a file-size
// limit is an error and not a short file: std::runtime_error "<named>: cannot write: No space left on
// device", `named` being the path the user asked for (the temporary file's name means nothing to them).
// Meant for inside writeFileAtomically, which then removes the temporary file.
void writeBytes(const std::string& file, std::string_view bytes, const std::string& named);

// Checks an output path before any work: std::invalid_argument naming `option` and the path when it is
// one of `inputs` (the same file, also through another name or a link), when it is a directory or
// another thing writeFileAtomically refuses, or when its folder does not exist or cannot be written.
void checkOutputPath(const std::string& path, const std::vector<std::string>& inputs, const std::string& option = "--out");

} // namespace archscope
