// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>

namespace archscope {

// OpenBLAS, as Debian's LibTorch uses it, chooses its matrix kernels once, when it is loaded, by CPU
// model. Debian 12's 0.3.21 does not know recent Xeons (family 6, model 207 on the machines measured
// here) and falls back to its generic "Prescott" (SSE3) kernels on them: float32 products ran at 42
// GFLOP/s on two cores where its AVX-512 ("SkylakeX") kernels reach 215 (docs/BENCHMARKS.md). Its
// documented OPENBLAS_CORETYPE variable chooses the kernels, but only before it is loaded, hence the
// relaunch below.

// The kernels OpenBLAS runs ("SkylakeX", "Haswell", "Prescott", ...); empty without OpenBLAS (an
// MKL LibTorch).
std::string openBlasKernels();

// Kernels this CPU runs that are better than those OpenBLAS chose: "SkylakeX" (AVX-512) or "Haswell"
// (AVX2 and FMA) where it fell back to "Prescott"; empty otherwise.
std::string betterOpenBlasKernels();

// Where betterOpenBlasKernels() names kernels and OPENBLAS_CORETYPE is not set, sets it and runs this
// program again with the same arguments (it does not return then). Otherwise, or where the relaunch
// fails, it returns and the program goes on with the kernels it has. Call it first in main(), before
// any thread starts. Child processes inherit the variable: the PyTorch references of `bench` run with
// the same kernels as ArchScope.
void relaunchWithBetterBlasKernels(char** argv);

} // namespace archscope
