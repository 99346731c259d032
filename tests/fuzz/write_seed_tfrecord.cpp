// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Writes the first records of a JSONL dataset as a NAS-Bench-101 tfrecord: how the tfrecord seeds of
// corpus/tfrecord were made (corpus/README.md), as the CLI imports tfrecords but does not write them.
#include "data/JsonlFormat.h"
#include "data/NasBenchTfRecord.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s DATA.jsonl[.gz] COUNT OUT.tfrecord\n", argv[0]);
        return 2;
    }
    try {
        const archscope::Dataset data = archscope::loadJsonl(argv[1]);
        const std::size_t count = std::stoul(argv[2]);
        const auto& all = data.records();
        const std::vector<archscope::Record> first(all.begin(), all.begin() + static_cast<long>(std::min(count, all.size())));
        archscope::writeNasBenchTfRecord(argv[3], first, 1);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
        return 1;
    }
    return 0;
}
