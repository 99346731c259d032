#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages ArchScope builds and runs with, skipping those already present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
  qt6-translations-l10n
  libtorch-dev libopenblas0-pthread      # without OpenBLAS, Debian's LibTorch multiplies ~28x slower
  libgloo-dev                            # gloo's headers, which c10d's Gloo process group includes (data-parallel training)
  libqcustomplot-dev libqcustomplot2.1-qt6
  libgraphviz-dev
  nlohmann-json3-dev libcli11-dev zlib1g-dev libssl-dev
  libprotobuf-dev protobuf-compiler libisal-dev
  libonnx-dev                            # the ONNX schema and checker of export --format onnx
  python3-onnx python3-opencv            # tests/export: ONNX's checker in Python, OpenCV's dnn runs the models
  xvfb xauth
  desktop-file-utils appstream           # validate the desktop entry and metainfo (tests/packaging)
  dataset-fashion-mnist                  # the default task of train-net and the Graph HyperNetwork
  python3                                # tests/layering/check_layering.py (the include-layering test)
  python3-torch                          # bench --only train-net measures PyTorch eager beside LibTorch;
                                         # tests/modelfile checks convert-model against torch.jit.load
  python3-numpy                          # tests/modelfile reads model files with numpy, as docs/MODEL-FILES.md shows
  clang libclang-rt-14-dev llvm          # the asan preset and the fuzzers (libFuzzer, llvm-symbolizer)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
