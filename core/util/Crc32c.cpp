// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/Crc32c.h"

#include <algorithm>
#include <climits>

#include <isa-l/crc.h>

namespace archscope {

std::uint32_t crc32c(const void* data, std::size_t size)
{
    // ISA-L neither pre- nor post-inverts: seeding with ~0 and inverting the result gives the
    // standard CRC-32C. Its length is an int, hence the chunks.
    auto* p = static_cast<unsigned char*>(const_cast<void*>(data));
    std::uint32_t crc = 0xffffffffu;
    while (size > 0) {
        const std::size_t n = std::min<std::size_t>(size, INT_MAX);
        crc = crc32_iscsi(p, static_cast<int>(n), crc);
        p += n;
        size -= n;
    }
    return ~crc;
}

} // namespace archscope
