#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the files of `archscope-cli export` with tools that are not ArchScope's.

--onnx FILE    ONNX's checker (full check, with shape inference) passes; every Conv is followed by a
               BatchNormalization; with --params N, the trainable initializers (Conv kernels, batch-norm
               scale and shift, the dense layer) add up to N; with --weights, every batch norm's running
               mean and variance are the checkpoint's; with --input, OpenCV's dnn module (the ONNX
               runtime Debian has) gives the --expected outputs.
--script FILE  the PyTorch script, run with Debian's python3-torch, builds a network with N trainable
               parameters; with --input it gives the --expected outputs in eval mode.
--input/--expected are raw little-endian float32 files; --shape is the input's N,C,H,W.
Exit status 0 when everything holds, 1 with one line per failure otherwise.
"""

import argparse
import importlib.machinery
import importlib.util
import json
import struct
import sys

import numpy as np

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def close(name, got, expected):
    got = np.asarray(got, dtype=np.float64).reshape(expected.shape)
    scale = 1.0 + np.abs(expected).max()
    worst = np.abs(got - expected).max()
    check(worst <= 1e-4 * scale, f"{name}: outputs differ from LibTorch's by {worst:.3g} (scale {scale:.3g})")


def checkpoint_tensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    out = {}
    for name, info in header.items():
        if name.startswith("network.") and info["dtype"] == "F32":
            start, end = info["data_offsets"]
            out[name[len("network.") :]] = np.frombuffer(data[8 + size + start : 8 + size + end], "<f4").reshape(info["shape"])
    return out


def check_onnx(args, expected, batch):
    import onnx
    from onnx import numpy_helper

    model = onnx.load(args.onnx)
    try:
        onnx.checker.check_model(model, full_check=True)
    except Exception as e:  # the checker's own exception types differ between versions
        check(False, f"{args.onnx}: ONNX checker: {e}")
    inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    nodes = list(model.graph.node)
    produced_by = {o: n for n in nodes for o in n.output}
    trainable = 0
    convs = bns = 0
    ours = checkpoint_tensors(args.weights) if args.weights else None
    for n in nodes:
        if n.op_type == "Conv":
            convs += 1
            trainable += inits[n.input[1]].size
        elif n.op_type == "BatchNormalization":
            bns += 1
            check(produced_by.get(n.input[0]) is not None and produced_by[n.input[0]].op_type == "Conv",
                  f"{args.onnx}: batch norm {n.name} does not follow a Conv")
            trainable += inits[n.input[1]].size + inits[n.input[2]].size
            if ours is not None:
                layer = n.input[1].split(".")[1]  # ops.l5.bn.weight
                for k, key in ((3, "mean"), (4, "var")):
                    theirs = ours.get(f"{layer}_{key}")
                    check(theirs is not None and np.array_equal(inits[n.input[k]], theirs),
                          f"{args.onnx}: running {key} of {layer} is not the checkpoint's")
        elif n.op_type == "Gemm":
            trainable += inits[n.input[1]].size + inits[n.input[2]].size
    check(convs > 0 and convs == bns, f"{args.onnx}: {convs} convolutions but {bns} batch norms")
    if args.params is not None:
        check(trainable == args.params, f"{args.onnx}: trainable initializers add up to {trainable}, not {args.params}")
    if batch is not None:
        import cv2

        net = cv2.dnn.readNetFromONNX(args.onnx)
        net.setInput(batch)
        close(f"{args.onnx} in OpenCV", net.forward(), expected)


def check_script(args, expected, batch):
    import torch

    # Whatever the file is called (an export need not end in .py).
    loader = importlib.machinery.SourceFileLoader("exported_network", args.script)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    net = module.build_network(args.weights).eval()
    count = sum(p.numel() for p in net.parameters() if p.requires_grad)
    if args.params is not None:
        check(count == args.params, f"{args.script}: {count} trainable parameters, not {args.params}")
    if batch is not None:
        with torch.no_grad():
            close(f"{args.script} in PyTorch", net(torch.from_numpy(batch)).numpy(), expected)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onnx")
    parser.add_argument("--script")
    parser.add_argument("--weights")
    parser.add_argument("--params", type=int)
    parser.add_argument("--input")
    parser.add_argument("--expected")
    parser.add_argument("--shape")
    args = parser.parse_args()
    batch = expected = None
    if args.input:
        shape = [int(x) for x in args.shape.split(",")]
        batch = np.fromfile(args.input, "<f4").reshape(shape)
        expected = np.fromfile(args.expected, "<f4").astype(np.float64).reshape(shape[0], -1)
    if args.onnx:
        check_onnx(args, expected, batch)
    if args.script:
        check_script(args, expected, batch)
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
