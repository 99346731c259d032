#!/usr/bin/env bash
# Fresh Debian 12 machine -> the whole test suite, ending in CTest's summary line. It builds the
# strict preset (warnings are errors, docs/ARCHITECTURE.md), so a change that compiles with warnings fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
packaging/build.sh strict
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build/strict --output-on-failure --timeout 1500 "$@"
