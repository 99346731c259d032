// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Dataset.h"

#include <atomic>
#include <string>
#include <string_view>
#include <vector>

namespace archscope {

// The dataset cache (.nb101cache): what an import of NAS-Bench-101's tfrecord files keeps, in a form
// that reopens in a fraction of a second. Little endian throughout; version 1:
//
//   header, 32 bytes
//     0  8  magic "ASNB101C"
//     8  4  version (1)
//    12  4  record size in bytes (520)
//    16  8  record count
//    24  4  CRC-32 (zlib's) of all record bytes
//    28  4  zero
//   records, 520 bytes each, in dataset order
//     0 16  module hash
//    16  8  params (int64)
//    24  1  vertex count n (2 to 7)
//    25  7  op of each vertex (Op's values; zero past n)
//    32  4  adjacency: bit k is the k-th pair i < j of a 7 x 7 upper triangle in row-major order
//           ((0,1) is bit 0, (0,6) bit 5, (1,2) bit 6, …, (5,6) bit 20)
//    36  4  number of runs of each budget (4, 12, 36, 108 epochs; 0 to 3)
//    40 480 float32 [budget 4][run 3][halfway, final][epoch, training time, train, validation, test
//           accuracy]; NaN where unknown
//
// Cells must be valid NAS-Bench-101 cells (at most 7 vertices, upper triangular), which every
// loaded or imported record is.

inline constexpr char kDatasetCacheMagic[8] = {'A', 'S', 'N', 'B', '1', '0', '1', 'C'};
inline constexpr std::uint32_t kDatasetCacheVersion = 1;

// Writes the cache atomically. Throws DataError naming the record whose cell does not fit the format.
void writeDatasetCache(const std::string& path, const std::vector<Record>& records, int threads = 0);

// Reads a cache on `threads` threads (0: all). Throws DataError naming the file and the problem
// (wrong magic, unsupported version, truncated, checksum mismatch), or the file and the record
// ("path:record N (byte B): reason") for a record that breaks what the JSONL loader checks: an invalid
// cell (validateCell; a valid unpruned one is pruned, as there), params that are not positive, a run's
// value outside its domain (evaluationProblem), a hash that another record has. Cancelled when
// `cancel` is set.
Dataset loadDatasetCache(const std::string& path, int threads = 0, const std::atomic<bool>* cancel = nullptr);
// The same on a cache's bytes already in memory; `path` names them in errors and is the dataset's source.
Dataset parseDatasetCache(std::string_view bytes, const std::string& path, int threads = 0,
                          const std::atomic<bool>* cancel = nullptr);

// Whether the file starts with the cache's magic bytes.
bool isDatasetCache(const std::string& path);

} // namespace archscope
