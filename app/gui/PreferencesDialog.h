// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "AppSettings.h"

#include <QDialog>

class QComboBox;

namespace archscope {

// Language (applied at the next start) and palette (applied at once).
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(AppSettings& settings, QWidget* parent = nullptr);

private:
    void save();

    AppSettings& settings_;
    QComboBox* language_;
    QComboBox* palette_;
};

} // namespace archscope
