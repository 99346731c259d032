// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>

namespace archscope {

// Refuses, naming `path`, an input that is not a regular file once symbolic links are followed: opening
// a FIFO blocks until some other process writes to it, a device may stream without end, and a
// directory reads as an empty file. Throws DataError "<path>: is a FIFO, not a regular file" (or a
// directory, a character device, a block device, a socket). A path that does not exist passes: the
// caller's open then says so in its own words.
void requireRegularFile(const std::string& path);

} // namespace archscope
