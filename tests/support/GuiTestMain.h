// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// ARCHSCOPE_GUI_TEST_MAIN(TestClass): QTEST_MAIN's main(), in the language of the user the run stands
// for. CTest runs each GUI suite twice (tests/gui/CMakeLists.txt): as an English user on a desktop
// screen, and as a German user on a 1024 x 700 one. ARCHSCOPE_TEST_LANGUAGE=de installs the German
// translation and number format, as the app's language preference does (AppSettings'
// installTranslation); the screen comes from the offscreen platform's configuration (tests/gui/screens).
// So the suites' clicks, keys and checks all run in German at 1024 x 700 too, without a copy of them.

#include <QApplication>
#include <QByteArray>
#include <QLocale>
#include <QTranslator>
#include <QtTest>

#include <cstdio>
#include <cstdlib>

namespace archscope::test {

class UserOfTheRun {
public:
    explicit UserOfTheRun(QApplication& app)
    {
        const QByteArray language = qgetenv("ARCHSCOPE_TEST_LANGUAGE");
        if (!language.isEmpty()) {
            const QString code = QString::fromLatin1(language);
            if (!translator_.load(QStringLiteral(":/i18n/archscope_%1.qm").arg(code))) {
                std::fprintf(stderr, "ARCHSCOPE_TEST_LANGUAGE=%s: no translation :/i18n/archscope_%s.qm\n",
                             language.constData(), language.constData());
                std::exit(2);
            }
            app.installTranslator(&translator_);
            QLocale::setDefault(QLocale(code));
        }
    }

private:
    QTranslator translator_;
};

// What a user of this run reads for an English source text of the app: its translation in the German
// runs, the text itself otherwise. A test compares against this rather than against English, so that it
// checks the same words in either language (and translations_in_sync makes sure the German one exists).
inline QString shownText(const char* context, const char* source, int n = -1)
{
    return QCoreApplication::translate(context, source, nullptr, n);
}

} // namespace archscope::test

#define ARCHSCOPE_GUI_TEST_MAIN(TestClass)                                                                    \
    int main(int argc, char** argv)                                                                           \
    {                                                                                                         \
        QApplication app(argc, argv);                                                                         \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                              \
        archscope::test::UserOfTheRun user(app);                                                              \
        TestClass tc;                                                                                         \
        QTEST_SET_MAIN_SOURCE_PATH                                                                            \
        return QTest::qExec(&tc, argc, argv);                                                                 \
    }
