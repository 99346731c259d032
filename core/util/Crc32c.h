// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstddef>
#include <cstdint>

namespace archscope {

// CRC-32C (Castagnoli, as iSCSI and TFRecord use it) through Intel ISA-L: the standard check value
// CRC32C("123456789") is 0xE3069283.
std::uint32_t crc32c(const void* data, std::size_t size);

// TFRecord stores CRCs masked, because a CRC over data that itself holds CRCs is weak.
inline std::uint32_t maskCrc32c(std::uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8u; }

} // namespace archscope
