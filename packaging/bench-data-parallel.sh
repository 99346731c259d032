#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Data-parallel throughput on one machine, the figures of docs/BENCHMARKS.md "Data-parallel training":
# the GNN predictor (`train`) and a cell's network (`train-net`, the bench cell of `bench --only
# train-net`) trained by 1 process with 1 thread, 1 process with 2 threads and 2 processes with 1
# thread each (RANK/WORLD_SIZE over loopback), at the same global batch, one after another in one run.
# Prints one JSON line per configuration: examples/s of the last epoch, for 2 processes the all-reduces'
# share of the training steps' time, and for the GNN the trained model's test Kendall tau and Pearson
# (`train --json`), which 1 and 2 processes should agree on to two decimals.
#   packaging/bench-data-parallel.sh [CLI]      (default: build/release/app/cli/archscope-cli)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=$(realpath "${1:-build/release/app/cli/archscope-cli}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=$((29500 + RANDOM % 1000))

gnn=(train --train-size 4096 --val-size 256 --epochs 2 --batch 128 --ensemble 1 --seed 1)
net=(train-net --ops input,conv1x1-bn-relu,conv3x3-bn-relu,conv3x3-bn-relu,conv3x3-bn-relu,maxpool3x3,output
     --adjacency '[[0,1,1,1,0,1,0],[0,0,0,0,0,0,1],[0,0,0,0,0,0,1],[0,0,0,0,1,0,0],[0,0,0,0,0,0,1],[0,0,0,0,0,0,1],[0,0,0,0,0,0,0]]'
     --stem 16 --stacks 3 --modules 1 --epochs 1 --batch 64 --train-images 4096 --eval-images 256)

# The last epoch line's examples/s ("… 1234 graphs/s" or "… images/s") and the all-reduce share, as JSON.
report() { # name processes threads log stdout
  local rate share test
  rate=$(grep -E '^epoch ' "$4" | tail -1 | grep -oE '[0-9]+ (graphs|images)/s' | cut -d' ' -f1)
  share=$(grep -oE 'all-reduces took [0-9]+%' "$4" | grep -oE '[0-9]+' || echo null)
  test=$(python3 -c 'import json, sys
t = json.loads(open(sys.argv[1]).read() or "{}").get("test")
print("" if not isinstance(t, dict) else ",%s:%.4f,%s:%.4f" % (json.dumps("test_kendall_tau"), t["kendall_tau"], json.dumps("test_pearson"), t["pearson"]))' "$5")
  echo "{\"model\":\"$1\",\"processes\":$2,\"threads_per_process\":$3,\"examples_per_s\":${rate:-null},\"allreduce_share_percent\":$share$test}"
}

run() { # name args...
  local name=$1
  shift
  "$cli" "$@" --threads 1 --json --out "$work/$name-1x1.out" 2> "$work/$name-1x1.log" > "$work/$name-1x1.json"
  report "$name" 1 1 "$work/$name-1x1.log" "$work/$name-1x1.json"
  "$cli" "$@" --threads 2 --json --out "$work/$name-1x2.out" 2> "$work/$name-1x2.log" > "$work/$name-1x2.json"
  report "$name" 1 2 "$work/$name-1x2.log" "$work/$name-1x2.json"
  port=$((port + 1))
  for rank in 1 0; do
    RANK=$rank WORLD_SIZE=2 LOCAL_RANK=$rank MASTER_ADDR=127.0.0.1 MASTER_PORT=$port \
      "$cli" "$@" --threads 1 --json --out "$work/$name-2x1.out" 2> "$work/$name-2x1.$rank.log" > "$work/$name-2x1.$rank.json" &
  done
  wait
  report "$name" 2 1 "$work/$name-2x1.0.log" "$work/$name-2x1.0.json"
}

run gnn "${gnn[@]}"
run train-net "${net[@]}"
