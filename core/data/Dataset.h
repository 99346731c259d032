// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/Record.h"

#include <string>
#include <vector>

namespace archscope {

// A loaded set of benchmark records with a lookup by module hash.
class Dataset {
public:
    Dataset() = default;
    // Throws DataError naming `source` and both records when two records have the same hash.
    Dataset(std::vector<Record> records, std::string source);

    const std::vector<Record>& records() const { return records_; }
    std::size_t size() const { return records_.size(); }
    const Record& operator[](std::size_t i) const { return records_[i]; }
    const std::string& source() const { return source_; }

    // The record with this hash, or nullptr.
    const Record* find(const ModuleHash& hash) const;
    // SHA-256 (hex) of the records' hashes in order: what a training checkpoint's stored split of
    // record indices depends on.
    std::string fingerprint() const;

private:
    std::vector<Record> records_;
    std::string source_;
    std::vector<std::uint32_t> byHash_; // record indices sorted by hash
};

// SHA-256 (hex) of module hashes in order: Dataset::fingerprint, and what identifies a batch job's
// items across its shards.
std::string hashesFingerprint(const std::vector<ModuleHash>& hashes);

} // namespace archscope
