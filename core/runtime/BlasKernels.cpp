// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "runtime/BlasKernels.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>

namespace archscope {

namespace {

bool cpuRunsAvx512Kernels()
{
#if defined(__x86_64__) && defined(__GNUC__)
    // What OpenBLAS's SkylakeX kernels use; GCC checks that the OS saves the AVX-512 registers too.
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512bw")
           && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
#else
    return false;
#endif
}

bool cpuRunsAvx2Kernels()
{
#if defined(__x86_64__) && defined(__GNUC__)
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

} // namespace

std::string openBlasKernels()
{
    // Looked up at run time, as in Runtime.cpp: core links against LibTorch builds without OpenBLAS too.
    using CoreName = char* (*)();
    const auto coreName = reinterpret_cast<CoreName>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    const char* name = coreName ? coreName() : nullptr;
    return name ? std::string(name) : std::string();
}

std::string betterOpenBlasKernels()
{
    if (openBlasKernels() != "Prescott")
        return {};
    if (cpuRunsAvx512Kernels())
        return "SkylakeX";
    if (cpuRunsAvx2Kernels())
        return "Haswell";
    return {};
}

void relaunchWithBetterBlasKernels(char** argv)
{
    if (argv == nullptr || argv[0] == nullptr || std::getenv("OPENBLAS_CORETYPE") != nullptr)
        return;
    const std::string kernels = betterOpenBlasKernels();
    if (kernels.empty() || setenv("OPENBLAS_CORETYPE", kernels.c_str(), 1) != 0)
        return;
    execv("/proc/self/exe", argv);
    // Not relaunched (no /proc, say): go on as loaded, and leave the variable to no child.
    unsetenv("OPENBLAS_CORETYPE");
}

} // namespace archscope
