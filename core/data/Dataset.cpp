// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "data/Dataset.h"

#include "util/Errors.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <utility>
#include <stdexcept>

namespace archscope {

Dataset::Dataset(std::vector<Record> records, std::string source)
    : records_(std::move(records)), source_(std::move(source)), byHash_(records_.size())
{
    // Sorting (hash, index) pairs keeps the sort within one compact array instead of reaching into a
    // record for each comparison, and leaves the records of one hash side by side in file order.
    std::vector<std::pair<ModuleHash, std::uint32_t>> keyed(records_.size());
    for (std::size_t i = 0; i < records_.size(); ++i)
        keyed[i] = {records_[i].hash, static_cast<std::uint32_t>(i)};
    std::sort(keyed.begin(), keyed.end());
    // A lookup by hash, a split's disjointness and the climb's "true accuracy" all assume one record
    // per cell. The pair whose second record comes first in the file is the one reported.
    std::size_t duplicate = 0;
    for (std::size_t i = 0; i < keyed.size(); ++i) {
        byHash_[i] = keyed[i].second;
        if (i > 0 && keyed[i].first == keyed[i - 1].first
            && (duplicate == 0 || keyed[i].second < keyed[duplicate].second))
            duplicate = i;
    }
    if (duplicate != 0)
        throw DataError(source_ + ": records " + std::to_string(keyed[duplicate - 1].second + 1) + " and "
                        + std::to_string(keyed[duplicate].second + 1) + " have the same module hash "
                        + keyed[duplicate].first.hex());
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
    std::vector<ModuleHash> hashes;
    hashes.reserve(records_.size());
    for (const Record& r : records_)
        hashes.push_back(r.hash);
    return hashesFingerprint(hashes);
}

std::string hashesFingerprint(const std::vector<ModuleHash>& hashes)
{
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    bool ok = ctx && EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    for (const ModuleHash& h : hashes)
        ok = ok && EVP_DigestUpdate(ctx.get(), h.bytes.data(), h.bytes.size());
    if (!(ok && EVP_DigestFinal_ex(ctx.get(), digest, &length)))
        throw std::runtime_error("OpenSSL SHA-256 failed");
    std::string hex(2 * length, '0');
    for (unsigned int i = 0; i < length; ++i)
        std::snprintf(&hex[2 * i], 3, "%02x", digest[i]);
    return hex;
}

} // namespace archscope
