// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/Md5Batch.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <utility>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ARCHSCOPE_MD5_AVX2 1
#endif

namespace archscope {

namespace {

constexpr std::size_t kBlock = 64;
constexpr std::size_t kLanes = 8; // 32-bit lanes of an AVX2 register
// Below this many messages of one length the lanes would mostly hash copies: OpenSSL is cheaper.
constexpr std::size_t kMinVectorGroup = 3;

// One reusable OpenSSL MD5 context per thread: OpenSSL 3 makes a fresh EVP_Digest call fetch the
// algorithm and allocate a context each time, which dominates for short messages.
class OpenSslMd5 {
public:
    OpenSslMd5() : md_(EVP_MD_fetch(nullptr, "MD5", nullptr)), ctx_(EVP_MD_CTX_new())
    {
        if (!md_ || !ctx_)
            throw std::runtime_error("OpenSSL has no MD5 implementation available");
    }
    ~OpenSslMd5()
    {
        EVP_MD_CTX_free(ctx_);
        EVP_MD_free(md_);
    }
    OpenSslMd5(const OpenSslMd5&) = delete;
    OpenSslMd5& operator=(const OpenSslMd5&) = delete;

    void digest(const std::uint8_t* data, std::size_t size, Md5Digest& out)
    {
        unsigned int len = 0;
        if (!EVP_DigestInit_ex(ctx_, md_, nullptr) || !EVP_DigestUpdate(ctx_, data, size)
            || !EVP_DigestFinal_ex(ctx_, out.data(), &len) || len != 16)
            throw std::runtime_error("OpenSSL MD5 failed");
    }

private:
    EVP_MD* md_;
    EVP_MD_CTX* ctx_;
};

OpenSslMd5& threadMd5()
{
    thread_local OpenSslMd5 md5;
    return md5;
}

#ifdef ARCHSCOPE_MD5_AVX2

// RFC 1321's per-step rotations and message words; its constants K[i] are the integer part of
// 2^32 * |sin(i + 1)|, computed once at run time (std::sin is not constexpr).
constexpr int kShift[4][4] = {{7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

constexpr int messageWord(int i)
{
    return i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16;
}

const std::uint32_t* md5Constants()
{
    static const auto k = [] {
        std::array<std::uint32_t, 64> values{};
        for (int i = 0; i < 64; ++i)
            values[static_cast<std::size_t>(i)] =
                static_cast<std::uint32_t>(std::floor(std::fabs(std::sin(static_cast<double>(i + 1))) * 4294967296.0));
        return values;
    }();
    return k.data();
}

// Step I of MD5's 64 on G groups of eight lanes. A template, so that the rotation is an immediate
// and the steps unroll (a variable rotation in a loop made the lanes three times slower); two groups
// at once, because one step waits on the last and a single group leaves the core idle between them.
template <int I, int G>
__attribute__((target("avx2"), always_inline)) inline void md5Step(__m256i (&a)[G], __m256i (&b)[G], __m256i (&c)[G],
                                                                   __m256i (&d)[G], const __m256i (&m)[G][16],
                                                                   const std::uint32_t* k)
{
    constexpr int s = kShift[I / 16][I % 4];
    const __m256i constant = _mm256_set1_epi32(static_cast<int>(k[I]));
    for (int g = 0; g < G; ++g) {
        __m256i f;
        if constexpr (I < 16)
            f = _mm256_or_si256(_mm256_and_si256(b[g], c[g]), _mm256_andnot_si256(b[g], d[g]));
        else if constexpr (I < 32)
            f = _mm256_or_si256(_mm256_and_si256(d[g], b[g]), _mm256_andnot_si256(d[g], c[g]));
        else if constexpr (I < 48)
            f = _mm256_xor_si256(_mm256_xor_si256(b[g], c[g]), d[g]);
        else
            f = _mm256_xor_si256(c[g], _mm256_or_si256(b[g], _mm256_xor_si256(d[g], _mm256_set1_epi32(-1))));
        f = _mm256_add_epi32(f, _mm256_add_epi32(_mm256_add_epi32(a[g], constant), m[g][messageWord(I)]));
        a[g] = d[g];
        d[g] = c[g];
        c[g] = b[g];
        b[g] = _mm256_add_epi32(b[g], _mm256_or_si256(_mm256_slli_epi32(f, s), _mm256_srli_epi32(f, 32 - s)));
    }
}

template <int G, std::size_t... I>
__attribute__((target("avx2"), always_inline)) inline void md5Steps(__m256i (&a)[G], __m256i (&b)[G], __m256i (&c)[G],
                                                                    __m256i (&d)[G], const __m256i (&m)[G][16],
                                                                    const std::uint32_t* k, std::index_sequence<I...>)
{
    (md5Step<static_cast<int>(I), G>(a, b, c, d, m, k), ...);
}

// MD5 of 8·G padded messages of `blocks` blocks each, one per 32-bit lane.
template <int G>
__attribute__((target("avx2"))) void md5Lanes(const std::uint8_t* const* lanes, std::uint32_t blocks, Md5Digest* const* out)
{
    const std::uint32_t* k = md5Constants();
    __m256i state[4][G];
    for (int g = 0; g < G; ++g) {
        state[0][g] = _mm256_set1_epi32(0x67452301);
        state[1][g] = _mm256_set1_epi32(static_cast<int>(0xefcdab89u));
        state[2][g] = _mm256_set1_epi32(static_cast<int>(0x98badcfeu));
        state[3][g] = _mm256_set1_epi32(0x10325476);
    }
    alignas(32) std::uint32_t words[G][16][kLanes];
    for (std::uint32_t block = 0; block < blocks; ++block) {
        for (std::size_t lane = 0; lane < kLanes * G; ++lane) {
            const std::uint8_t* p = lanes[lane] + block * kBlock;
            for (int w = 0; w < 16; ++w)
                std::memcpy(&words[lane / kLanes][w][lane % kLanes], p + 4 * w, 4); // x86 is little-endian, as MD5
        }
        __m256i m[G][16];
        for (int g = 0; g < G; ++g)
            for (int w = 0; w < 16; ++w)
                m[g][w] = _mm256_load_si256(reinterpret_cast<const __m256i*>(words[g][w]));
        __m256i a[G], b[G], c[G], d[G];
        for (int g = 0; g < G; ++g) {
            a[g] = state[0][g];
            b[g] = state[1][g];
            c[g] = state[2][g];
            d[g] = state[3][g];
        }
        md5Steps<G>(a, b, c, d, m, k, std::make_index_sequence<64>());
        for (int g = 0; g < G; ++g) {
            state[0][g] = _mm256_add_epi32(state[0][g], a[g]);
            state[1][g] = _mm256_add_epi32(state[1][g], b[g]);
            state[2][g] = _mm256_add_epi32(state[2][g], c[g]);
            state[3][g] = _mm256_add_epi32(state[3][g], d[g]);
        }
    }
    alignas(32) std::uint32_t digest[4][kLanes];
    for (int g = 0; g < G; ++g) {
        for (int word = 0; word < 4; ++word)
            _mm256_store_si256(reinterpret_cast<__m256i*>(digest[word]), state[word][g]);
        for (std::size_t lane = 0; lane < kLanes; ++lane)
            for (int word = 0; word < 4; ++word)
                std::memcpy(out[static_cast<std::size_t>(g) * kLanes + lane]->data() + 4 * word, &digest[word][lane], 4);
    }
}

// The same on sixteen lanes of AVX-512, where one ternary-logic instruction is each step's
// function and one instruction its rotation: shorter steps as well as twice the lanes. A function of
// its own rather than one template over both register types, because each needs its own target
// attribute: code compiled for AVX-512 may use its instructions anywhere, and must not run on a CPU
// that has AVX2 only.
template <int I, int G>
__attribute__((target("avx512f"), always_inline)) inline void md5Step512(__m512i (&a)[G], __m512i (&b)[G], __m512i (&c)[G],
                                                                         __m512i (&d)[G], const __m512i (&m)[G][16],
                                                                         const std::uint32_t* k)
{
    constexpr int s = kShift[I / 16][I % 4];
    const __m512i constant = _mm512_set1_epi32(static_cast<int>(k[I]));
    for (int g = 0; g < G; ++g) {
        __m512i f;
        if constexpr (I < 16)
            f = _mm512_ternarylogic_epi32(b[g], c[g], d[g], 0xca); // b ? c : d
        else if constexpr (I < 32)
            f = _mm512_ternarylogic_epi32(d[g], b[g], c[g], 0xca); // d ? b : c
        else if constexpr (I < 48)
            f = _mm512_ternarylogic_epi32(b[g], c[g], d[g], 0x96); // b ^ c ^ d
        else
            f = _mm512_ternarylogic_epi32(b[g], c[g], d[g], 0x39); // c ^ (b | ~d)
        f = _mm512_add_epi32(f, _mm512_add_epi32(_mm512_add_epi32(a[g], constant), m[g][messageWord(I)]));
        a[g] = d[g];
        d[g] = c[g];
        c[g] = b[g];
        // maskz with every lane set is rol; GCC 12 warns about plain rol's undefined pass-through operand.
        b[g] = _mm512_add_epi32(b[g], _mm512_maskz_rol_epi32(0xffff, f, s));
    }
}

template <int G, std::size_t... I>
__attribute__((target("avx512f"), always_inline)) inline void md5Steps512(__m512i (&a)[G], __m512i (&b)[G], __m512i (&c)[G],
                                                                          __m512i (&d)[G], const __m512i (&m)[G][16],
                                                                          const std::uint32_t* k, std::index_sequence<I...>)
{
    (md5Step512<static_cast<int>(I), G>(a, b, c, d, m, k), ...);
}

constexpr std::size_t kLanes512 = 16;

template <int G>
__attribute__((target("avx512f"))) void md5Lanes512(const std::uint8_t* const* lanes, std::uint32_t blocks, Md5Digest* const* out)
{
    const std::uint32_t* k = md5Constants();
    __m512i state[4][G];
    for (int g = 0; g < G; ++g) {
        state[0][g] = _mm512_set1_epi32(0x67452301);
        state[1][g] = _mm512_set1_epi32(static_cast<int>(0xefcdab89u));
        state[2][g] = _mm512_set1_epi32(static_cast<int>(0x98badcfeu));
        state[3][g] = _mm512_set1_epi32(0x10325476);
    }
    alignas(64) std::uint32_t words[G][16][kLanes512];
    for (std::uint32_t block = 0; block < blocks; ++block) {
        for (std::size_t lane = 0; lane < kLanes512 * G; ++lane) {
            const std::uint8_t* p = lanes[lane] + block * kBlock;
            for (int w = 0; w < 16; ++w)
                std::memcpy(&words[lane / kLanes512][w][lane % kLanes512], p + 4 * w, 4);
        }
        __m512i m[G][16];
        for (int g = 0; g < G; ++g)
            for (int w = 0; w < 16; ++w)
                m[g][w] = _mm512_load_si512(words[g][w]);
        __m512i a[G], b[G], c[G], d[G];
        for (int g = 0; g < G; ++g) {
            a[g] = state[0][g];
            b[g] = state[1][g];
            c[g] = state[2][g];
            d[g] = state[3][g];
        }
        md5Steps512<G>(a, b, c, d, m, k, std::make_index_sequence<64>());
        for (int g = 0; g < G; ++g) {
            state[0][g] = _mm512_add_epi32(state[0][g], a[g]);
            state[1][g] = _mm512_add_epi32(state[1][g], b[g]);
            state[2][g] = _mm512_add_epi32(state[2][g], c[g]);
            state[3][g] = _mm512_add_epi32(state[3][g], d[g]);
        }
    }
    alignas(64) std::uint32_t digest[4][kLanes512];
    for (int g = 0; g < G; ++g) {
        for (int word = 0; word < 4; ++word)
            _mm512_store_si512(digest[word], state[word][g]);
        for (std::size_t lane = 0; lane < kLanes512; ++lane)
            for (int word = 0; word < 4; ++word)
                std::memcpy(out[static_cast<std::size_t>(g) * kLanes512 + lane]->data() + 4 * word, &digest[word][lane], 4);
    }
}

#endif

} // namespace

Md5Batch::Lanes Md5Batch::widest()
{
#ifdef ARCHSCOPE_MD5_AVX2
    static const Lanes lanes = __builtin_cpu_supports("avx512f") ? Lanes::Avx512
                               : __builtin_cpu_supports("avx2")  ? Lanes::Avx2
                                                                 : Lanes::OpenSsl;
    return lanes;
#else
    return Lanes::OpenSsl;
#endif
}

const char* Md5Batch::name(Lanes lanes)
{
    switch (lanes) {
    case Lanes::OpenSsl: return "OpenSSL";
    case Lanes::Avx2: return "AVX2 lanes";
    case Lanes::Avx512: return "AVX-512 lanes";
    }
    return "?";
}

void Md5Batch::add(std::string_view message, Md5Digest* out)
{
    std::memcpy(add(message.size(), out), message.data(), message.size());
}

char* Md5Batch::add(std::size_t length, Md5Digest* out)
{
    const std::size_t blocks = (length + 8) / kBlock + 1; // room for the 0x80 byte and the 64-bit length
    const std::size_t offset = used_;
    used_ += blocks * kBlock;
    if (used_ > padded_.size())
        padded_.resize(std::max(used_, 2 * padded_.size()));
    std::uint8_t* p = padded_.data() + offset;
    p[length] = 0x80;
    std::memset(p + length + 1, 0, blocks * kBlock - 8 - length - 1);
    const std::uint64_t bits = static_cast<std::uint64_t>(length) * 8;
    for (int i = 0; i < 8; ++i)
        p[blocks * kBlock - 8 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(bits >> (8 * i));
    items_.push_back({offset, length, static_cast<std::uint32_t>(blocks), out});
    return reinterpret_cast<char*>(p);
}

void Md5Batch::run()
{
    order_.clear(); // then: the items left for OpenSSL
#ifdef ARCHSCOPE_MD5_AVX2
    if (lanes_ != Lanes::OpenSsl) {
        using Kernel = void (*)(const std::uint8_t* const*, std::uint32_t, Md5Digest* const*);
        // One register's lanes, or two registers' at once.
        const std::size_t width = lanes_ == Lanes::Avx512 ? kLanes512 : kLanes;
        const Kernel one = lanes_ == Lanes::Avx512 ? &md5Lanes512<1> : &md5Lanes<1>;
        const Kernel two = lanes_ == Lanes::Avx512 ? &md5Lanes512<2> : &md5Lanes<2>;

        // Grouped by length (a counting sort: lengths are a few blocks), so lanes run equal lengths.
        std::uint32_t longest = 0;
        for (const Item& item : items_)
            longest = std::max(longest, item.blocks);
        std::vector<std::size_t> start(longest + 2, 0);
        for (const Item& item : items_)
            ++start[item.blocks + 1];
        for (std::size_t b = 1; b < start.size(); ++b)
            start[b] += start[b - 1];
        order_.resize(items_.size());
        for (std::size_t i = 0; i < items_.size(); ++i)
            order_[start[items_[i].blocks]++] = i;

        std::vector<std::size_t> scalar;
        constexpr std::size_t kMostLanes = 2 * kLanes512;
        for (std::size_t begin = 0; begin < order_.size();) {
            const std::uint32_t blocks = items_[order_[begin]].blocks;
            std::size_t end = begin;
            while (end < order_.size() && items_[order_[end]].blocks == blocks)
                ++end;
            for (std::size_t i = begin; i < end; i += 2 * width) {
                const std::size_t used = std::min(2 * width, end - i);
                if (used < kMinVectorGroup) {
                    scalar.insert(scalar.end(), order_.begin() + static_cast<std::ptrdiff_t>(i),
                                  order_.begin() + static_cast<std::ptrdiff_t>(i + used));
                    continue;
                }
                const std::size_t run = used <= width ? width : 2 * width;
                const std::uint8_t* lanes[kMostLanes];
                Md5Digest* outs[kMostLanes];
                Md5Digest spare[kMostLanes];
                for (std::size_t lane = 0; lane < run; ++lane) {
                    // Unused lanes hash a copy of the first message into a scratch digest.
                    const Item& item = items_[order_[i + (lane < used ? lane : 0)]];
                    lanes[lane] = padded_.data() + item.offset;
                    outs[lane] = lane < used ? item.out : &spare[lane];
                }
                (run == width ? one : two)(lanes, blocks, outs);
            }
            begin = end;
        }
        order_.swap(scalar);
    } else
#endif
    {
        order_.resize(items_.size());
        for (std::size_t i = 0; i < order_.size(); ++i)
            order_[i] = i;
    }
    OpenSslMd5& md5 = threadMd5();
    for (const std::size_t i : order_)
        md5.digest(padded_.data() + items_[i].offset, items_[i].length, *items_[i].out);
    items_.clear();
    used_ = 0;
    order_.clear();
}

} // namespace archscope
