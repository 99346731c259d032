// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/TextFiles.h"

#include "util/AtomicFile.h"
#include "util/GzipFile.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace archscope {

bool isBlankLine(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

void forEachJsonlLine(const std::string& path, const std::function<bool(const std::string& line, const std::string& where)>& fn)
{
    GzipLineReader reader(path);
    std::string line;
    while (reader.next(line)) {
        if (isBlankLine(line))
            continue;
        if (!fn(line, path + ":" + std::to_string(reader.lineNumber())))
            return;
    }
}

void writeTextFile(const std::string& path, const std::function<void(std::ostream&)>& write)
{
    const bool gzip = path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    writeFileAtomically(path, [&](const std::string& temp) {
        if (gzip) {
            std::ostringstream text;
            write(text);
            GzipWriter out(temp);
            out.write(text.str());
            out.close();
            return;
        }
        std::ofstream out(temp, std::ios::binary);
        if (!out)
            throw std::runtime_error(path + ": cannot open for writing");
        write(out);
        out.close();
        if (out.fail())
            throw std::runtime_error(path + ": write failed (disk full?)");
    });
}

void writeLinesFile(const std::string& path, const std::vector<std::string>& lines)
{
    writeTextFile(path, [&](std::ostream& out) {
        for (const std::string& line : lines)
            out << line << '\n';
    });
}

void writeCsvFile(const std::string& path, const std::string& header, std::size_t rows,
                  const std::function<std::string(std::size_t)>& row)
{
    writeTextFile(path, [&](std::ostream& out) {
        out << header << '\n';
        for (std::size_t i = 0; i < rows; ++i)
            out << row(i) << '\n';
    });
}

} // namespace archscope
