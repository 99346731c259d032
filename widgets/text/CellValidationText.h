// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"

#include <QString>

namespace archscope {

// The rule a cell breaks, worded in the user's language from core's structured fields (core itself
// speaks English only, for the CLI and logs).
QString cellValidationText(const CellValidation& check);

} // namespace archscope
