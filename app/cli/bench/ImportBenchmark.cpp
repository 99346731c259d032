// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Benchmarks.h"
#include "bench/BenchUtil.h"

#include "cell/NetworkParams.h"
#include "cell/SpaceEnumeration.h"
#include "data/DatasetLoader.h"
#include "data/NasBenchTfRecord.h"
#include "util/Parallel.h"

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace archscope::cli {

namespace {

// A temporary folder removed with everything in it, also when a benchmark throws.
class TempDir {
public:
    TempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "archscope-bench-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("cannot create a temporary folder in " + pattern);
        path_ = pattern;
    }
    ~TempDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// The size of nasbench_only108.tfrecord: every cell of the space, three runs at 108 epochs, with
// values in NAS-Bench-101's ranges (the importer's speed does not depend on them being real).
std::vector<Record> syntheticOnly108(int threads)
{
    EnumerationOptions options;
    options.threads = threads;
    const std::vector<EnumeratedCell> cells = enumerateSpace(options);
    std::vector<Record> records(cells.size());
    parallelFor(cells.size(), 1024, threads, [&](std::size_t begin, std::size_t end) {
        std::mt19937 rng(static_cast<std::uint32_t>(begin));
        std::normal_distribution<float> noise(0.0f, 0.01f);
        std::uniform_real_distribution<float> seconds(400.0f, 5000.0f);
        for (std::size_t i = begin; i < end; ++i) {
            Record& r = records[i];
            r.hash = cells[i].hash;
            r.cell = cells[i].cell;
            r.params = networkParameterCount(r.cell);
            BudgetRuns& runs = r.budgets[kBudget108];
            runs.count = kMaxRuns;
            for (RunMetrics& run : runs.runs) {
                const float time = seconds(rng);
                run.halfway = {54.0f, time / 2, 0.85f + noise(rng), 0.82f + noise(rng), 0.81f + noise(rng)};
                run.final = {108.0f, time, 1.0f, 0.91f + noise(rng), 0.90f + noise(rng)};
            }
        }
    });
    return records;
}

} // namespace

void benchImport(int threads, const Report& report)
{
    const TempDir dir;
    const std::string tfrecord = dir.file("nasbench_only108.tfrecord");
    const std::string cache = dir.file("nasbench_only108.nb101cache");
    writeNasBenchTfRecord(tfrecord, syntheticOnly108(threads), threads);
    ImportSummary summary;
    report({"import_s", bestSeconds(3, [&] { summary = importNasBenchTfRecord(tfrecord, cache, threads); }),
            "import a tfrecord of nasbench_only108's size (423,624 cells x 3 runs) into a cache, best of 3"});
    report({"import_rows", static_cast<double>(summary.rows), "rows in that tfrecord"});
    std::size_t reopened = 0;
    report({"reopen_s", bestSeconds(3, [&] { reopened = loadDataset(cache).size(); }),
            "reopen that cache as a Dataset, best of 3"});
    if (summary.records != 423624 || reopened != 423624)
        throw std::runtime_error("import kept " + std::to_string(summary.records) + " records and the cache "
                                 + std::to_string(reopened) + ", expected 423624");
}

} // namespace archscope::cli
