// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "files/FileDialogs.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

namespace archscope {
namespace {

QString settingsKey(const QString& kind) { return QStringLiteral("dialogs/") + kind; }

} // namespace

QString dialogStartDir(const QString& kind)
{
    const QString last = QSettings().value(settingsKey(kind)).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    // Not the working directory: launched from a menu, that is wherever the desktop started us.
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

void rememberDialogDir(const QString& kind, const QString& chosenPath)
{
    if (!chosenPath.isEmpty())
        QSettings().setValue(settingsKey(kind), QFileInfo(chosenPath).absolutePath());
}

QString filterSuffix(const QString& filter)
{
    static const QRegularExpression firstPattern(QStringLiteral("\\*\\.([A-Za-z0-9_]+)"));
    return firstPattern.match(filter).captured(1);
}

QString withDefaultSuffix(const QString& path, const QString& selectedFilter)
{
    const QString suffix = filterSuffix(selectedFilter);
    if (path.isEmpty() || suffix.isEmpty() || !QFileInfo(path).suffix().isEmpty())
        return path;
    return path + QLatin1Char('.') + suffix;
}

QString askSaveFileName(QWidget* parent, const QString& title, const QString& kind, const QString& filters,
                        const QString& suggestedName)
{
    const QString start = suggestedName.isEmpty() ? dialogStartDir(kind)
                                                  : QDir(dialogStartDir(kind)).filePath(suggestedName);
    QFileDialog dialog(parent, title, start, filters);
    dialog.setObjectName(QStringLiteral("saveFileDialog"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    // The dialog's own default suffix, so that its overwrite question is about the file really written.
    dialog.setDefaultSuffix(filterSuffix(filters.section(QStringLiteral(";;"), 0, 0)));
    QObject::connect(&dialog, &QFileDialog::filterSelected, &dialog,
                     [&dialog](const QString& filter) { dialog.setDefaultSuffix(filterSuffix(filter)); });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    // Native dialogs may ignore the default suffix.
    const QString path = withDefaultSuffix(dialog.selectedFiles().constFirst(), dialog.selectedNameFilter());
    rememberDialogDir(kind, path);
    return path;
}

QString askOpenFileName(QWidget* parent, const QString& title, const QString& kind, const QString& filters)
{
    const QString path = QFileDialog::getOpenFileName(parent, title, dialogStartDir(kind), filters);
    rememberDialogDir(kind, path);
    return path;
}

} // namespace archscope
