#include "data/Dataset.h"

#include "util/Errors.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <numeric>
#include <stdexcept>

namespace archscope {

Dataset::Dataset(std::vector<Record> records, std::string source)
    : records_(std::move(records)), source_(std::move(source)), byHash_(records_.size())
{
    std::iota(byHash_.begin(), byHash_.end(), 0u);
    std::sort(byHash_.begin(), byHash_.end(),
              [this](std::uint32_t a, std::uint32_t b) { return records_[a].hash < records_[b].hash; });
    // A lookup by hash, a split's disjointness and the climb's "true accuracy" all assume one record
    // per cell. The first duplicate in file order is the one reported.
    std::uint32_t first = 0, second = 0;
    for (std::size_t i = 1; i < byHash_.size(); ++i) {
        const std::uint32_t a = std::min(byHash_[i - 1], byHash_[i]), b = std::max(byHash_[i - 1], byHash_[i]);
        if (records_[a].hash == records_[b].hash && (second == 0 || b < second)) {
            first = a;
            second = b;
        }
    }
    if (second != 0)
        throw DataError(source_ + ": records " + std::to_string(first + 1) + " and " + std::to_string(second + 1)
                        + " have the same module hash " + records_[first].hash.hex());
}

const Record* Dataset::find(const ModuleHash& hash) const
{
    auto it = std::lower_bound(byHash_.begin(), byHash_.end(), hash,
                               [this](std::uint32_t i, const ModuleHash& h) { return records_[i].hash < h; });
    if (it == byHash_.end() || records_[*it].hash != hash)
        return nullptr;
    return &records_[*it];
}

std::string Dataset::fingerprint() const
{
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    bool ok = ctx && EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    for (const Record& r : records_)
        ok = ok && EVP_DigestUpdate(ctx.get(), r.hash.bytes.data(), r.hash.bytes.size());
    if (!(ok && EVP_DigestFinal_ex(ctx.get(), digest, &length)))
        throw std::runtime_error("OpenSSL SHA-256 failed");
    std::string hex(2 * length, '0');
    for (unsigned int i = 0; i < length; ++i)
        std::snprintf(&hex[2 * i], 3, "%02x", digest[i]);
    return hex;
}

} // namespace archscope
