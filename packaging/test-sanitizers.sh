#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# CI's second job, after packaging/test.sh: the asan preset (clang with AddressSanitizer, UBSan and the
# libFuzzer targets) and CTest on it, the fuzzers' short runs (label fuzz) included, ending in CTest's
# summary line. Leaks and reports inside third-party libraries are suppressed in tests/sanitizers/, each
# with its reason. Two suites run only in the release job: tst_cli_network (train-net's options and files,
# whose engine, the network's training, runs here in tst_cellnetwork) and tst_cli_shards (sharded jobs and
# merge, whose shard arithmetic and manifests run here in tst_shards); under ASan they took 12 of the
# job's 26 minutes of tests, and CI must stay under an hour.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
packaging/build.sh asan
export QT_QPA_PLATFORM=offscreen
# Under ASan the suite runs several times slower than in the release build: Qt Test's watchdog would end
# a test function after its default 300 s (tst_trainer's quick preset took 302 s here), and the CLI tests
# would give up on a command after 120 s (tests/cli/CliRunner.h).
export QTEST_FUNCTION_TIMEOUT=1800000
export ARCHSCOPE_TEST_SLOWDOWN=5
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp
# The GUI suites' German 1024 x 700 runs (label "german") run the same code as their English runs, in the
# release job (packaging/test.sh); here they would add minutes to CI and no code.
ctest --test-dir build/asan --output-on-failure --timeout 3000 -j "${ARCHSCOPE_TEST_JOBS:-2}" -LE german \
  -E '^(tst_cli_network|tst_cli_shards)$' "$@"
