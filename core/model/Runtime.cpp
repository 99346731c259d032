#include "model/Runtime.h"

#include "util/Parallel.h"

#include <torch/torch.h>

#include <chrono>

namespace archscope {

void setComputeThreads(int threads) { torch::set_num_threads(resolveThreads(threads)); }

int computeThreads() { return torch::get_num_threads(); }

bool cudaAvailable() { return torch::cuda::is_available(); }

std::string computeSummary()
{
    std::string s = "LibTorch " + std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "."
                    + std::to_string(TORCH_VERSION_PATCH) + ", " + std::to_string(computeThreads()) + " CPU threads";
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
