// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Linked into every suite: the suites run with the kernels the programs relaunch with
// (runtime/BlasKernels.h). A constructor rather than a line in each suite's main(), which QTest's
// macros write; glibc passes the program's arguments to the constructors of the executable.

#include "runtime/BlasKernels.h"

namespace {

__attribute__((constructor)) void relaunchWithBetterBlasKernels(int, char** argv, char**)
{
    archscope::relaunchWithBetterBlasKernels(argv);
}

} // namespace
