// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <string_view>

namespace archscope {

// The deepest nesting of arrays and objects accepted in JSON text a user hands over: a record needs 3
// (the record, the matrix, a row). Deeper text is refused before it is parsed, because printing or
// copying a value nested tens of thousands deep recurses once per level and overflows the stack.
inline constexpr int kMaxJsonDepth = 64;

// Throws DataError "<where>: JSON nested deeper than 64 levels" when `text` nests arrays and objects
// (outside strings) deeper than kMaxJsonDepth. Every parser of user-given JSON calls it first.
void checkJsonDepth(std::string_view text, const std::string& where);

} // namespace archscope
