// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "data/DatasetCache.h"

#include "util/AtomicFile.h"
#include "util/Errors.h"
#include "util/HugePages.h"
#include "util/MappedFile.h"
#include "util/Parallel.h"
#include "util/InputFile.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <stdexcept>

namespace archscope {

namespace {

constexpr std::size_t kHeaderSize = 32;
constexpr std::size_t kRecordSize = 520;
constexpr std::size_t kEvaluationsOffset = 40;
constexpr std::size_t kFloatsPerEvaluation = 5;
constexpr std::size_t kGrain = 4096; // records per parallel chunk

static_assert(kEvaluationsOffset + 4 * kNumBudgets * kMaxRuns * 2 * kFloatsPerEvaluation == kRecordSize);

void putLe(char* p, std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        p[i] = static_cast<char>(v >> (8 * i));
}

std::uint64_t getLe(const char* p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    return v;
}

// Bit of pair (i, j), i < j, in the 7 x 7 upper triangle.
constexpr int pairBit(int i, int j) { return i * (2 * kMaxVertices - i - 1) / 2 + (j - i - 1); }
static_assert(pairBit(0, 1) == 0 && pairBit(0, 6) == 5 && pairBit(1, 2) == 6 && pairBit(5, 6) == 20);

std::uint32_t evaluationBits(float f)
{
    std::uint32_t v;
    std::memcpy(&v, &f, sizeof v);
    return v;
}

float evaluationFloat(std::uint32_t v)
{
    float f;
    std::memcpy(&f, &v, sizeof f);
    return f;
}

template <typename F>
void forEachValue(F&& f)
{
    std::size_t offset = kEvaluationsOffset;
    for (std::size_t b = 0; b < kNumBudgets; ++b)
        for (std::size_t r = 0; r < kMaxRuns; ++r)
            for (int half = 0; half < 2; ++half) {
                f(b, r, half, offset);
                offset += 4 * kFloatsPerEvaluation;
            }
}

constexpr float Evaluation::*kEvaluationFields[kFloatsPerEvaluation] = {
    &Evaluation::epoch, &Evaluation::trainingTime, &Evaluation::trainAccuracy, &Evaluation::validationAccuracy,
    &Evaluation::testAccuracy};

void encodeRecord(const Record& r, std::size_t index, char* p)
{
    const Cell& cell = r.cell;
    const int n = cell.numVertices();
    if (n < 2 || n > kMaxVertices)
        throw DataError("dataset cache: record " + std::to_string(index + 1) + " has " + std::to_string(n)
                        + " vertices; the cache holds cells of 2 to 7");
    std::memcpy(p, r.hash.bytes.data(), 16);
    putLe(p + 16, static_cast<std::uint64_t>(r.params), 8);
    p[24] = static_cast<char>(n);
    std::memset(p + 25, 0, 7);
    std::uint32_t adjacency = 0;
    for (int i = 0; i < n; ++i) {
        p[25 + i] = static_cast<char>(cell.op(i));
        for (int j = 0; j < n; ++j) {
            if (!cell.hasEdge(i, j))
                continue;
            if (j <= i)
                throw DataError("dataset cache: record " + std::to_string(index + 1)
                                + " has a cell that is not upper triangular");
            adjacency |= 1u << pairBit(i, j);
        }
    }
    putLe(p + 32, adjacency, 4);
    for (std::size_t b = 0; b < kNumBudgets; ++b)
        p[36 + b] = static_cast<char>(r.budgets[b].count);
    forEachValue([&](std::size_t b, std::size_t run, int half, std::size_t offset) {
        const Evaluation& e = half ? r.budgets[b].runs[run].final : r.budgets[b].runs[run].halfway;
        for (std::size_t k = 0; k < kFloatsPerEvaluation; ++k)
            putLe(p + offset + 4 * k, evaluationBits(e.*kEvaluationFields[k]), 4);
    });
}

// Returns the reason a record is malformed, or "".
std::string decodeRecord(const char* p, Record& r)
{
    const int n = static_cast<unsigned char>(p[24]);
    if (n < 2 || n > kMaxVertices)
        return "bad vertex count";
    Op ops[kMaxVertices];
    for (int i = 0; i < n; ++i) {
        const int op = static_cast<unsigned char>(p[25 + i]);
        if (op >= kNumOps)
            return "bad op code";
        ops[i] = static_cast<Op>(op);
    }
    const auto adjacency = static_cast<std::uint32_t>(getLe(p + 32, 4));
    std::uint32_t rows[kMaxVertices] = {};
    std::uint32_t used = 0;
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j) {
            const std::uint32_t bit = 1u << pairBit(i, j);
            used |= bit;
            if (adjacency & bit)
                rows[i] |= 1u << j;
        }
    if (adjacency & ~used)
        return "edge beyond the cell's vertices";
    for (std::size_t b = 0; b < kNumBudgets; ++b) {
        const int count = static_cast<unsigned char>(p[36 + b]);
        if (count > kMaxRuns)
            return "more runs than a budget holds";
        r.budgets[b].count = static_cast<std::uint8_t>(count);
    }
    std::memcpy(r.hash.bytes.data(), p, 16);
    r.params = static_cast<std::int64_t>(getLe(p + 16, 8));
    if (r.params < 1)
        return "params are not a positive count";
    // The checksum only proves the bytes are the ones written; a cache written by another program (or
    // an older build) must meet the rules the JSONL loader applies, or it would reach training and
    // prediction as cells NAS-Bench-101 does not have.
    const Cell cell(ops, rows, n);
    if (const CellValidation validation = validateCell(cell); !validation.ok())
        return "invalid cell: " + validation.message;
    r.cell = *pruneCell(cell);
    const char* problem = nullptr;
    forEachValue([&](std::size_t b, std::size_t run, int half, std::size_t offset) {
        Evaluation& e = half ? r.budgets[b].runs[run].final : r.budgets[b].runs[run].halfway;
        for (std::size_t k = 0; k < kFloatsPerEvaluation; ++k)
            e.*kEvaluationFields[k] = evaluationFloat(static_cast<std::uint32_t>(getLe(p + offset + 4 * k, 4)));
        if (!problem && run < r.budgets[b].count)
            problem = evaluationProblem(e);
    });
    return problem ? std::string("a run holds ") + problem : std::string();
}

// The CRC-32 of consecutive pieces from the CRC-32 of each.
std::uint32_t combineCrcs(const std::vector<std::uint32_t>& crcs, const std::vector<std::size_t>& lengths)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    for (std::size_t c = 0; c < crcs.size(); ++c)
        crc = crc32_combine(crc, crcs[c], static_cast<z_off_t>(lengths[c]));
    return static_cast<std::uint32_t>(crc);
}

uLong crcOf(const char* p, std::size_t size)
{
    return crc32_z(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(p), size);
}

} // namespace

void writeDatasetCache(const std::string& path, const std::vector<Record>& records, int threads)
{
    // Encoded a block at a time into one reused buffer and streamed out; the header, which holds the
    // checksum of everything after it, goes in last.
    constexpr std::size_t kBlock = 16 * kGrain;
    writeFileAtomically(path, [&](const std::string& temp) {
        std::FILE* f = std::fopen(temp.c_str(), "wb");
        if (!f)
            throw std::runtime_error(temp + ": cannot open for writing");
        bool ok = true;
        try {
            char header[kHeaderSize] = {};
            ok = std::fwrite(header, 1, kHeaderSize, f) == kHeaderSize;
            std::string buffer;
            uLong crc = crc32(0L, Z_NULL, 0);
            for (std::size_t start = 0; start < records.size() && ok; start += kBlock) {
                const std::size_t count = std::min(kBlock, records.size() - start);
                buffer.resize(count * kRecordSize);
                const std::size_t chunks = (count + kGrain - 1) / kGrain;
                std::vector<std::uint32_t> crcs(chunks);
                std::vector<std::size_t> lengths(chunks);
                parallelFor(count, kGrain, threads, [&](std::size_t begin, std::size_t end) {
                    char* p = buffer.data() + begin * kRecordSize;
                    for (std::size_t i = begin; i < end; ++i)
                        encodeRecord(records[start + i], start + i, p + (i - begin) * kRecordSize);
                    crcs[begin / kGrain] = static_cast<std::uint32_t>(crcOf(p, (end - begin) * kRecordSize));
                    lengths[begin / kGrain] = (end - begin) * kRecordSize;
                });
                crc = crc32_combine(crc, combineCrcs(crcs, lengths), static_cast<z_off_t>(buffer.size()));
                ok = std::fwrite(buffer.data(), 1, buffer.size(), f) == buffer.size();
            }
            std::memcpy(header, kDatasetCacheMagic, 8);
            putLe(header + 8, kDatasetCacheVersion, 4);
            putLe(header + 12, kRecordSize, 4);
            putLe(header + 16, records.size(), 8);
            putLe(header + 24, crc, 4);
            ok = ok && std::fseek(f, 0, SEEK_SET) == 0 && std::fwrite(header, 1, kHeaderSize, f) == kHeaderSize;
        } catch (...) {
            std::fclose(f);
            throw;
        }
        if (std::fclose(f) != 0 || !ok)
            throw std::runtime_error(path + ": write failed");
    });
}

Dataset loadDatasetCache(const std::string& path, int threads, const std::atomic<bool>* cancel)
{
    const MappedFile file(path);
    return parseDatasetCache(file.bytes(), path, threads, cancel);
}

Dataset parseDatasetCache(std::string_view bytes, const std::string& path, int threads, const std::atomic<bool>* cancel)
{
    if (bytes.size() < kHeaderSize)
        throw DataError(path + ": not a dataset cache: " + std::to_string(bytes.size())
                        + " bytes, shorter than the 32-byte header");
    const char* h = bytes.data();
    if (std::memcmp(h, kDatasetCacheMagic, 8) != 0)
        throw DataError(path + ": not a dataset cache: wrong magic bytes");
    const auto version = getLe(h + 8, 4);
    if (version != kDatasetCacheVersion)
        throw DataError(path + ": dataset cache version " + std::to_string(version) + " is not supported (this build reads "
                        + std::to_string(kDatasetCacheVersion) + "); import the tfrecord again");
    if (getLe(h + 12, 4) != kRecordSize)
        throw DataError(path + ": dataset cache has records of " + std::to_string(getLe(h + 12, 4)) + " bytes, expected "
                        + std::to_string(kRecordSize));
    const std::uint64_t count = getLe(h + 16, 8);
    const std::size_t payload = bytes.size() - kHeaderSize;
    if (count > payload / kRecordSize || payload != count * kRecordSize)
        throw DataError(path + ": dataset cache is truncated or padded: " + std::to_string(payload)
                        + " bytes of records for a count of " + std::to_string(count));
    const std::size_t n = static_cast<std::size_t>(count);
    std::vector<Record> records;
    records.reserve(n);
    adviseHugePages(records.data(), n * sizeof(Record));
    records.resize(n);
    const std::size_t chunks = (n + kGrain - 1) / kGrain;
    std::vector<std::uint32_t> crcs(chunks);
    std::vector<std::size_t> lengths(chunks);
    std::size_t errorIndex = n;
    std::string errorText;
    std::mutex errorMutex;
    // The checksum and the decoding share one pass over the bytes; on a mismatch the decoded records
    // are discarded, and the structural checks keep a corrupt record from doing harm before that.
    parallelFor(n, kGrain, threads, [&](std::size_t begin, std::size_t end) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw Cancelled();
        const char* p = bytes.data() + kHeaderSize + begin * kRecordSize;
        crcs[begin / kGrain] = static_cast<std::uint32_t>(crcOf(p, (end - begin) * kRecordSize));
        lengths[begin / kGrain] = (end - begin) * kRecordSize;
        for (std::size_t i = begin; i < end; ++i) {
            if (std::string error = decodeRecord(p + (i - begin) * kRecordSize, records[i]); !error.empty()) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (i < errorIndex) {
                    errorIndex = i;
                    errorText = std::move(error);
                }
                return;
            }
        }
    });
    if (combineCrcs(crcs, lengths) != getLe(h + 24, 4))
        throw DataError(path + ": dataset cache is corrupt: its checksum does not match its records");
    if (errorIndex < n)
        throw DataError(path + ":record " + std::to_string(errorIndex + 1) + " (byte "
                        + std::to_string(kHeaderSize + errorIndex * kRecordSize) + "): " + errorText);
    return Dataset(std::move(records), path);
}

bool isDatasetCache(const std::string& path)
{
    requireRegularFile(path);
    std::ifstream in(path, std::ios::binary);
    char magic[8] = {};
    return in.read(magic, 8) && std::memcmp(magic, kDatasetCacheMagic, 8) == 0;
}

} // namespace archscope
