#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Data-parallel training with 2 processes on this machine, as torchrun would start them: each process
# gets RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT, and rank 0 alone prints and writes.
#   packaging/cluster/two-processes.sh archscope-cli train --out model.safetensors [more train options]
# Any training command works (train, train-vsgae, train-ghn, train-net); --batch stays the global batch,
# and each rank gets --threads 1 (the two share this machine's cores).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 ARCHSCOPE-CLI COMMAND [OPTIONS...]" >&2; exit 2; }
cli=$1
shift
export WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=${MASTER_PORT:-29500}
export ARCHSCOPE_DIST_TIMEOUT=${ARCHSCOPE_DIST_TIMEOUT:-300}
pids=()
for rank in 0 1; do
  RANK=$rank LOCAL_RANK=$rank "$cli" "$@" --threads 1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
  wait "$pid" || status=$?
done
exit $status
