#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""An independent count of a NAS-Bench-101 network's parameters and multiply-accumulates, written from
nasbench's model_builder.py (build_module, compute_vertex_channels, projection, truncate) and nothing of
ArchScope's, checked against what `archscope-cli eval-zc --proxies params,flops` wrote and against the
records' own trainable_parameters.

usage: count_network.py RECORDS.jsonl.gz SCORES.csv [N]
"""
import csv
import gzip
import json
import sys

STEM, STACKS, MODULES, CLASSES, SIDE, IN_CHANNELS = 128, 3, 3, 10, 32, 3


def vertex_channels(cin, cout, m):
    n = len(m)
    ch = [0] * n
    ch[0], ch[n - 1] = cin, cout
    if n == 2:
        return ch
    in_degree = sum(m[v][n - 1] for v in range(1, n))
    interior, correction = cout // in_degree, cout % in_degree
    for v in range(1, n - 1):
        if m[v][n - 1]:
            ch[v] = interior + (1 if correction else 0)
            correction -= 1 if correction else 0
    for v in range(n - 3, 0, -1):
        if not m[v][n - 1]:
            for dst in range(v + 1, n - 1):
                if m[v][dst]:
                    ch[v] = max(ch[v], ch[dst])
    return ch


def prune(ops, m):
    """Drop the vertices not on an input-to-output path, as ModelSpec does."""
    n = len(m)
    forward, backward = {0}, {n - 1}
    for v in range(n):
        if v in forward:
            forward |= {w for w in range(n) if m[v][w]}
    for v in reversed(range(n)):
        if v in backward:
            backward |= {u for u in range(n) if m[u][v]}
    keep = sorted(forward & backward)
    return [ops[v] for v in keep], [[m[a][b] for b in keep] for a in keep]


def conv(k, cin, cout, side):
    """(parameters, multiply-accumulates) of a k×k conv without bias, then batch norm."""
    return k * k * cin * cout + 2 * cout, k * k * cin * cout * side * side


def count(ops, m):
    ops, m = prune(ops, m)
    n = len(m)
    params, macs = conv(3, IN_CHANNELS, STEM, SIDE)
    cin, side = STEM, SIDE
    for stack in range(STACKS):
        cout = STEM << stack
        if stack > 0:
            side = (side + 1) // 2
        for _ in range(MODULES):
            ch = vertex_channels(cin, cout, m)
            for v in range(1, n - 1):
                if m[0][v]:  # the input projected to the vertex's channels
                    p, f = conv(1, cin, ch[v], side)
                    params, macs = params + p, macs + f
                k = {"conv3x3-bn-relu": 3, "conv1x1-bn-relu": 1}.get(ops[v])
                if k:
                    p, f = conv(k, ch[v], ch[v], side)
                    params, macs = params + p, macs + f
            if m[0][n - 1]:
                p, f = conv(1, cin, cout, side)
                params, macs = params + p, macs + f
            cin = cout
    params += cin * CLASSES + CLASSES
    macs += cin * CLASSES
    return params, macs


def main():
    records, scores = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    wanted = {}
    with gzip.open(records, "rt") as f:
        for line in f:
            r = json.loads(line)
            wanted[r["hash"]] = r
    rows = list(csv.DictReader(open(scores)))
    if not rows or (limit and len(rows) != limit):
        sys.exit(f"{scores}: {len(rows)} rows, expected {limit}")
    for row in rows:
        r = wanted[row["hash"]]
        params, macs = count(r["ops"], r["adjacency"])
        if params != r["params"]:
            sys.exit(f"{row['hash']}: this count gives {params} parameters, the record {r['params']}: the count is wrong")
        if float(row["params"]) != params or float(row["flops"]) != macs:
            sys.exit(f"{row['hash']}: eval-zc wrote params {row['params']} flops {row['flops']}, "
                     f"the independent count {params} and {macs}")
    print(f"{len(rows)} cells: params and flops agree with the independent count and the records")


if __name__ == "__main__":
    main()
