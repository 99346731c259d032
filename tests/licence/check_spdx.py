#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a source file of ArchScope's own lacks its SPDX licence line (GPL-3.0-or-later).

Sources: C++ (.cpp, .h), .proto, CMake files, shell, Slurm and Python scripts that git tracks, outside
the fuzzers' seed corpus (data, not code). Prints one line per file without the line.
"""
import subprocess
import sys

TAG = "SPDX-License-Identifier: GPL-3.0-or-later"
SUFFIXES = (".cpp", ".h", ".proto", ".cmake", ".sh", ".sbatch", ".py", ".supp")


def sources(root):
    listed = subprocess.run(["git", "-C", root, "ls-files"], check=True, capture_output=True, text=True).stdout.split("\n")
    for path in listed:
        if not path or path.startswith("tests/fuzz/corpus/"):
            continue
        if path.endswith(SUFFIXES) or path.endswith("CMakeLists.txt") or path == ".ci/run":
            yield path


def main():
    root = sys.argv[1]
    missing = []
    for path in sources(root):
        with open(f"{root}/{path}", encoding="utf-8") as f:
            head = f.read(400)
        if TAG not in head:
            missing.append(path)
    for path in missing:
        print(f"{path}: no '{TAG}' line in its first lines")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
