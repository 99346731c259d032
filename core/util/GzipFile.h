// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace archscope {

// The longest line GzipLineReader returns. A NAS-Bench-101 record line is under 1 KiB; the bound keeps a
// file without newlines (or a huge crafted line) from costing its size several times over in memory.
inline constexpr std::size_t kMaxLineBytes = std::size_t(1) << 20;

// Reads a text file line by line through zlib, so plain and gzip-compressed files read alike.
class GzipLineReader {
public:
    explicit GzipLineReader(const std::string& path); // throws std::runtime_error naming the file
    ~GzipLineReader();
    GzipLineReader(const GzipLineReader&) = delete;
    GzipLineReader& operator=(const GzipLineReader&) = delete;

    // The next line without its newline; false at the end. Throws std::runtime_error naming the file
    // and line on a read error, a truncated gzip stream or a line longer than kMaxLineBytes.
    bool next(std::string& line);
    long lineNumber() const { return line_; }

private:
    bool fill(); // appends the next block of decompressed bytes to buffer_; false at the end of the file

    void* file_;
    std::string path_;
    long line_ = 0;
    // Decompressed bytes not yet returned start at buffer_[begin_]. Lines are cut by searching this
    // buffer rather than with gzgets, which returns a C string: a line holding a NUL byte would be
    // cut short there, or dropped whole when it starts with one, and every later line number shifts.
    std::string buffer_;
    std::size_t begin_ = 0;
    bool atEnd_ = false;
};

// Writes a gzip-compressed file (level 6). Use inside writeFileAtomically.
class GzipWriter {
public:
    explicit GzipWriter(const std::string& path);
    ~GzipWriter();
    GzipWriter(const GzipWriter&) = delete;
    GzipWriter& operator=(const GzipWriter&) = delete;

    void write(std::string_view data);
    void close(); // throws when the data could not be written completely

private:
    void* file_;
    std::string path_;
};

} // namespace archscope

namespace archscope {

// The whole content of a plain or gzip-compressed file, refusing more than `maxBytes` after
// decompression (a bound against a decompression bomb). Throws std::runtime_error naming the file.
std::string readGzipFile(const std::string& path, std::size_t maxBytes);

} // namespace archscope
