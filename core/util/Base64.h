// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <string_view>

namespace archscope {

// Standard base64 (RFC 4648 alphabet, '=' padding, no line breaks), through OpenSSL.
std::string base64Encode(std::string_view data);

// Decodes `text` into `out`, which callers reuse across calls so hot loops do not allocate; false
// when `text` is not base64 (bad character, length not a multiple of 4), leaving `out` unspecified.
bool base64Decode(std::string_view text, std::string& out);

} // namespace archscope
