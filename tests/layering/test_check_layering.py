#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shows that check_layering.py can fail: it runs the check on tiny source trees, each with one kind
of layering break, and on a clean one, and expects exit status 1 with the offending file:line, or 0."""

import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_layering import DOCS_BEGIN, DOCS_END  # noqa: E402

CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_layering.py")

# Every tree starts from this clean one: core/ in its allowed directions, widgets/ on core, app/ on both.
CLEAN = {
    "core/util/Errors.h": "#include <stdexcept>\n",
    "core/model/Predictor.h": '#include "util/Errors.h"\n#include <string>\n',
    "core/train/Trainer.h": '#include "model/Predictor.h"\n',
    "core/train/Trainer.cpp": '#include "train/Trainer.h"\n\n#include "util/Errors.h"\n',
    "widgets/info/Panel.h": '#include "model/Predictor.h"\n\n#include <QWidget>\n',
    "widgets/info/Panel.cpp": '#include "info/Panel.h"\n#include "Local.h"\n',
    "widgets/info/Local.h": "#include <QString>\n",
    "app/gui/MainWindow.h": '#include "info/Panel.h"\n#include "train/Trainer.h"\n\n#include <QMainWindow>\n',
}

# name -> (files changed from CLEAN, expected exit status, texts the output must contain)
CASES = {
    "clean": ({}, 0, ["layering: clean"]),
    "cycle": (
        {"core/model/Predictor.cpp": '#include "model/Predictor.h"\n\n#include "train/Trainer.h"\n'},
        1,
        ['core/model/Predictor.cpp:3: #include "train/Trainer.h": core/model/ may not include core/train/',
         "cycle among core's folders: model -> train -> model"],
    ),
    "disallowed without a cycle": (
        {"core/util/Errors.h": '#include "model/Predictor.h"\n'},
        1,
        ['core/util/Errors.h:1: #include "model/Predictor.h": core/util/ may not include core/model/'],
    ),
    "Qt in core": (
        {"core/model/Predictor.h": '#include "util/Errors.h"\n#include <QString>\n'},
        1,
        ["core/model/Predictor.h:2: #include <QString>: core/ includes Qt"],
    ),
    "Qt module path in core": (
        {"core/util/Errors.h": "#include <QtCore/QObject>\n"},
        1,
        ["core/util/Errors.h:1: #include <QtCore/QObject>: core/ includes Qt"],
    ),
    "widgets in core": (
        {"core/train/Trainer.cpp": '#include "train/Trainer.h"\n#include "info/Panel.h"\n'},
        1,
        ['core/train/Trainer.cpp:2: #include "info/Panel.h": core/ includes widgets/'],
    ),
    "widgets to app": (
        {"widgets/info/Panel.cpp": '#include "info/Panel.h"\n#include "MainWindow.h"\n'},
        1,
        ['widgets/info/Panel.cpp:2: #include "MainWindow.h": widgets/ includes app/'],
    ),
    "folder not in the table": (
        {"core/extra/Thing.h": '#include "util/Errors.h"\n'},
        1,
        ['core/extra/Thing.h:1: #include "util/Errors.h": core/extra/ is not in the layering table'],
    ),
}


def run(files, extra_args=()):
    with tempfile.TemporaryDirectory() as root:
        for path, text in files.items():
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)
        extra = [a.replace("{root}", root) for a in extra_args]
        done = subprocess.run([sys.executable, CHECK, "--root", root, *extra], capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr


def main():
    failures = []
    for name, (changes, expected_status, expected_texts) in CASES.items():
        status, output = run({**CLEAN, **changes})
        missing = [t for t in expected_texts if t not in output]
        if status != expected_status or missing:
            failures.append(f"{name}: exit {status} (expected {expected_status}), missing {missing}; output:\n{output}")
    # The documentation must show the table the check uses.
    table = subprocess.run([sys.executable, CHECK, "--markdown"], capture_output=True, text=True, check=True).stdout
    docs_cases = {
        "docs show the table": (f"x\n{DOCS_BEGIN}\n{table}{DOCS_END}\n", 0),
        "docs show another table": (f"x\n{DOCS_BEGIN}\n| folder |\n{DOCS_END}\n", 1),
        "docs without the table": ("x\n", 1),
    }
    for name, (docs, expected_status) in docs_cases.items():
        status, output = run({**CLEAN, "ARCH.md": docs}, ["--docs", "{root}/ARCH.md"])
        if status != expected_status:
            failures.append(f"{name}: exit {status} (expected {expected_status}); output:\n{output}")
    for f in failures:
        print(f)
    print(f"{len(CASES) + len(docs_cases) - len(failures)} of {len(CASES) + len(docs_cases)} cases as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
