#pragma once

#include <functional>
#include <string>

namespace archscope {

// Writes `path` so that it either keeps its old content or gets the complete new one: `write` fills
// a temporary file beside it, which is flushed to disk and renamed over `path` only when `write`
// returns normally. If `write` throws, the temporary file is removed and the exception propagates.
void writeFileAtomically(const std::string& path, const std::function<void(const std::string& tempPath)>& write);

} // namespace archscope
