// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Benchmarks.h"
#include "bench/BenchUtil.h"

#include "cell/SpaceEnumeration.h"
#include "util/Md5Batch.h"

#include <chrono>
#include <stdexcept>
#include <string>

namespace archscope::cli {

namespace {

void expectWholeSpace(std::size_t count, const char* what)
{
    if (count != 423624)
        throw std::runtime_error(std::string(what) + " found " + std::to_string(count) + " cells, expected 423624");
}

} // namespace

void benchEnumerate(int threads, const Report& report)
{
    std::size_t count = 0;
    EnumerationOptions options;
    options.threads = threads;
    const double s = bestSeconds(3, [&] { count = enumerateSpace(options).size(); });
    expectWholeSpace(count, "enumeration");
    report({"enumerate_s", s,
            std::string("enumerate and MD5-hash all 423,624 unique cells, best of 3; MD5 in ")
                + Md5Batch::name(Md5Batch::widest())});

    EnumerationOptions single = options;
    single.threads = 1;
    report({"enumerate_1_thread_s", bestSeconds(3, [&] { enumerateSpace(single); }), "the same on one thread"});

    EnumerationOptions dedupOnly = options;
    dedupOnly.computeHashes = false;
    report({"enumerate_dedup_only_s", bestSeconds(3, [&] { enumerateSpace(dedupOnly); }),
            "the same without the MD5 module hashes (de-duplication by fingerprint only)"});

    // The reference, run once (it takes ~10x longer): NAS-Bench-101's own way on one thread.
    EnumerationOptions naive;
    naive.threads = 1;
    naive.hashEveryCandidate = true;
    const auto start = std::chrono::steady_clock::now();
    expectWholeSpace(enumerateSpace(naive).size(), "the naive enumeration");
    const double naiveS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    report({"enumerate_naive_s", naiveS,
            "reference: MD5 module hash of every candidate, one thread, as NAS-Bench-101's generate_graphs"});
    report({"enumerate_speedup", naiveS / s, "enumerate_naive_s / enumerate_s, measured in this run"});
}

} // namespace archscope::cli
