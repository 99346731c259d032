// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target: the .nb101cache reader (parseDatasetCache, what loadDatasetCache runs on the mapped
// file). Each input is read twice: as it is, and with its header's CRC-32 set to match its records, so
// that mutated records get past the checksum to the checks behind it. DataError is the reader's answer
// to bad input; anything else is a finding, and so is an accepted dataset with an invalid cell.
#include "data/DatasetCache.h"
#include "util/Errors.h"

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace archscope;

namespace {

constexpr std::size_t kHeaderSize = 32;

void read(std::string_view bytes)
{
    Dataset data;
    try {
        data = parseDatasetCache(bytes, "fuzz.nb101cache", 1);
    } catch (const DataError&) {
        return;
    }
    for (const Record& r : data.records())
        if (!validateCell(r.cell).ok() || r.params < 1) {
            std::fprintf(stderr, "accepted record %s: invalid cell or params\n", r.hash.hex().c_str());
            std::abort();
        }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string bytes(reinterpret_cast<const char*>(data), size);
    read(bytes);
    if (bytes.size() < kHeaderSize)
        return 0;
    const uLong crc = crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef*>(bytes.data() + kHeaderSize),
                            static_cast<uInt>(bytes.size() - kHeaderSize));
    for (int i = 0; i < 4; ++i)
        bytes[24 + static_cast<std::size_t>(i)] = static_cast<char>((crc >> (8 * i)) & 0xff);
    read(bytes);
    return 0;
}
