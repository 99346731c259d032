// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "data/DatasetLoader.h"

#include "data/DatasetCache.h"
#include "data/JsonlFormat.h"
#include "util/Errors.h"
#include "util/InputFile.h"
#include "util/ResourcePaths.h"

#include <cstdlib>
#include <fstream>
#include <vector>

namespace archscope {

namespace {

// Not a FIFO or a device: opening one could block, or stream without end.
bool readable(const std::string& path)
{
    try {
        requireRegularFile(path);
    } catch (const DataError&) {
        return false;
    }
    return std::ifstream(path).good();
}

} // namespace

std::string defaultDatasetPath()
{
    const std::string file = "data/nb101-dev.jsonl.gz";
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("ARCHSCOPE_DATA"); env && *env)
        candidates.emplace_back(env);
    for (const std::filesystem::path& dir : bundledFileDirs())
        candidates.push_back((dir / file).string());
    std::string looked;
    for (const std::string& c : candidates) {
        if (readable(c))
            return c;
        looked += "\n  " + c;
    }
    throw std::runtime_error("the bundled NAS-Bench-101 sample was not found; looked in:" + looked
                             + "\nset ARCHSCOPE_DATA to its path");
}

Dataset loadDataset(const std::string& path, const std::atomic<bool>* cancel)
{
    requireRegularFile(path);
    if (!readable(path))
        throw DataError(path + ": cannot open for reading");
    if (isDatasetCache(path))
        return loadDatasetCache(path, 0, cancel);
    return loadJsonl(path, cancel);
}

} // namespace archscope
