#!/bin/sh
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# One fuzz test of CTest: run-short.sh WORK FUZZER RUNS CORPUS [LIBFUZZER-FLAG...]. libFuzzer adds what
# it finds to the first corpus folder: WORK, emptied first, so the committed seeds in CORPUS stay as they
# are and every run starts from them alone; a finding is written beside it as WORK.crash-… (or .leak-…).
set -eu
work=$1 fuzzer=$2 runs=$3 corpus=$4
shift 4
rm -rf "$work"
mkdir "$work"
exec "$fuzzer" -runs="$runs" -seed=1 -artifact_prefix="$work." "$@" "$work" "$corpus"
