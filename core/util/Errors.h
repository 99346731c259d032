// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <stdexcept>
#include <string>

namespace archscope {

// Thrown by long-running engine work when its cancel flag is set; the work leaves nothing half-written.
struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("cancelled") {}
};

// A problem with input data; the message names the file and the line or record, and the reason.
struct DataError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace archscope
