// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace archscope {

// One part of a batch job split over N processes (a Slurm job array, or by hand): shard `index` of
// `count` takes a contiguous block of the job's items, so that the shards' outputs joined in shard
// order are the output of the whole job in its order.
struct Shard {
    int index = 0;
    int count = 1;
    std::string source; // where it came from ("--shard", "SLURM_ARRAY_TASK_ID"); "" when unsharded

    bool sharded() const { return !source.empty(); }
    // Items [first, second) of a job of n items; the blocks differ in size by at most one.
    std::pair<std::uint64_t, std::uint64_t> range(std::uint64_t n) const;
};

// "I/N" with 0 <= I < N; std::invalid_argument naming `option` otherwise.
Shard parseShard(const std::string& text, const std::string& option = "--shard");

// The shard of a Slurm job array task: (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP
// of SLURM_ARRAY_TASK_COUNT (MIN 0 and STEP 1 when unset), or unsharded when ID or COUNT is unset.
// std::invalid_argument naming the variable for a value that is not a number or out of range.
Shard shardFromEnvironment(const std::function<const char*(const char*)>& getenv);

// --shard when given, else the Slurm array's, else unsharded.
Shard chooseShard(const std::string& option, const std::function<const char*(const char*)>& getenv);

// Where a shard writes: "preds.csv" becomes "preds.shard-2-of-4.csv" (the tag goes before the last
// extension, and before ".gz" too), so the tasks of one array never write the same file. When sharded,
// an `out` that exists and is not a regular file (/dev/null, a FIFO) is refused: std::invalid_argument.
std::string shardOutputPath(const std::string& out, const Shard& shard);

// What a shard's output is part of, written beside it as OUTPUT.shard.json: merge checks with it that
// the shards it is given are all of one job, each once.
struct ShardManifest {
    std::string command;          // e.g. "predict"
    std::string format;           // "csv" (one header line) or "jsonl"
    int index = 0;
    int count = 1;
    std::uint64_t total = 0;      // items of the whole job
    std::uint64_t first = 0;      // of this shard's block
    std::uint64_t rows = 0;       // data lines this shard wrote
    std::string inputs;           // fingerprint of the job's items in order (all shards agree)
    std::string options;          // what decides the rows' values: model files' fingerprints, options ("" in older manifests)
};

// SHA-256 of a file's bytes in hex, e.g. a model's, for ShardManifest::options. DataError naming the file.
std::string fileFingerprint(const std::string& path);

std::string manifestPath(const std::string& output);
void writeShardManifest(const std::string& output, const ShardManifest& manifest);
// DataError naming the file for a missing or malformed manifest.
ShardManifest readShardManifest(const std::string& output);

// The shards' manifests in shard order when they are one complete job: DataError naming the files
// for shards of other jobs (command, count, items), a shard given twice, missing shards, or a block
// that does not match its index.
std::vector<std::pair<std::string, ShardManifest>>
completeShards(std::vector<std::pair<std::string, ShardManifest>> shards);

} // namespace archscope
