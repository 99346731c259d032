// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AppSettings.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

namespace archscope {

QString AppSettings::language() const { return settings_.value(QStringLiteral("ui/language")).toString(); }

void AppSettings::setLanguage(const QString& code) { settings_.setValue(QStringLiteral("ui/language"), code); }

AppSettings::Palette AppSettings::palette() const
{
    const QString p = settings_.value(QStringLiteral("ui/palette")).toString();
    return p == QLatin1String("dark") ? Palette::Dark : p == QLatin1String("light") ? Palette::Light : Palette::System;
}

void AppSettings::setPalette(Palette palette)
{
    const char* names[] = {"system", "light", "dark"};
    settings_.setValue(QStringLiteral("ui/palette"), QString::fromLatin1(names[int(palette)]));
}

QStringList AppSettings::recentFiles(const QString& kind) const
{
    return settings_.value(QStringLiteral("recent/") + kind).toStringList();
}

void AppSettings::addRecentFile(const QString& kind, const QString& path)
{
    QStringList list = recentFiles(kind);
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    settings_.setValue(QStringLiteral("recent/") + kind, list);
}

QByteArray AppSettings::windowGeometry() const { return settings_.value(QStringLiteral("window/geometry")).toByteArray(); }

QByteArray AppSettings::windowState() const { return settings_.value(QStringLiteral("window/state")).toByteArray(); }

void AppSettings::setWindow(const QByteArray& geometry, const QByteArray& state)
{
    settings_.setValue(QStringLiteral("window/geometry"), geometry);
    settings_.setValue(QStringLiteral("window/state"), state);
}

void applyPalette(QApplication& app, AppSettings::Palette palette)
{
    if (palette == AppSettings::Palette::System) {
        app.setPalette(app.style()->standardPalette());
        return;
    }
    // Fusion draws both palettes faithfully on every platform.
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p = app.style()->standardPalette();
    if (palette == AppSettings::Palette::Dark) {
        const QColor window(45, 45, 48), base(30, 30, 32), text(220, 220, 220), accent(60, 120, 215);
        const QColor dimmed(120, 120, 120);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, window);
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, window);
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::BrightText, Qt::white);
        p.setColor(QPalette::ToolTipBase, base);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::PlaceholderText, dimmed);
        p.setColor(QPalette::Highlight, accent);
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Link, QColor(110, 165, 240));
        // The 3-D shades come from the light palette otherwise: styles etch disabled text with Light,
        // which made disabled menu items brighter than enabled ones.
        p.setColor(QPalette::Light, window.lighter(150));
        p.setColor(QPalette::Midlight, window.lighter(125));
        p.setColor(QPalette::Mid, window.darker(130));
        p.setColor(QPalette::Dark, window.darker(160));
        p.setColor(QPalette::Shadow, Qt::black);
        for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
            p.setColor(QPalette::Disabled, role, dimmed);
        p.setColor(QPalette::Disabled, QPalette::Light, window);
        p.setColor(QPalette::Disabled, QPalette::Highlight, window.lighter(130));
    }
    app.setPalette(p);
}

QString installTranslation(QApplication& app, const QString& language)
{
    const QString code = language.isEmpty() ? QLocale::system().name().section(QLatin1Char('_'), 0, 0) : language;
    auto* ours = new QTranslator(&app);
    if (!ours->load(QStringLiteral(":/i18n/archscope_%1.qm").arg(code))) {
        delete ours;
        // English chosen on a German system: English numbers and guide too (Help ▸ Guide follows QLocale).
        if (!language.isEmpty())
            QLocale::setDefault(QLocale(QStringLiteral("en")));
        return QStringLiteral("en");
    }
    app.installTranslator(ours);
    // Numbers follow the chosen language too (20.001 in German), not only the words.
    if (!language.isEmpty())
        QLocale::setDefault(QLocale(code));
    auto* qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_") + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return code;
}

} // namespace archscope
