// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/Base64.h"

#include <climits>

#include <openssl/evp.h>

namespace archscope {

std::string base64Encode(std::string_view data)
{
    std::string out(4 * ((data.size() + 2) / 3), '\0');
    if (data.empty())
        return out;
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

bool base64Decode(std::string_view text, std::string& out)
{
    // EVP_DecodeBlock would skip surrounding whitespace, which would throw off the padding count below.
    if (text.size() % 4 != 0 || text.size() > static_cast<std::size_t>(INT_MAX))
        return false;
    out.resize(text.size() / 4 * 3);
    if (text.empty())
        return true;
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0)
        return false;
    // EVP_DecodeBlock counts the padding as zero bytes of output.
    std::size_t padding = 0;
    if (text.back() == '=')
        padding = text[text.size() - 2] == '=' ? 2 : 1;
    out.resize(static_cast<std::size_t>(n) - padding);
    return true;
}

} // namespace archscope
