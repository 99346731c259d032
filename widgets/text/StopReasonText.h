// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace archscope {

// How a training run ended, in the user's language. core reports it in English ("completed",
// "early stop", "cancelled", "diverged: …", "failed: …"), which the app also stores in model files and
// compares against; this words it for display. A detail after the colon stays core's, inside the
// translated sentence.
QString stopReasonText(const QString& reason);

} // namespace archscope
