# SPDX-FileCopyrightText: 2026 The ArchScope authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Run (cmake -P) by the test that stands in for a suite whose declared dependency was not found when
# the build was configured: it fails, saying what to install.
message(FATAL_ERROR "${ARCHSCOPE_MISSING_DEPENDENCY}")
