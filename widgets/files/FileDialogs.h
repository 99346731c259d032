// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

class QWidget;

namespace archscope {

// File dialogs that start where the user last was for the same kind of file ("cells", "runs",
// "plots", …; remembered in QSettings under dialogs/<kind>) and give a typed name the suffix of the
// chosen filter, so that "Save Run" and "Save Cell" behave alike.

// The folder a dialog of `kind` opens in: the last one used for it, else the user's documents.
QString dialogStartDir(const QString& kind);
// Remembers the folder of `chosenPath` for the next dialog of `kind`.
void rememberDialogDir(const QString& kind, const QString& chosenPath);
// The first suffix a name filter lists, without the dot: "json" for "Run files (*.json)".
QString filterSuffix(const QString& filter);
// `path` with the first suffix that `selectedFilter` names (e.g. "Run files (*.json)" gives ".json")
// when the name has no suffix of its own; unchanged otherwise.
QString withDefaultSuffix(const QString& path, const QString& selectedFilter);

// File dialogs with the rules above; an empty string when cancelled. `suggestedName` is the file a
// save dialog proposes: a name in the start folder, or an absolute path to propose another place.
QString askSaveFileName(QWidget* parent, const QString& title, const QString& kind, const QString& filters,
                        const QString& suggestedName = {});
QString askOpenFileName(QWidget* parent, const QString& title, const QString& kind, const QString& filters);

} // namespace archscope
