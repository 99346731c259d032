// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Record.h"

#include <atomic>
#include <string>
#include <string_view>
#include <vector>

namespace archscope {

// NAS-Bench-101's own data files (nasbench_full.tfrecord, nasbench_only108.tfrecord): TFRecord-framed
// rows (util/TfRecordFile.h), each row the JSON array
//   [module_hash, epochs, raw_adjacency, raw_operations, raw_metrics]
// with the hash as 32 hex digits, epochs 4/12/36/108, the n x n adjacency as a row-major string of
// '0'/'1', the ops comma-separated, and raw_metrics a base64-encoded nasbench.ModelMetrics
// (data/nasbench_metrics.proto) whose evaluation_data holds the evaluation at initialisation, halfway
// and at the end. There is one row per cell, budget and training run (three runs per budget).
//
// Built only with ARCHSCOPE_TFRECORD (defines ARCHSCOPE_HAS_TFRECORD): it needs protobuf and ISA-L.

struct TfRecordImport {
    std::vector<Record> records; // one per hash, in the order the hashes first appear
    std::size_t rows = 0;
};

// Reads a whole file, parsing rows on `threads` threads (0: all). Every cell is validated and pruned;
// the runs of a hash are kept in file order, and all rows of a hash must agree on cell and params.
// The evaluation at initialisation and ModelMetrics.total_time have no place in Record and are
// dropped. Throws DataError "path:record N (byte B): reason" for the first bad row; Cancelled when
// `cancel` is set.
TfRecordImport readNasBenchTfRecord(const std::string& path, int threads = 0,
                                    const std::atomic<bool>* cancel = nullptr);
// The same on a file's bytes already in memory; `path` names them in errors.
TfRecordImport parseNasBenchTfRecord(std::string_view bytes, const std::string& path, int threads = 0,
                                     const std::atomic<bool>* cancel = nullptr);

// One row's JSON for run `run` of budget `budget` (index into kBudgetEpochs). Unknown (NaN) values are
// left out of ModelMetrics; the evaluation at initialisation, which Record does not keep, is written
// as epoch 0 and training time 0 only. Throws std::invalid_argument when params do not fit ModelMetrics'
// int32.
std::string nasBenchRow(const Record& record, int budget, int run);

// Writes every run of every budget of `records` as rows (record by record), atomically.
void writeNasBenchTfRecord(const std::string& path, const std::vector<Record>& records, int threads = 0);

struct ImportSummary {
    std::size_t records = 0;
    std::size_t rows = 0;
};

// tfrecord -> dataset cache (data/DatasetCache.h). The cache is replaced atomically and only after the
// whole file has been read without error, so a failed import leaves an existing cache as it was.
ImportSummary importNasBenchTfRecord(const std::string& tfrecordPath, const std::string& cachePath,
                                     int threads = 0, const std::atomic<bool>* cancel = nullptr);

} // namespace archscope
