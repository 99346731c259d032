// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Intentionally empty: this library exists only for its SONAME (HighguiStub.cmake says why).
