#pragma once

#include "data/Dataset.h"

#include <atomic>
#include <string>
#include <string_view>

namespace archscope {

// The JSON Lines format of the shared NAS-Bench-101 sample, one record per line:
//   {"hash":"…","ops":[…],"adjacency":[[…]],"params":N,"training_time":T,"val_acc":{"4":…,"108":…}}
// Files ending in .gz are gzip-compressed; reading detects compression by content.

// Parses one line. The cell is validated and pruned; a missing hash is computed. Throws DataError
// whose message starts with `where` (e.g. "data.jsonl:17") and says what is wrong.
Record parseRecordLine(std::string_view line, const std::string& where);

// One line of JSON (no newline) in the format above; training_time and val_acc come from the first
// run of each budget.
std::string recordToJsonLine(const Record& record);

// Loads a whole file; throws DataError at the first bad line, so nothing half-loaded is returned.
Dataset loadJsonl(const std::string& path, const std::atomic<bool>* cancel = nullptr);

// Writes records atomically (gzip when the path ends in .gz).
void writeJsonl(const std::string& path, const std::vector<Record>& records);

// A single cell as JSON: {"ops":[…],"adjacency":[[…]]}; used for cell files.
std::string cellToJson(const Cell& cell);
// Parses a cell without validating it (an editor may hold an invalid cell); throws DataError
// naming `where` on malformed JSON, unknown ops or a bad matrix.
Cell cellFromJson(std::string_view json, const std::string& where);

} // namespace archscope
