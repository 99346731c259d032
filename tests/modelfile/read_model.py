#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads an ArchScope model file with numpy alone, as docs/MODEL-FILES.md shows, and checks it.

    read_model.py FILE...   checks each file: the safetensors layout, ArchScope's metadata and
                            checksum, finite tensors, the ensemble members its config names and the calibration's layout.
"""
import json
import struct
import sys

import numpy as np

# safetensors dtypes numpy has (BF16 has no numpy type; ArchScope's models hold F32, I64 and U8).
DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2",
          "I8": "i1", "U8": "u1", "BOOL": "?"}


def load(path):
    """(metadata, {name: array}) of a safetensors file."""
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {})
    start = 8 + length
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[start + begin:start + end], dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
    return metadata, tensors


def crc32c(data):
    """CRC-32C (Castagnoli), bit by bit: the standard library has only zlib's CRC-32."""
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    crc = 0xFFFFFFFF
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def check(path):
    metadata, tensors = load(path)
    problems = []
    if metadata.get("format") != "archscope-model" or metadata.get("format_version") != "3":
        problems.append(f"format {metadata.get('format')!r} version {metadata.get('format_version')!r}")
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    if length % 8:
        problems.append(f"header length {length} is not a multiple of 8")
    header = json.loads(data[8:8 + length])
    header.pop("__metadata__")
    ranges = sorted(tuple(e["data_offsets"]) for e in header.values())
    position = 0
    for begin, end in ranges:
        if begin != position:
            problems.append(f"tensor bytes not packed at {begin}")
        position = end
    if position != len(data) - 8 - length:
        problems.append("trailing bytes after the tensors")
    if f"{crc32c(data[8 + length:]):08x}" != metadata.get("tensors_crc32c"):
        problems.append("the checksum does not match")
    for name, t in tensors.items():
        if t.dtype.kind == "f" and not np.isfinite(t).all():
            problems.append(f"{name} holds a non-finite value")
    config = json.loads(metadata["config"])
    if config["model"] in ("gnn", "vsgae-latent"):
        members = {name.split(".")[0] for name in tensors} - {"calibration"}
        if members != {f"member{i}" for i in range(config["members"])}:
            problems.append(f"members {sorted(members)}, the config names {config['members']}")
        # The intervals' calibration (docs/MODEL-FILES.md): one list of errors, or one per member.
        if "calibration.errors" in tensors:
            errors, counts = tensors["calibration.errors"], tensors["calibration.counts"]
            if len(counts) not in (1, config["members"]) or counts.sum() != len(errors) or (errors < 0).any():
                problems.append(f"calibration of {len(errors)} errors in lists of {counts.tolist()}")
    elif config["model"] == "vsgae" and tensors["training_hashes"].shape[1:] != (16,):
        problems.append("training_hashes are not 16-byte hashes")
    count = sum(t.size for t in tensors.values())
    print(f"{path}: {config['model']}, {len(tensors)} tensors, {count} numbers" + "".join(f"; {p}" for p in problems))
    return not problems


if __name__ == "__main__":
    sys.exit(0 if all([check(p) for p in sys.argv[1:]]) and len(sys.argv) > 1 else 1)
