// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target: one line of the JSONL dataset format (parseRecordLine, which parses the cell as
// parseGivenCell does).
// DataError is the parser's answer to bad input; any other exception, a crash or a sanitizer report is
// a finding. A record that parses must survive a round trip through recordToJsonLine unchanged.
#include "data/JsonlFormat.h"
#include "util/Errors.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace archscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Record record;
    try {
        record = parseRecordLine(text, "fuzz:1");
    } catch (const DataError&) {
        return 0;
    }
    const std::string line = recordToJsonLine(record);
    const std::string again = recordToJsonLine(parseRecordLine(line, "round trip"));
    if (again != line) {
        std::fprintf(stderr, "round trip changed the record:\n%s\n%s\n", line.c_str(), again.c_str());
        std::abort();
    }
    return 0;
}
