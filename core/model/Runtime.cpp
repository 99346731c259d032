#include "model/Runtime.h"

#include "util/Parallel.h"

#include <torch/torch.h>

#include <dlfcn.h>

#include <chrono>

namespace archscope {

namespace {

using SetBlasThreads = void (*)(int);
using GetBlasThreads = int (*)();

// Looked up at run time so that core links against any LibTorch: Debian's multiplies matrices with
// OpenBLAS, the official builds with MKL (which follows torch::set_num_threads itself).
SetBlasThreads openBlasSetter() { return reinterpret_cast<SetBlasThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")); }
GetBlasThreads openBlasGetter() { return reinterpret_cast<GetBlasThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads")); }

} // namespace

void setComputeThreads(int threads)
{
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
        s += " (OpenBLAS; LibTorch intra-op " + std::to_string(torch::get_num_threads()) + ")";
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

} // namespace archscope
