#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Fresh Debian 12 machine -> the whole test suite, ending in CTest's summary line. It builds the
# strict preset (warnings are errors, docs/ARCHITECTURE.md), so a change that compiles with warnings fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
packaging/build.sh strict
export QT_QPA_PLATFORM=offscreen
# Two suites at a time, one per core (the suites that measure time run alone: tests/CMakeLists.txt).
ctest --test-dir build/strict --output-on-failure --timeout 1500 -j "${ARCHSCOPE_TEST_JOBS:-2}" "$@"
