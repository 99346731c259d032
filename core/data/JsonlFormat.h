// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"
#include "util/JsonDepth.h"

#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archscope {

// The JSON Lines format of the shared NAS-Bench-101 sample, one record per line:
//   {"hash":"…","ops":[…],"adjacency":[[…]],"params":N,"training_time":T,"val_acc":{"4":…,"108":…}}
// Files ending in .gz are gzip-compressed; reading detects compression by content.

// Parses one line. The cell is validated and pruned in NAS-Bench-101's order (GivenCell); a missing
// hash or params is computed. Throws DataError whose message starts with `where` (e.g.
// "data.jsonl:17") and says what is wrong, also for a value outside its domain (an adjacency entry
// other than 0 or 1, params not a positive int64, an accuracy outside [0, 1]).
Record parseRecordLine(std::string_view line, const std::string& where);

// A cell as a file or a user gives it, checked the way NAS-Bench-101 checks one: pruned first, then
// the limits and the ops of the pruned cell, so a pruned-away vertex may name an op outside the space.
struct GivenCell {
    Cell cell;                          // as given, with a placeholder op where unknownOps names one
    std::vector<std::string> unknownOps; // per vertex: the name given when it is none of the five ops
    CellValidation validation;
    std::optional<Cell> pruned;         // when valid
    std::string pruning;                // when valid and pruned: which vertices went, e.g. "pruned vertex 2 (conv5x5): …"
};
// Parses {"ops":[…],"adjacency":[[…]]} (other keys are ignored). An invalid cell is reported in
// `validation`; DataError naming `where` is for what is not a cell at all (malformed JSON, a matrix that
// is not n x n or holds other values than 0 and 1).
GivenCell parseGivenCell(std::string_view json, const std::string& where);

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
