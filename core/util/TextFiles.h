// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace archscope {

// The one reader and the one writer of ArchScope's line-based text files (JSON Lines, CSV), so that
// every command skips the same lines, names the same line numbers and writes the same way.

// The blank-line rule of every JSON Lines file ArchScope reads: a line of nothing but spaces, tabs and
// carriage returns is skipped (an empty line of a CRLF file, a trailing line of spaces), wherever it is.
bool isBlankLine(std::string_view line);

// Calls `fn` with each non-blank line of a plain or gzip-compressed file and where it is, "path:N", N
// the physical line number counted from 1 (blank lines count too), so an error can name the line. The
// line comes without its newline and without a CRLF file's '\r'. `fn` returns false to stop reading.
// Throws std::runtime_error naming the file when it cannot be opened or read (util/GzipFile.h).
void forEachJsonlLine(const std::string& path, const std::function<bool(const std::string& line, const std::string& where)>& fn);

// Writes `path` through writeFileAtomically (util/AtomicFile.h): gzip-compressed when it ends in ".gz",
// else as it is. Throws std::runtime_error naming `path` when the bytes could not all be written (the
// stream's state is checked after closing), and then nothing is left behind at `path` or beside it.
void writeTextFile(const std::string& path, const std::function<void(std::ostream&)>& write);

// `lines`, each followed by a newline, written as writeTextFile does.
void writeLinesFile(const std::string& path, const std::vector<std::string>& lines);

// A CSV file: `header` (the column names, comma-separated) and then `rows` lines, each from `row(i)`
// (its fields already formatted and comma-separated), written as writeTextFile does.
void writeCsvFile(const std::string& path, const std::string& header, std::size_t rows,
                  const std::function<std::string(std::size_t)>& row);

} // namespace archscope
