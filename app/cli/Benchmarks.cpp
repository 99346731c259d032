// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Benchmarks.h"

namespace archscope::cli {

std::vector<Benchmark> allBenchmarks()
{
    return {
        {"enumerate", benchEnumerate},
#ifdef ARCHSCOPE_HAS_TFRECORD
        {"import", benchImport},
#endif
        {"gnn", benchGnn},
        {"vsgae", benchVsGae},
        {"train-net", benchTrainNet},
    };
}

} // namespace archscope::cli
