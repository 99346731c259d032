#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Fresh Debian 12 machine -> a .deb of the release build (binaries, bundled sample and models, desktop
# entry, AppStream metainfo, icon), installable with `apt install ./archscope_…_amd64.deb`. The last line
# printed is the package's absolute path.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
packaging/build.sh release
out=$PWD/build/release/packages
# A package left from an older version must not pass for this one.
rm -f "$out"/*.deb
cpack --config build/release/CPackConfig.cmake -B "$out"
debs=("$out"/*.deb)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
  echo "package.sh: expected one .deb in $out after cpack, found: ${debs[*]}" >&2
  exit 1
fi
echo "${debs[0]}"
