// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QTableWidget;
class QTextBrowser;

namespace archscope {

// Every action with a keyboard shortcut and its keys, read from the actions themselves so that the
// list cannot drift from what the keys do.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);
    QTableWidget* table() const { return table_; }

private:
    QTableWidget* table_;
};

// The README's "The explorer" section, embedded with the app, in a browser window.
class GuideDialog : public QDialog {
    Q_OBJECT
public:
    explicit GuideDialog(QWidget* parent = nullptr);
    QTextBrowser* browser() const { return browser_; }

    // The section's Markdown from the whole README, without its pictures (they live beside the README,
    // not in the app).
    static QString explorerSection(const QString& readme);
    // The guide in a language ("de"): its translation (docs/guide.LANGUAGE.md) where there is one, the
    // README's section otherwise; empty when the build has neither.
    static QString guideText(const QString& language);
    static QString withoutPictures(QString markdown);

private:
    QTextBrowser* browser_;
};

} // namespace archscope
