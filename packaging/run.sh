#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Fresh Debian 12 machine -> ArchScope running on the bundled NAS-Bench-101 sample.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
packaging/build.sh release
exec build/release/app/gui/archscope "$@"
