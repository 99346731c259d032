#include "cell/ModuleHash.h"

#include "cell/Cell.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

namespace archscope {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// One reusable MD5 context per thread: OpenSSL 3 makes a fresh EVP_Digest call fetch the algorithm
// and allocate a context each time, which dominates for the ~60 short messages of one cell.
class Md5 {
public:
    Md5() : md_(EVP_MD_fetch(nullptr, "MD5", nullptr)), ctx_(EVP_MD_CTX_new())
    {
        if (!md_ || !ctx_)
            throw std::runtime_error("OpenSSL has no MD5 implementation available");
    }
    ~Md5()
    {
        EVP_MD_CTX_free(ctx_);
        EVP_MD_free(md_);
    }
    Md5(const Md5&) = delete;
    Md5& operator=(const Md5&) = delete;

    // MD5 of `data` as 32 hex characters written to `out`.
    void hexDigest(const std::string& data, char* out)
    {
        unsigned char digest[16];
        unsigned int len = 0;
        if (!EVP_DigestInit_ex(ctx_, md_, nullptr) || !EVP_DigestUpdate(ctx_, data.data(), data.size())
            || !EVP_DigestFinal_ex(ctx_, digest, &len) || len != 16)
            throw std::runtime_error("OpenSSL MD5 failed");
        for (int i = 0; i < 16; ++i) {
            out[2 * i] = kHexDigits[digest[i] >> 4];
            out[2 * i + 1] = kHexDigits[digest[i] & 15];
        }
    }

private:
    EVP_MD* md_;
    EVP_MD_CTX* ctx_;
};

Md5& threadMd5()
{
    thread_local Md5 md5;
    return md5;
}

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

ModuleHash moduleHash(const Cell& cell)
{
    const int n = cell.numVertices();
    Md5& md5 = threadMd5();
    std::vector<Hex> hashes(static_cast<std::size_t>(n)), next(static_cast<std::size_t>(n));
    std::string text;
    for (int v = 0; v < n; ++v) {
        // Python's str() of the tuple (out_degree, in_degree, label).
        text = "(" + std::to_string(cell.outDegree(v)) + ", " + std::to_string(cell.inDegree(v)) + ", "
               + std::to_string(opHashLabel(cell.op(v))) + ")";
        md5.hexDigest(text, hashes[static_cast<std::size_t>(v)].data());
    }
    std::vector<const Hex*> in, out;
    auto byText = [](const Hex* a, const Hex* b) { return *a < *b; };
    for (int round = 0; round < n; ++round) {
        for (int v = 0; v < n; ++v) {
            in.clear();
            out.clear();
            for (int w = 0; w < n; ++w) {
                if (cell.hasEdge(w, v))
                    in.push_back(&hashes[static_cast<std::size_t>(w)]);
                if (cell.hasEdge(v, w))
                    out.push_back(&hashes[static_cast<std::size_t>(w)]);
            }
            std::sort(in.begin(), in.end(), byText);
            std::sort(out.begin(), out.end(), byText);
            text.clear();
            for (const Hex* h : in)
                text.append(h->data(), 32);
            text += '|';
            for (const Hex* h : out)
                text.append(h->data(), 32);
            text += '|';
            text.append(hashes[static_cast<std::size_t>(v)].data(), 32);
            md5.hexDigest(text, next[static_cast<std::size_t>(v)].data());
        }
        hashes.swap(next);
    }
    std::sort(hashes.begin(), hashes.end());
    // Python's str() of a list of strings: ['a', 'b'].
    text = "[";
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        if (i)
            text += ", ";
        text += '\'';
        text.append(hashes[i].data(), 32);
        text += '\'';
    }
    text += ']';
    Hex final;
    md5.hexDigest(text, final.data());
    return *ModuleHash::fromHex(std::string_view(final.data(), 32));
}

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
    std::uint64_t h[kCellCapacity], next[kCellCapacity], in[kCellCapacity], out[kCellCapacity];
    std::uint32_t inMask[kCellCapacity] = {};
    for (int v = 0; v < n; ++v)
        for (int w = 0; w < n; ++w)
            if ((rows[v] >> w) & 1u)
                inMask[w] |= 1u << v;
    for (int v = 0; v < n; ++v)
        h[v] = combine(combine(mix(static_cast<std::uint64_t>(__builtin_popcount(rows[v])) + 1),
                               static_cast<std::uint64_t>(__builtin_popcount(inMask[v]))),
                       static_cast<std::uint64_t>(opHashLabel(ops[v]) + 8));
    for (int round = 0; round < n; ++round) {
        for (int v = 0; v < n; ++v) {
            int ni = 0, no = 0;
            for (int w = 0; w < n; ++w) {
                if ((inMask[v] >> w) & 1u)
                    in[ni++] = h[w];
                if ((rows[v] >> w) & 1u)
                    out[no++] = h[w];
            }
            std::sort(in, in + ni);
            std::sort(out, out + no);
            std::uint64_t x = mix(0x51ed270b27aa5ULL + static_cast<std::uint64_t>(ni));
            for (int i = 0; i < ni; ++i)
                x = combine(x, in[i]);
            x = combine(x, 0x7c0ffee5ULL + static_cast<std::uint64_t>(no));
            for (int i = 0; i < no; ++i)
                x = combine(x, out[i]);
            next[v] = combine(x, h[v]);
        }
        std::copy(next, next + n, h);
    }
    std::sort(h, h + n);
    std::uint64_t x = mix(static_cast<std::uint64_t>(n));
    for (int v = 0; v < n; ++v)
        x = combine(x, h[v]);
    return x;
}

} // namespace archscope
