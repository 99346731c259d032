// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <functional>
#include <string>
#include <vector>

namespace archscope::cli {

// One figure a benchmark reports, e.g. {"enumerate_s", 1.9, "enumerate all 423,624 cells"}.
struct BenchFigure {
    std::string key;
    double value;
    std::string description;
};

struct Benchmark {
    std::string name;
    std::function<void(int threads, const std::function<void(const BenchFigure&)>& report)> run;
};

using Report = std::function<void(const BenchFigure&)>;
void benchEnumerate(int threads, const Report& report);
#ifdef ARCHSCOPE_HAS_TFRECORD
void benchImport(int threads, const Report& report);
#endif
void benchGnn(int threads, const Report& report);
void benchVsGae(int threads, const Report& report);
void benchTrainNet(int threads, const Report& report);

// The benchmarks in the order `bench` runs them.
std::vector<Benchmark> allBenchmarks();

} // namespace archscope::cli
