#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The long fuzzing run whose figures are in docs/BENCHMARKS.md: each target of the asan build (or of
# FUZZ_BUILD, e.g. build/fuzz: the fuzz preset, UBSan without ASan, several times faster) for RUNS
# executions (default 10 million) from its seed corpus, one after another on one core, each line ending
# in libFuzzer's last status (executions, cov, ft, corpus, exec/s) and the seconds taken. MAX_SECONDS,
# when set, also bounds each target's time.
#   tests/fuzz/run-long.sh [RUNS [TARGET...]]      targets: jsonl codes cache tfrecord model
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(jsonl codes cache tfrecord model)
build=${FUZZ_BUILD:-build/asan}
out=$build/tests/fuzz/long
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp
limit=()
[ -z "${MAX_SECONDS:-}" ] || limit=(-max_total_time="$MAX_SECONDS")
for t in "${targets[@]}"; do
  rm -rf "$out/$t"
  mkdir -p "$out/$t"
  flags=("${limit[@]}")
  start=$(date +%s)
  if ! "$build"/tests/fuzz/fuzz_"$t" -runs="$runs" "${flags[@]}" -seed=1 -print_final_stats=1 \
      -artifact_prefix="$out/$t." "$out/$t" tests/fuzz/corpus/"$t" > "$out/$t.log" 2>&1; then
    echo "fuzz_$t: a finding, see $out/$t.log and $out/$t.*" >&2
    exit 1
  fi
  echo "fuzz_$t: $(grep -E '^#[0-9]+' "$out/$t.log" | tail -1) in $(( $(date +%s) - start )) s"
done
