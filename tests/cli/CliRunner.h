// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Runs the built archscope-cli as a user would, for the CLI tests.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStringList>
#include <QTest>
#include <QtGlobal>

#include <optional>

namespace clitest {

const QString kCli = QStringLiteral(ARCHSCOPE_CLI);

// How many times slower than a release build the CLI under test runs: packaging/test-sanitizers.sh sets
// ARCHSCOPE_TEST_SLOWDOWN for the ASan build (`check --networks` on the sample took over 120 s there).
inline int testSlowdown()
{
    bool ok = false;
    const int factor = qEnvironmentVariableIntValue("ARCHSCOPE_TEST_SLOWDOWN", &ok);
    return ok && factor > 1 ? factor : 1;
}

// A CLI that hangs must fail its test rather than run into CTest's timeout for the whole suite.
inline const int kProcessTimeoutMs = 120000 * testSlowdown();

struct Run {
    QStringList args;
    bool finished = false;
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString processError; // why it did not start or finish

    bool succeeded() const { return finished && status == QProcess::NormalExit && exitCode == 0; }

    // For failure messages: what ran and what it said.
    QByteArray describe() const
    {
        const QByteArray outcome = !finished                     ? "did not finish: " + processError.toUtf8()
                                   : status != QProcess::NormalExit ? QByteArray("crashed")
                                                                    : "exit code " + QByteArray::number(exitCode);
        return "archscope-cli " + args.join(' ').toUtf8() + "\n  " + outcome + "\n  stdout: " + out.left(2000)
            + "\n  stderr: " + err.left(2000);
    }
};

// Runs the CLI, or `program` (e.g. a shell that sets a limit and runs the CLI) with `args`.
inline Run runCli(const QStringList& args, const QString& program = kCli)
{
    Run r;
    r.args = args;
    QProcess p;
    p.start(program, args);
    r.finished = p.waitForFinished(kProcessTimeoutMs);
    if (!r.finished) {
        r.processError = p.errorString();
        p.kill();
        p.waitForFinished();
    }
    r.status = p.exitStatus();
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Every non-empty line of `text` as a JSON object, or nothing when one is not.
inline std::optional<QList<QJsonObject>> jsonLines(const QByteArray& text)
{
    QList<QJsonObject> objects;
    for (const QByteArray& line : text.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return std::nullopt;
        objects.append(doc.object());
    }
    return objects;
}

inline std::optional<QJsonObject> jsonObject(const QByteArray& text)
{
    const auto lines = jsonLines(text);
    if (!lines || lines->size() != 1)
        return std::nullopt;
    return lines->first();
}

inline bool writeFile(const QString& path, const QByteArray& contents)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(contents) == contents.size();
}

// The run failed with one line on stderr that names `named`. CLI11 follows each parse error with a
// hint to --help; the error itself is the line before it.
inline void verifyOneLineError(const Run& r, const QString& named)
{
    QVERIFY2(r.finished && r.status == QProcess::NormalExit && r.exitCode != 0, r.describe().constData());
    QList<QByteArray> lines = r.err.trimmed().split('\n');
    if (lines.size() == 2 && lines.last() == "Run with --help for more information.")
        lines.removeLast();
    QVERIFY2(lines.size() == 1, r.describe().constData());
    QVERIFY2(lines.first().contains(named.toUtf8()), r.describe().constData());
}

} // namespace clitest
