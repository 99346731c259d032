#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures and builds a preset (default: release) in build/<preset>.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
cmake --preset "$preset" >/dev/null
# Two jobs at most: a LibTorch translation unit needs ~1 GB and the CI machines have 2 cores.
cmake --build --preset "$preset" -- -j "${ARCHSCOPE_JOBS:-2}"
