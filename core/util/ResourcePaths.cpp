// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/ResourcePaths.h"

#include <algorithm>
#include <system_error>

namespace archscope {

namespace fs = std::filesystem;

std::vector<fs::path> bundledFileDirs()
{
    std::vector<fs::path> dirs;
    const auto add = [&dirs](const fs::path& dir) {
        // An installed copy at the compiled-in prefix finds the same folder twice: list it once, so
        // that an error naming where it looked does not repeat itself.
        const fs::path normal = dir.lexically_normal();
        if (std::find(dirs.begin(), dirs.end(), normal) == dirs.end())
            dirs.push_back(normal);
    };
    // /proc/self/exe is the binary itself with symlinks resolved, whatever argv[0] and the working
    // directory are. Without /proc (a chroot, another system) the other places still apply.
    std::error_code error;
    const fs::path exe = fs::read_symlink("/proc/self/exe", error);
    if (!error)
        add(exe.parent_path().parent_path() / "share" / "archscope");
    add(ARCHSCOPE_DATA_DIR_INSTALL);
    add(ARCHSCOPE_DATA_DIR_SOURCE);
    return dirs;
}

fs::path findBundledFile(const fs::path& relative)
{
    for (const fs::path& dir : bundledFileDirs()) {
        std::error_code error;
        fs::path candidate = dir / relative;
        if (fs::is_regular_file(candidate, error))
            return candidate;
    }
    return {};
}

} // namespace archscope
