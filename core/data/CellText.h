// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"

#include <string>
#include <string_view>

namespace archscope {

// A cell as NAS-Bench-101's Python API writes one:
//   ModelSpec(matrix=[[0, 1, 0], [0, 0, 1], [0, 0, 0]], ops=['input', 'conv3x3-bn-relu', 'output'])
std::string cellToModelSpec(const Cell& cell);

// A cell from text a user pasted: a JSON object with "ops" and "adjacency" (the dataset's record
// format; other keys are ignored), or a ModelSpec literal as above, also as the nasbench README writes
// it: `api.ModelSpec(matrix=np.array([...]), ops=[INPUT, CONV1X1, CONV3X3, MAXPOOL3X3, OUTPUT])`,
// with comments and trailing commas. The cell is not validated (an editor may hold an invalid one).
// Throws DataError naming `where` for anything else.
Cell cellFromText(std::string_view text, const std::string& where);

} // namespace archscope
