// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "batch/Shards.h"
#include "data/Dataset.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace archscope::cli {

// --shard on a batch command: which block of the job's items this process runs, where it writes, and
// the manifest merge reads. Without --shard or a Slurm array it is the whole job, writing to --out.
class ShardedJob {
public:
    // `options`: what decides the rows' values besides the items (model files' fingerprints, the options
    // that change a row), recorded in the manifest so that merge refuses shards made otherwise.
    ShardedJob(std::string command, const std::string& shardOption, const std::string& out, std::string options)
        : command_(std::move(command)), shard_(chooseShard(shardOption, [](const char* n) { return std::getenv(n); })),
          out_(shardOutputPath(out, shard_)), options_(std::move(options))
    {
    }

    const Shard& shard() const { return shard_; }
    // The path this process writes: --out itself, or with the shard's tag.
    const std::string& out() const { return out_; }

    // Chooses this shard's block of the job's items, whose hashes identify the job, and says which on stderr.
    std::pair<std::size_t, std::size_t> start(const std::vector<ModuleHash>& hashes)
    {
        total_ = hashes.size();
        inputs_ = hashesFingerprint(hashes);
        const auto [first, last] = shard_.range(total_);
        first_ = first;
        if (shard_.sharded())
            std::cerr << command_ << ": shard " << shard_.index << " of " << shard_.count << " (" << shard_.source << "): items "
                      << first << " to " << last << " of " << total_ << '\n';
        return {static_cast<std::size_t>(first), static_cast<std::size_t>(last)};
    }

    // After the output is written: its manifest, when sharded.
    void finish(const std::string& format, std::uint64_t rows) const
    {
        if (!shard_.sharded())
            return;
        writeShardManifest(out_, {command_, format, shard_.index, shard_.count, total_, first_, rows, inputs_, options_});
    }

private:
    std::string command_;
    Shard shard_;
    std::string out_;
    std::string options_;
    std::uint64_t total_ = 0;
    std::uint64_t first_ = 0;
    std::string inputs_;
};

template <class T>
std::vector<T> blockOf(const std::vector<T>& items, std::pair<std::size_t, std::size_t> block)
{
    return std::vector<T>(items.begin() + static_cast<std::ptrdiff_t>(block.first),
                          items.begin() + static_cast<std::ptrdiff_t>(block.second));
}

inline CLI::Option* addShardOption(CLI::App* cmd, std::string& text)
{
    return cmd->add_option("--shard", text,
                           "run shard I/N of the items (I from 0 to N-1) and write OUT with .shard-I-of-N before its extension; "
                           "default: the Slurm array task's (SLURM_ARRAY_TASK_ID, _COUNT, _MIN, _STEP); join them with merge");
}

} // namespace archscope::cli
