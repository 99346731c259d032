#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when an #include breaks ArchScope's layers.

Reads the #include lines of core/, widgets/ and app/ under --root and prints one line per violation,
naming file:line and the include:
  - an include between two folders of core/ that LAYERS below does not allow (a cycle among core's
    folders is printed as such, with one include of each of its edges);
  - a file of core/ that includes Qt, widgets/ or app/;
  - a file of widgets/ that includes app/.
Exit status: 0 when clean, 1 on a violation, 2 on bad usage.

With --docs FILE it also checks that FILE shows LAYERS as --markdown prints it, between the two
marker lines, so that the documentation cannot drift from what is checked.
"""

import argparse
import os
import re
import sys

# The folders of core/, bottom up: what each holds and which other folders of core/ it may include.
# A folder may include only folders listed above it here, so the graph this allows has no cycle
# (checked below, as a typo here must not pass silently).
LAYERS = [
    ("util", "errors, atomic and gzip files, mapped files, MD5 and base64, threads, the bundled files' paths",
     []),
    ("runtime", "LibTorch's thread and device settings, its generator's lock and the relaunch with OpenBLAS's best kernels (`BlasKernels.h`), behind torch-free headers",
     ["util"]),
    ("metrics", "rank and regression metrics: Kendall τ, Spearman, Pearson, RMSE, τ gains", ["util"]),
    ("cell", "the cell value: validation, pruning, module hash, parameter count, space enumeration",
     ["util"]),
    ("batch", "the shards of a job split over processes (--shard, Slurm job arrays)", ["util"]),
    ("data", "records, datasets, JSONL, the binary cache, the tfrecord importer, splits", ["cell", "util"]),
    ("model", "the predictor interfaces and networks: GNN, VS-GAE, latent models, model files",
     ["cell", "data", "runtime", "util"]),
    ("train", "the training loop, data parallelism and each predictor's trainer",
     ["cell", "data", "metrics", "model", "runtime", "util"]),
    ("network", "a cell's own network: its plan, images, training",
     ["cell", "data", "model", "runtime", "train", "util"]),
    ("ghn", "the Graph HyperNetwork, its predictor and trainer",
     ["cell", "data", "metrics", "model", "network", "runtime", "train", "util"]),
    ("proxies", "the zero-cost proxies: one table, one file per proxy, on a cell's own network",
     ["cell", "network", "runtime", "util"]),
    ("export", "a cell's network as an ONNX model or a PyTorch script",
     ["cell", "data", "model", "network", "runtime", "util"]),
    ("registry", "the predictor kinds: loadPredictor, trainPredictor, resolvedConfig",
     ["cell", "data", "ghn", "metrics", "model", "network", "runtime", "train", "util"]),
]

DOCS_BEGIN = "<!-- layering table: tests/layering/check_layering.py --markdown prints it; the layering test compares -->"
DOCS_END = "<!-- end of layering table -->"

SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
# <QString>, <QtCore/QObject>, "QDebug": Qt's headers all start with Q and a capital or "Qt".
QT_HEADER = re.compile(r"^(Qt[A-Za-z]*/|Q[A-Z])")


def allowed_table():
    table = {}
    for folder, _, may_include in LAYERS:
        for lower in may_include:
            if lower not in table:
                raise SystemExit(f"{__file__}: LAYERS: {folder} may include {lower}, which is not listed before it")
        table[folder] = set(may_include)
    return table


def markdown():
    lines = ["| folder | holds | may include |", "| --- | --- | --- |"]
    for folder, holds, may_include in reversed(LAYERS):
        allowed = ", ".join(f"`{f}`" for f in may_include) or "(nothing of core)"
        lines.append(f"| `{folder}/` | {holds} | {allowed} |")
    return "\n".join(lines)


def sources(root, top):
    base = os.path.join(root, top)
    for directory, subdirs, files in os.walk(base):
        subdirs.sort()
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                yield os.path.join(directory, name)


def includes(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if m:
                yield number, m.group(1), m.group(2), line.strip()


def resolve(root, path, quote, name, search):
    """The file an include names, as a path relative to root, or None (a system or generated header)."""
    candidates = [os.path.dirname(path)] if quote == '"' else []
    candidates += [os.path.join(root, d) for d in search]
    for directory in candidates:
        full = os.path.normpath(os.path.join(directory, name))
        if os.path.isfile(full):
            return os.path.relpath(full, root)
    return None


def parts(relpath):
    return relpath.replace(os.sep, "/").split("/")


def find_cycle(edges):
    """One cycle of the folder graph as a list of folders (first == last), or None."""
    state = {}
    stack = []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for succ in sorted(edges.get(node, ())):
            if state.get(succ) == "open":
                return stack[stack.index(succ):] + [succ]
            if succ not in state:
                found = visit(succ)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def check(root):
    table = allowed_table()
    # Where the compiler looks, for each top-level folder (the targets' include directories).
    search = {
        "core": ["core", "widgets", "app/gui", "app/cli", "."],
        "widgets": ["widgets", "core", "app/gui", "app/cli", "."],
    }
    violations = []
    edges = {}  # (folder, folder) of core -> the first include that makes it
    for top in ("core", "widgets"):
        for path in sources(root, top):
            rel = os.path.relpath(path, root)
            for number, quote, name, text in includes(path):
                where = f"{rel}:{number}: {text}"
                if top == "core" and QT_HEADER.match(name):
                    violations.append(f"{where}: core/ includes Qt")
                    continue
                target = resolve(root, path, quote, name, search[top])
                if target is None:
                    continue
                target_top = parts(target)[0]
                if target_top == "app" or (top == "core" and target_top == "widgets"):
                    violations.append(f"{where}: {top}/ includes {target_top}/ ({target})")
                    continue
                if top != "core" or target_top != "core":
                    continue
                # A file directly in core/ belongs to no folder of the table: "." flags it.
                source_folder, target_folder = (p[1] if len(p) > 2 else "." for p in (parts(rel), parts(target)))
                if source_folder == target_folder:
                    continue
                edges.setdefault((source_folder, target_folder), where)
                unknown = [f for f in (source_folder, target_folder) if f not in table]
                if unknown:
                    violations.append(f"{where}: core/{unknown[0]}/ is not in the layering table")
                elif target_folder not in table[source_folder]:
                    violations.append(f"{where}: core/{source_folder}/ may not include core/{target_folder}/")
    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
    while True:
        cycle = find_cycle(graph)
        if not cycle:
            break
        steps = "; ".join(edges[(a, b)] for a, b in zip(cycle, cycle[1:]))
        violations.append(f"cycle among core's folders: {' -> '.join(cycle)} ({steps})")
        graph[cycle[0]].discard(cycle[1])  # report each cycle once, then look for another
    return violations, len(edges)


def check_docs(docs):
    try:
        with open(docs, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        return [f"{docs}: cannot read: {e.strerror}"]
    begin, end = text.find(DOCS_BEGIN), text.find(DOCS_END)
    if begin < 0 or end < begin:
        return [f"{docs}: no layering table between the lines {DOCS_BEGIN!r} and {DOCS_END!r}"]
    shown = text[begin + len(DOCS_BEGIN):end].strip()
    if shown != markdown():
        line = text.count("\n", 0, begin) + 1
        return [f"{docs}:{line}: the layering table differs from LAYERS in {os.path.basename(__file__)} "
                "(replace it with what --markdown prints)"]
    return []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."),
                        help="the source tree (default: this script's)")
    parser.add_argument("--docs", help="a Markdown file that must show the layering table")
    parser.add_argument("--markdown", action="store_true", help="print the layering table as Markdown and exit")
    args = parser.parse_args()
    if args.markdown:
        print(markdown())
        return 0
    root = os.path.abspath(args.root)
    if not os.path.isdir(os.path.join(root, "core")):
        print(f"{root}: no core/ folder", file=sys.stderr)
        return 2
    violations, edge_count = check(root)
    if args.docs:
        violations += check_docs(args.docs)
    for v in violations:
        print(v)
    if violations:
        return 1
    print(f"layering: clean ({edge_count} include directions between core's folders, all allowed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
