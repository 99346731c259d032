// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Compiled as a widgets file would be: it must fail, as LibTorch's headers are private to core.
#include "model/GnnPredictor.h"
