// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target: one line of a latent codes file, as `archscope-cli decode` reads it
// (parseLatentCodeLine), for the bundled VS-GAE's 56 dimensions. DataError is the expected answer
// to bad input; anything else is a finding, and so is an accepted code with a non-finite value.
#include "model/LatentModel.h"
#include "util/Errors.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

using namespace archscope;

namespace {
constexpr int kDims = 56;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    LatentCode code;
    try {
        code = parseLatentCodeLine(text, "fuzz:1", kDims);
    } catch (const DataError&) {
        return 0;
    }
    if (code.size() != static_cast<std::size_t>(kDims)) {
        std::fprintf(stderr, "accepted a code of %zu numbers for %d dimensions\n", code.size(), kDims);
        std::abort();
    }
    for (float v : code)
        if (!std::isfinite(v)) {
            std::fprintf(stderr, "accepted a non-finite code value\n");
            std::abort();
        }
    return 0;
}
