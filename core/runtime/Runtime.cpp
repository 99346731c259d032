// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "runtime/Runtime.h"

#include "runtime/BlasKernels.h"

#include "util/Parallel.h"

#include <torch/torch.h>

#include <dlfcn.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <chrono>
#include <mutex>

namespace archscope {

namespace {

using SetBlasThreads = void (*)(int);
using GetBlasThreads = int (*)();

// Looked up at run time so that core links against any LibTorch: Debian's multiplies matrices with
// OpenBLAS, the official builds with MKL (which follows torch::set_num_threads itself).
SetBlasThreads openBlasSetter() { return reinterpret_cast<SetBlasThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")); }
GetBlasThreads openBlasGetter() { return reinterpret_cast<GetBlasThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads")); }

// glibc serves every allocation above its mmap threshold (at most 32 MB) with a fresh mmap and
// returns it on free, so each large tensor of a forward pass costs thousands of page faults, which are
// slow on the virtual machines measured here. Kept in the heap instead, the GNN trained 1.8x and
// predicted in batches of 2,048 cells 20x faster (docs/BENCHMARKS.md). Threads other than the main
// one get heaps of at most 64 MB, too small for a prediction batch, so all threads share the main
// heap (tensors are few and large: the shared lock costs nothing measurable). The price: the process
// keeps its peak heap instead of giving it back. Must run before the worker threads first allocate.
void keepLargeBuffersInHeap()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_MAX, 0);
        mallopt(M_TRIM_THRESHOLD, 1 << 30);
        mallopt(M_ARENA_MAX, 1);
    });
#endif
}

} // namespace

void setComputeThreads(int threads)
{
    keepLargeBuffersInHeap();
    const int n = resolveThreads(threads);
    if (const SetBlasThreads setBlas = openBlasSetter()) {
        // With OpenBLAS, LibTorch's OpenMP threads and OpenBLAS's own threads both spin-wait between
        // calls; on two cores they preempt each other and the GNN ran 3-10x slower with two OpenMP
        // threads than with one (docs/BENCHMARKS.md). The matrix products dominate, so the threads go
        // to OpenBLAS and the element-wise work stays on one thread.
        setBlas(n);
        torch::set_num_threads(1);
    } else {
        torch::set_num_threads(n);
    }
}

namespace {
std::mutex& blasScopeMutex()
{
    static std::mutex m;
    return m;
}
} // namespace

SingleThreadedBlas::SingleThreadedBlas()
{
    blasScopeMutex().lock();
    const GetBlasThreads getBlas = openBlasGetter();
    previous_ = getBlas ? getBlas() : 0;
    if (const SetBlasThreads setBlas = openBlasSetter())
        setBlas(1);
}

SingleThreadedBlas::~SingleThreadedBlas()
{
    if (const SetBlasThreads setBlas = openBlasSetter(); setBlas && previous_ > 0)
        setBlas(previous_);
    blasScopeMutex().unlock();
}

int computeThreads()
{
    if (const GetBlasThreads getBlas = openBlasGetter())
        return getBlas();
    return torch::get_num_threads();
}

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string computeSummary()
{
    std::string s = "LibTorch " + std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "."
                    + std::to_string(TORCH_VERSION_PATCH) + ", " + std::to_string(computeThreads()) + " CPU threads";
    if (openBlasGetter())
        s += " (OpenBLAS, " + openBlasKernels() + " kernels; LibTorch intra-op " + std::to_string(torch::get_num_threads()) + ")";
    if (cudaAvailable())
        s += ", CUDA with " + std::to_string(torch::cuda::device_count()) + " device(s)";
    return s;
}

double measureMatmulGflops(int size, double minSeconds, bool cuda)
{
    const torch::Device device = cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    torch::NoGradGuard noGrad;
    const torch::Tensor a = torch::randn({size, size}, torch::TensorOptions().device(device));
    const torch::Tensor b = torch::randn({size, size}, torch::TensorOptions().device(device));
    torch::Tensor c = torch::mm(a, b); // warm-up
    if (cuda)
        torch::cuda::synchronize();
    const auto start = std::chrono::steady_clock::now();
    long iterations = 0;
    double seconds = 0;
    do {
        c = torch::mm(a, b);
        ++iterations;
        if (cuda)
            torch::cuda::synchronize();
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (seconds < minSeconds);
    return 2.0 * size * size * static_cast<double>(size) * static_cast<double>(iterations) / seconds / 1e9;
}

std::unique_lock<std::recursive_mutex> lockTorchGenerator()
{
    static std::recursive_mutex generator;
    return std::unique_lock<std::recursive_mutex>(generator);
}

std::unique_lock<std::recursive_mutex> seedTorchGenerator(std::uint64_t seed)
{
    std::unique_lock<std::recursive_mutex> lock = lockTorchGenerator();
    torch::manual_seed(seed);
    return lock;
}

} // namespace archscope
