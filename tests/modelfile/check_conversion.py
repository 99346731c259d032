#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""convert-model keeps every tensor and the configuration, as PyTorch itself reads the old file.

    check_conversion.py ARCHSCOPE_CLI WORKDIR LEGACY.pt...

Each older model file (a LibTorch archive) is converted with `archscope-cli convert-model`; PyTorch's
torch.jit.load reads the old file, numpy (read_model.py) the new one, and every tensor, name, dtype and
the configuration must be equal.
"""
import os
import subprocess
import sys

import numpy as np
import torch

from read_model import load


def compare(cli, workdir, legacy):
    converted = os.path.join(workdir, os.path.basename(legacy).replace(".pt", ".safetensors"))
    subprocess.run([cli, "convert-model", legacy, converted, "--json"], check=True, stdout=subprocess.DEVNULL)
    old = torch.jit.load(legacy)
    metadata, tensors = load(converted)
    problems = []
    expected = {name: t.detach().numpy() for name, t in old.state_dict().items()}
    if set(expected) != set(tensors):
        problems.append(f"names differ: {sorted(set(expected) ^ set(tensors))[:5]}")
    for name in set(expected) & set(tensors):
        if expected[name].dtype != tensors[name].dtype or not np.array_equal(expected[name], tensors[name]):
            problems.append(f"{name} differs")
    if metadata.get("config") != old.config:
        problems.append("the configuration differs")
    if metadata.get("format_version") != "3":
        problems.append(f"format_version {metadata.get('format_version')}")
    print(f"{legacy}: {len(tensors)} tensors" + "".join(f"; {p}" for p in problems))
    return not problems


if __name__ == "__main__":
    cli, workdir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(workdir, exist_ok=True)
    sys.exit(0 if files and all([compare(cli, workdir, f) for f in files]) else 1)
