// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace archscope {

// TFRecord framing, as TensorFlow writes it. Each record is
//   uint64 length (little endian) | uint32 masked CRC-32C of those 8 bytes | data | uint32 masked CRC-32C of data
// with no file header and no padding.

// Writes records one after another. Use inside writeFileAtomically for a file others may read.
class TfRecordWriter {
public:
    explicit TfRecordWriter(const std::string& path); // throws std::runtime_error naming the file
    ~TfRecordWriter();
    TfRecordWriter(const TfRecordWriter&) = delete;
    TfRecordWriter& operator=(const TfRecordWriter&) = delete;

    void write(std::string_view data);
    void close(); // throws when the data could not be written completely

private:
    std::FILE* file_;
    std::string path_;
    bool failed_ = false;
};

// One correctly framed record inside a file's bytes; its data CRC is checked separately (dataCrcOk)
// so callers can check many records in parallel.
struct TfRecordSpan {
    std::size_t offset = 0; // of the record's first byte in the file
    std::string_view data;
    std::uint32_t maskedDataCrc = 0;
    bool dataCrcOk() const;
};

// The framing of a file, a block of records at a time so that a large file needs no index of all its
// records: up to `maxRecords` records from byte `from` on, stopping early at a record that cannot be
// framed. Then `error` says why (e.g. "bad length CRC") and `errorOffset` where that record starts;
// the caller decides whether an earlier record's content error comes first. `next` is where the
// following block starts.
struct TfRecordScan {
    std::vector<TfRecordSpan> records;
    std::string error;
    std::size_t errorOffset = 0;
    std::size_t next = 0;
};
// Fills `scan`, reusing its storage.
void scanTfRecords(std::string_view bytes, std::size_t from, std::size_t maxRecords, TfRecordScan& scan);

} // namespace archscope
