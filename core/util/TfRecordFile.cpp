// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/TfRecordFile.h"

#include "util/Crc32c.h"

#include <cstring>
#include <stdexcept>

namespace archscope {

namespace {

constexpr std::size_t kHeaderSize = 12; // length + its CRC
constexpr std::size_t kFooterSize = 4;  // data CRC

void putLe(unsigned char* p, std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        p[i] = static_cast<unsigned char>(v >> (8 * i));
}

std::uint64_t getLe(const char* p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    return v;
}

} // namespace

TfRecordWriter::TfRecordWriter(const std::string& path) : file_(std::fopen(path.c_str(), "wb")), path_(path)
{
    if (!file_)
        throw std::runtime_error(path + ": cannot open for writing");
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

TfRecordWriter::~TfRecordWriter()
{
    if (file_)
        std::fclose(file_);
}

void TfRecordWriter::write(std::string_view data)
{
    unsigned char header[kHeaderSize];
    putLe(header, data.size(), 8);
    putLe(header + 8, maskCrc32c(crc32c(header, 8)), 4);
    unsigned char footer[kFooterSize];
    putLe(footer, maskCrc32c(crc32c(data.data(), data.size())), 4);
    failed_ |= std::fwrite(header, 1, kHeaderSize, file_) != kHeaderSize;
    failed_ |= std::fwrite(data.data(), 1, data.size(), file_) != data.size();
    failed_ |= std::fwrite(footer, 1, kFooterSize, file_) != kFooterSize;
}

void TfRecordWriter::close()
{
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!closed || failed_)
        throw std::runtime_error(path_ + ": write failed");
}

bool TfRecordSpan::dataCrcOk() const { return maskCrc32c(crc32c(data.data(), data.size())) == maskedDataCrc; }

void scanTfRecords(std::string_view bytes, std::size_t from, std::size_t maxRecords, TfRecordScan& scan)
{
    scan.records.clear();
    scan.error.clear();
    scan.errorOffset = 0;
    std::size_t pos = from;
    while (pos < bytes.size() && scan.records.size() < maxRecords) {
        const std::size_t left = bytes.size() - pos;
        if (left < kHeaderSize) {
            scan.error = "truncated: " + std::to_string(left) + " bytes left, a record header needs 12";
            break;
        }
        const char* p = bytes.data() + pos;
        if (maskCrc32c(crc32c(p, 8)) != getLe(p + 8, 4)) {
            scan.error = "bad length CRC";
            break;
        }
        const std::uint64_t length = getLe(p, 8);
        if (length > left - kHeaderSize || left - kHeaderSize - length < kFooterSize) {
            scan.error = "truncated: the record holds " + std::to_string(length) + " data bytes but only "
                         + std::to_string(left - kHeaderSize) + " bytes follow its header";
            break;
        }
        TfRecordSpan span;
        span.offset = pos;
        span.data = bytes.substr(pos + kHeaderSize, length);
        span.maskedDataCrc = static_cast<std::uint32_t>(getLe(p + kHeaderSize + length, 4));
        scan.records.push_back(span);
        pos += kHeaderSize + length + kFooterSize;
    }
    if (!scan.error.empty())
        scan.errorOffset = pos;
    scan.next = pos;
}

} // namespace archscope
