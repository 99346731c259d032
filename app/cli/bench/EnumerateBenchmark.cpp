#include "Benchmarks.h"
#include "bench/BenchUtil.h"

#include "cell/SpaceEnumeration.h"

#include <stdexcept>

namespace archscope::cli {

void benchEnumerate(int threads, const Report& report)
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

} // namespace archscope::cli
