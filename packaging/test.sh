#!/usr/bin/env bash
# Fresh Debian 12 machine -> the whole test suite, ending in CTest's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
packaging/build.sh release
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build/release --output-on-failure --timeout 1500 "$@"
