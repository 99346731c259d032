// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstdint>
#include <mutex>
#include <string>

namespace archscope {

// LibTorch runtime settings behind a torch-free header, for the CLI and the GUI.

// Sets the CPU threads of the tensor maths (0: all cores). Debian's LibTorch starts with one thread.
// With OpenBLAS the threads go to the BLAS and LibTorch's own intra-op pool keeps one (see the .cpp).
// The first call also keeps large tensor buffers in the heap rather than in per-allocation mappings.
void setComputeThreads(int threads);
int computeThreads();

// While it lives, the BLAS runs single-threaded so that several threads can each run their own
// products (data parallelism); restores the previous setting on destruction. The setting is
// process-wide: scopes are serialised, and meant for short bursts such as a prediction pass.
class SingleThreadedBlas {
public:
    SingleThreadedBlas();
    ~SingleThreadedBlas();
    SingleThreadedBlas(const SingleThreadedBlas&) = delete;
    SingleThreadedBlas& operator=(const SingleThreadedBlas&) = delete;

private:
    int previous_;
};
// LibTorch's default generator is one per process. A thread that seeds it and then draws must not
// have another thread's draws in between, or neither gets the numbers its seed promises: the explorer
// scores proxies, trains a network and exports one on workers side by side. Every seeding of it in
// ArchScope, and every draw from it, holds this lock for the whole section (recursive: a seeded
// section may call code that locks again).
std::unique_lock<std::recursive_mutex> lockTorchGenerator();
// Locks the generator and seeds it: what is drawn while the lock is held is the seed's.
std::unique_lock<std::recursive_mutex> seedTorchGenerator(std::uint64_t seed);

bool cudaAvailable();
// e.g. "LibTorch 1.13.0, CPU, 2 threads" or "LibTorch 2.5.1, CUDA (NVIDIA H100 …)".
std::string computeSummary();

// Float32 matrix-multiply throughput of this machine with the current thread setting: the reference
// the model benchmarks are compared against, measured in the same run.
double measureMatmulGflops(int size = 1024, double minSeconds = 1.0, bool cuda = false);

} // namespace archscope
