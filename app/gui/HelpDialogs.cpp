// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HelpDialogs.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QKeySequence>
#include <QLocale>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace archscope {

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent)
    : QDialog(parent), table_(new QTableWidget(0, 3, this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    struct Row {
        QString action, keys, where;
    };
    std::vector<Row> rows;
    for (const QAction* a : actions) {
        if (a->shortcuts().isEmpty())
            continue;
        // The icon text is the text without its mnemonic; undo and redo keep a fixed one there while
        // their text names the command.
        const QString name = a->iconText();
        // Keys that act only while one view has focus (the editor's Delete and digits) say which view.
        const auto* owner = qobject_cast<const QWidget*>(a->parent());
        const bool local = a->shortcutContext() == Qt::WidgetShortcut
                           || a->shortcutContext() == Qt::WidgetWithChildrenShortcut;
        rows.push_back({name, QKeySequence::listToString(a->shortcuts(), QKeySequence::NativeText),
                        local && owner && !owner->accessibleName().isEmpty() ? owner->accessibleName()
                                                                              : tr("everywhere")});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) { return x.action.localeAwareCompare(y.action) < 0; });

    table_->setObjectName(QStringLiteral("shortcutsTable"));
    table_->setHorizontalHeaderLabels({tr("Action"), tr("Keys"), tr("Where")});
    table_->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        const Row& r = rows[std::size_t(i)];
        table_->setItem(i, 0, new QTableWidgetItem(r.action));
        table_->setItem(i, 1, new QTableWidgetItem(r.keys));
        table_->setItem(i, 2, new QTableWidgetItem(r.where));
    }
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("shortcutsButtons"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_);
    layout->addWidget(buttons);
    resize(480, 520);
}

GuideDialog::GuideDialog(QWidget* parent) : QDialog(parent), browser_(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("guideDialog"));
    setWindowTitle(tr("ArchScope Guide"));
    browser_->setObjectName(QStringLiteral("guideBrowser"));
    browser_->setOpenExternalLinks(true);
    const QString markdown = guideText(QLocale().name().section(QLatin1Char('_'), 0, 0));
    if (!markdown.isEmpty())
        browser_->setMarkdown(markdown);
    else
        browser_->setPlainText(tr("The guide is missing from this build."));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("guideButtons"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(browser_);
    layout->addWidget(buttons);
    resize(720, 640);
}

QString GuideDialog::guideText(const QString& language)
{
    QFile translated(QStringLiteral(":/help/docs/guide.%1.md").arg(language));
    if (translated.open(QIODevice::ReadOnly))
        return withoutPictures(QString::fromUtf8(translated.readAll()));
    QFile readme(QStringLiteral(":/help/README.md"));
    if (readme.open(QIODevice::ReadOnly))
        return explorerSection(QString::fromUtf8(readme.readAll()));
    return {};
}

QString GuideDialog::withoutPictures(QString markdown)
{
    static const QRegularExpression picture(QStringLiteral("!\\[[^\\]]*\\]\\([^)]*\\)"));
    return markdown.remove(picture);
}

QString GuideDialog::explorerSection(const QString& readme)
{
    const qsizetype start = readme.indexOf(QStringLiteral("## The explorer"));
    if (start < 0)
        return {};
    const qsizetype end = readme.indexOf(QStringLiteral("\n## "), start + 1);
    return withoutPictures(readme.mid(start, end < 0 ? -1 : end - start));
}

} // namespace archscope
