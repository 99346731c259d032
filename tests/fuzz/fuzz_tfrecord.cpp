// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target: the NAS-Bench-101 tfrecord reader (parseNasBenchTfRecord, what readNasBenchTfRecord
// runs on the mapped file). Each input is read twice: as it is, and with every record's two CRC-32C
// set to match, so that mutated rows get past the framing to the JSON, base64 and protobuf parsing.
// DataError is the reader's answer to bad input; anything else is a finding, and so is an accepted
// record with an invalid cell.
#include "data/NasBenchTfRecord.h"
#include "util/Crc32c.h"
#include "util/Errors.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace archscope;

namespace {

void read(std::string_view bytes)
{
    TfRecordImport result;
    try {
        result = parseNasBenchTfRecord(bytes, "fuzz.tfrecord", 1);
    } catch (const DataError&) {
        return;
    }
    for (const Record& r : result.records)
        if (!validateCell(r.cell).ok() || r.params < 1) {
            std::fprintf(stderr, "accepted record %s: invalid cell or params\n", r.hash.hex().c_str());
            std::abort();
        }
}

void putMaskedCrc(std::string& bytes, std::size_t at, std::size_t from, std::size_t length)
{
    const std::uint32_t crc = maskCrc32c(crc32c(bytes.data() + from, length));
    for (int i = 0; i < 4; ++i)
        bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((crc >> (8 * i)) & 0xff);
}

// The framing is: uint64 length, masked CRC of the length, data, masked CRC of the data.
void fixCrcs(std::string& bytes)
{
    std::size_t pos = 0;
    while (pos + 12 <= bytes.size()) {
        std::uint64_t length = 0;
        for (int i = 7; i >= 0; --i)
            length = length << 8 | static_cast<std::uint8_t>(bytes[pos + static_cast<std::size_t>(i)]);
        putMaskedCrc(bytes, pos + 8, pos, 8);
        if (length > bytes.size() - pos - 12 || bytes.size() - pos - 12 - length < 4)
            return;
        putMaskedCrc(bytes, pos + 12 + length, pos + 12, length);
        pos += 16 + length;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string bytes(reinterpret_cast<const char*>(data), size);
    read(bytes);
    fixCrcs(bytes);
    read(bytes);
    return 0;
}
