#include "data/Dataset.h"

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
