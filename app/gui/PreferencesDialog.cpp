// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "PreferencesDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>

namespace archscope {

PreferencesDialog::PreferencesDialog(AppSettings& settings, QWidget* parent)
    : QDialog(parent), settings_(settings), language_(new QComboBox(this)), palette_(new QComboBox(this))
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferencesDialog"));
    language_->setObjectName(QStringLiteral("languageCombo"));
    language_->addItem(tr("System language"), QString());
    language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language_->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    language_->setCurrentIndex(std::max(0, language_->findData(settings_.language())));
    palette_->setObjectName(QStringLiteral("paletteCombo"));
    palette_->addItem(tr("System"), int(AppSettings::Palette::System));
    palette_->addItem(tr("Light"), int(AppSettings::Palette::Light));
    palette_->addItem(tr("Dark"), int(AppSettings::Palette::Dark));
    palette_->setCurrentIndex(palette_->findData(int(settings_.palette())));

    auto* note = new QLabel(tr("A new language takes effect when ArchScope starts again."), this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Language:"), language_);
    form->addRow(QString(), note);
    form->addRow(tr("Palette:"), palette_);
    form->addRow(buttons);
}

void PreferencesDialog::save()
{
    settings_.setLanguage(language_->currentData().toString());
    const auto palette = AppSettings::Palette(palette_->currentData().toInt());
    settings_.setPalette(palette);
    applyPalette(*qApp, palette);
}

} // namespace archscope
