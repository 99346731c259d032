// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "cell/ModuleHash.h"

#include "cell/Cell.h"
#include "cell/ModuleHashBatch.h"
#include "util/Md5Batch.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace archscope {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

using Hex = std::array<char, 32>;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::uint64_t mix(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

std::uint64_t combine(std::uint64_t seed, std::uint64_t value) { return mix(seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6))); }

} // namespace

std::string ModuleHash::hex() const
{
    std::string s(32, '0');
    for (int i = 0; i < 16; ++i) {
        s[static_cast<std::size_t>(2 * i)] = kHexDigits[bytes[static_cast<std::size_t>(i)] >> 4];
        s[static_cast<std::size_t>(2 * i + 1)] = kHexDigits[bytes[static_cast<std::size_t>(i)] & 15];
    }
    return s;
}

std::optional<ModuleHash> ModuleHash::fromHex(std::string_view hex)
{
    if (hex.size() != 32)
        return std::nullopt;
    ModuleHash h;
    for (std::size_t i = 0; i < 16; ++i) {
        const int hi = hexValue(hex[2 * i]);
        const int lo = hexValue(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        h.bytes[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return h;
}

namespace {

void toHex(const Md5Digest& digest, Hex& out)
{
    for (std::size_t i = 0; i < 16; ++i) {
        out[2 * i] = kHexDigits[digest[i] >> 4];
        out[2 * i + 1] = kHexDigits[digest[i] & 15];
    }
}

// The first round's labels depend on a vertex's degrees and op alone: MD5 of Python's str() of the
// tuple (out_degree, in_degree, label), for every combination a cell can have, computed once.
class InitialLabels {
public:
    InitialLabels()
    {
        std::vector<Md5Digest> digests(kCombinations);
        Md5Batch batch;
        for (int out = 0; out < kCellCapacity; ++out)
            for (int in = 0; in < kCellCapacity; ++in)
                for (int label = kLowestLabel; label < kLowestLabel + kLabels; ++label)
                    batch.add("(" + std::to_string(out) + ", " + std::to_string(in) + ", " + std::to_string(label) + ")",
                              &digests[index(out, in, label)]);
        batch.run();
        for (std::size_t i = 0; i < kCombinations; ++i)
            toHex(digests[i], hex_[i]);
    }
    // Which of the combinations (out_degree, in_degree, label) is: below 5,120, so 13 bits.
    static std::size_t index(int out, int in, int label)
    {
        return (static_cast<std::size_t>(out) * kCellCapacity + static_cast<std::size_t>(in)) * kLabels
               + static_cast<std::size_t>(label - kLowestLabel);
    }
    const Hex& operator[](std::size_t index) const { return hex_[index]; }

private:
    static constexpr int kLowestLabel = -2; // output; input is -1, the interior ops 0..2
    static constexpr int kLabels = 5;
    static constexpr std::size_t kCombinations = std::size_t{kCellCapacity} * kCellCapacity * kLabels;
    std::array<Hex, kCombinations> hex_;
};

const InitialLabels& initialLabels()
{
    static const InitialLabels labels;
    return labels;
}

// The first round reads initial labels only, of which a whole space has a few hundred, so its messages
// repeat across cells (66,625 distinct among the enumeration's 2.9 million): their digests are kept,
// keyed by the vertex's own label and the multisets of its neighbours' (13 bits each, packed).
struct FirstRoundKey {
    std::uint64_t high = 0, low = 0;
    friend bool operator==(const FirstRoundKey& a, const FirstRoundKey& b) { return a.high == b.high && a.low == b.low; }
};
struct FirstRoundKeyHash {
    std::size_t operator()(const FirstRoundKey& k) const { return static_cast<std::size_t>(mix(k.high ^ mix(k.low))); }
};
using FirstRoundMemo = std::unordered_map<FirstRoundKey, Md5Digest, FirstRoundKeyHash>;

// Packs 3-bit neighbour counts and 13-bit label ids into 128 bits; false when they do not fit (a
// vertex with more than 7 in- or out-neighbours or more than 9 ids in all: its message is hashed).
bool firstRoundKey(const std::vector<std::uint16_t>& in, const std::vector<std::uint16_t>& out, std::uint16_t own,
                   FirstRoundKey& key)
{
    if (in.size() > 7 || out.size() > 7 || in.size() + out.size() + 1 > 9)
        return false;
    key = {};
    int bit = 0;
    const auto put = [&](std::uint64_t value, int bits) {
        for (int i = 0; i < bits; ++i, ++bit)
            if ((value >> i) & 1u)
                (bit < 64 ? key.low : key.high) |= std::uint64_t{1} << (bit % 64);
    };
    put(in.size(), 3);
    put(out.size(), 3);
    put(own, 13);
    for (const std::uint16_t id : in)
        put(id, 13);
    for (const std::uint16_t id : out)
        put(id, 13);
    return true;
}

// One cell's messages of a round are too few to fill the lanes: they are for batches, as the memo.
std::vector<ModuleHash> hashCells(const Cell* cells, std::size_t count, Md5Batch::Lanes lanes, FirstRoundMemo* memo)
{
    // Every vertex of every cell in one flat array; cell c's vertices start at first[c].
    std::vector<std::size_t> first(count + 1, 0);
    int rounds = 0;
    for (std::size_t c = 0; c < count; ++c) {
        first[c + 1] = first[c] + static_cast<std::size_t>(cells[c].numVertices());
        rounds = std::max(rounds, cells[c].numVertices());
    }
    std::vector<Hex> hashes(first[count]);
    std::vector<Md5Digest> digests(first[count]);
    std::vector<std::uint16_t> labelIds(first[count]);
    const InitialLabels& labels = initialLabels();
    for (std::size_t c = 0; c < count; ++c)
        for (int v = 0; v < cells[c].numVertices(); ++v) {
            const std::size_t i = first[c] + static_cast<std::size_t>(v);
            labelIds[i] = static_cast<std::uint16_t>(
                InitialLabels::index(cells[c].outDegree(v), cells[c].inDegree(v), opHashLabel(cells[c].op(v))));
            hashes[i] = labels[labelIds[i]];
        }
    std::vector<std::uint16_t> inIds, outIds;
    std::vector<std::pair<FirstRoundKey, std::size_t>> toRemember;

    // A cell of n vertices takes n rounds; all cells' vertices of one round go into one batch, so the
    // MD5s run side by side (Md5Batch).
    Md5Batch batch;
    batch.limitLanes(lanes);
    std::vector<const Hex*> in, out;
    auto byText = [](const Hex* a, const Hex* b) { return std::memcmp(a->data(), b->data(), 32) < 0; };
    for (int round = 0; round < rounds; ++round) {
        for (std::size_t c = 0; c < count; ++c) {
            const Cell& cell = cells[c];
            const int n = cell.numVertices();
            if (round >= n)
                continue;
            const Hex* h = hashes.data() + first[c];
            std::uint32_t inMask[kCellCapacity] = {};
            for (int v = 0; v < n; ++v)
                for (std::uint32_t m = cell.outMask(v); m; m &= m - 1)
                    inMask[__builtin_ctz(m)] |= 1u << v;
            for (int v = 0; v < n; ++v) {
                const std::size_t i = first[c] + static_cast<std::size_t>(v);
                if (round == 0 && memo) {
                    inIds.clear();
                    outIds.clear();
                    for (std::uint32_t m = inMask[v]; m; m &= m - 1)
                        inIds.push_back(labelIds[first[c] + static_cast<std::size_t>(__builtin_ctz(m))]);
                    for (std::uint32_t m = cell.outMask(v); m; m &= m - 1)
                        outIds.push_back(labelIds[first[c] + static_cast<std::size_t>(__builtin_ctz(m))]);
                    std::sort(inIds.begin(), inIds.end());
                    std::sort(outIds.begin(), outIds.end());
                    FirstRoundKey key;
                    if (firstRoundKey(inIds, outIds, labelIds[i], key)) {
                        const auto known = memo->find(key);
                        if (known != memo->end()) {
                            digests[i] = known->second;
                            continue;
                        }
                        toRemember.emplace_back(key, i);
                    }
                }
                in.clear();
                out.clear();
                for (std::uint32_t m = inMask[v]; m; m &= m - 1)
                    in.push_back(&h[__builtin_ctz(m)]);
                for (std::uint32_t m = cell.outMask(v); m; m &= m - 1)
                    out.push_back(&h[__builtin_ctz(m)]);
                std::sort(in.begin(), in.end(), byText);
                std::sort(out.begin(), out.end(), byText);
                // in-hashes | out-hashes | own hash, as graph_util.hash_module joins them.
                char* p = batch.add(32 * (in.size() + out.size() + 1) + 2, &digests[i]);
                for (const Hex* x : in)
                    p = std::copy(x->begin(), x->end(), p);
                *p++ = '|';
                for (const Hex* x : out)
                    p = std::copy(x->begin(), x->end(), p);
                *p++ = '|';
                std::copy(h[v].begin(), h[v].end(), p);
            }
        }
        batch.run();
        if (memo) {
            for (const auto& [key, i] : toRemember)
                memo->emplace(key, digests[i]);
            toRemember.clear();
        }
        for (std::size_t c = 0; c < count; ++c)
            if (round < cells[c].numVertices())
                for (std::size_t i = first[c]; i < first[c + 1]; ++i)
                    toHex(digests[i], hashes[i]);
    }

    std::vector<ModuleHash> result(count);
    std::string text;
    for (std::size_t c = 0; c < count; ++c) {
        std::sort(hashes.begin() + static_cast<std::ptrdiff_t>(first[c]), hashes.begin() + static_cast<std::ptrdiff_t>(first[c + 1]));
        // Python's str() of a list of strings: ['a', 'b'].
        text = "[";
        for (std::size_t i = first[c]; i < first[c + 1]; ++i) {
            if (i > first[c])
                text += ", ";
            text += '\'';
            text.append(hashes[i].data(), 32);
            text += '\'';
        }
        text += ']';
        batch.add(text, &result[c].bytes);
    }
    batch.run();
    return result;
}

} // namespace

std::vector<ModuleHash> moduleHashes(const Cell* cells, std::size_t count)
{
    thread_local FirstRoundMemo memo;
    if (memo.size() > (std::size_t{1} << 20)) // cells of a much larger space than NAS-Bench-101's
        memo.clear();
    return hashCells(cells, count, Md5Batch::widest(), &memo);
}

ModuleHash moduleHash(const Cell& cell) { return hashCells(&cell, 1, Md5Batch::Lanes::OpenSsl, nullptr).front(); }

std::uint64_t moduleFingerprint(const Cell& cell)
{
    return moduleFingerprint(cell.numVertices(), [&] {
        std::array<std::uint32_t, kCellCapacity> rows{};
        for (int v = 0; v < cell.numVertices(); ++v)
            rows[static_cast<std::size_t>(v)] = cell.outMask(v);
        return rows;
    }().data(), cell.ops().data());
}

std::uint64_t moduleFingerprint(int n, const std::uint32_t* rows, const Op* ops)
{
    // Where the MD5 hash sorts a vertex's neighbour hashes and joins them, this adds their mixes: a
    // sum does not depend on the order, so equal multisets give equal sums without sorting, and
    // different ones collide only as rarely as 64-bit random values do.
    std::uint64_t h[kCellCapacity], next[kCellCapacity];
    std::uint32_t inMask[kCellCapacity] = {};
    for (int v = 0; v < n; ++v)
        for (std::uint32_t m = rows[v]; m; m &= m - 1)
            inMask[__builtin_ctz(m)] |= 1u << v;
    for (int v = 0; v < n; ++v)
        h[v] = combine(combine(mix(static_cast<std::uint64_t>(__builtin_popcount(rows[v])) + 1),
                               static_cast<std::uint64_t>(__builtin_popcount(inMask[v]))),
                       static_cast<std::uint64_t>(opHashLabel(ops[v]) + 8));
    std::uint64_t asIn[kCellCapacity], asOut[kCellCapacity];
    for (int round = 0; round < n; ++round) {
        // Each vertex's hash mixed once per round, two ways (as an in- and as an out-neighbour).
        for (int v = 0; v < n; ++v) {
            asIn[v] = mix(h[v]);
            asOut[v] = mix(h[v] ^ 0x6a09e667f3bcc909ULL);
        }
        for (int v = 0; v < n; ++v) {
            std::uint64_t in = 0x51ed270b27aa5ULL, out = 0x7c0ffee5ULL;
            for (std::uint32_t m = inMask[v]; m; m &= m - 1)
                in += asIn[__builtin_ctz(m)];
            for (std::uint32_t m = rows[v]; m; m &= m - 1)
                out += asOut[__builtin_ctz(m)];
            next[v] = mix(in ^ ((out << 21) | (out >> 43)) ^ (h[v] * 0x9e3779b97f4a7c15ULL));
        }
        std::copy(next, next + n, h);
    }
    std::uint64_t x = mix(static_cast<std::uint64_t>(n));
    for (int v = 0; v < n; ++v)
        x += mix(h[v]);
    return mix(x);
}

} // namespace archscope
