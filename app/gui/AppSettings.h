// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QSettings>
#include <QStringList>

class QApplication;

namespace archscope {

// The app's preferences and history in QSettings, with the keys in one place.
class AppSettings {
public:
    enum class Palette { System, Light, Dark };

    // "" follows the system, otherwise a language code such as "de".
    QString language() const;
    void setLanguage(const QString& code);
    Palette palette() const;
    void setPalette(Palette palette);

    // Most recent first, at most kMaxRecent; `kind` is "datasets", "cells" or "models".
    QStringList recentFiles(const QString& kind) const;
    void addRecentFile(const QString& kind, const QString& path);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindow(const QByteArray& geometry, const QByteArray& state);

    static constexpr int kMaxRecent = 8;

private:
    QSettings settings_;
};

// Installs the palette: Fusion with a dark or light palette, or the platform's own.
void applyPalette(QApplication& app, AppSettings::Palette palette);

// Installs the translation for the chosen language (and Qt's own for standard dialogs); returns the
// language in effect.
QString installTranslation(QApplication& app, const QString& language);

} // namespace archscope
