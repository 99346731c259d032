#include "Benchmarks.h"

#include "cell/SpaceEnumeration.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace archscope::cli {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Best of `repeats`: the least disturbed run on a noisy shared machine.
template <typename F>
double bestSeconds(int repeats, F&& f)
{
    double best = 1e300;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        f();
        best = std::min(best, secondsSince(start));
    }
    return best;
}

void benchEnumerate(int threads, const std::function<void(const BenchFigure&)>& report)
{
    std::size_t count = 0;
    EnumerationOptions options;
    options.threads = threads;
    const double s = bestSeconds(3, [&] { count = enumerateSpace(options).size(); });
    if (count != 423624)
        throw std::runtime_error("enumeration found " + std::to_string(count) + " cells, expected 423624");
    report({"enumerate_s", s, "enumerate and MD5-hash all 423,624 unique cells, best of 3"});
    options.computeHashes = false;
    report({"enumerate_dedup_only_s", bestSeconds(3, [&] { enumerateSpace(options); }),
            "the same without the MD5 module hashes (de-duplication by fingerprint only)"});
}

} // namespace

std::vector<Benchmark> allBenchmarks()
{
    return {
        {"enumerate", benchEnumerate},
    };
}

} // namespace archscope::cli
