// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Outputs never destroy anything: a link's target is replaced and the link kept, pipes and devices are
// streamed to, directories refused, and an output that is one of the inputs is refused before any work.

#include "util/AtomicFile.h"
#include "util/TempFiles.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

using namespace archscope;

namespace {

void writeText(const std::string& path, const std::string& text)
{
    writeFileAtomically(path, [&](const std::string& temp) { std::ofstream(temp) << text; });
}

std::string readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string("<unreadable>");
}

} // namespace

class OutputPathsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aLinkKeepsBeingALink()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("t.csv"));
        const QString link = dir.filePath(QStringLiteral("l.csv"));
        writeText(target.toStdString(), "old");
        QVERIFY(QFile::link(target, link));
        writeText(link.toStdString(), "new");
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readText(target), std::string("new"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::System).size(), 2); // no temporary left
    }

    void aLinkToANewFileCreatesItsTarget()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("new.csv"));
        const QString link = dir.filePath(QStringLiteral("l.csv"));
        QVERIFY(QFile::link(target, link));
        writeText(link.toStdString(), "made");
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readText(target), std::string("made"));
    }

    void aFifoIsStreamedTo()
    {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath(QStringLiteral("f.csv")).toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        std::string received;
        std::thread reader([&] {
            std::ifstream in(fifo);
            received.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        });
        writeText(fifo, "through the pipe");
        reader.join();
        QCOMPARE(received, std::string("through the pipe"));
        struct stat st {};
        QCOMPARE(::lstat(fifo.c_str(), &st), 0);
        QVERIFY(S_ISFIFO(st.st_mode));
    }

    // A character device is a stream, like the FIFO above: checkOutputPath accepts it, and the writer
    // is handed the device itself, named directly or through a link, with nothing created beside
    // either. The writer throws when handed any other path, which aborts the write before a rename: a
    // regression that treats the device as a regular file fails here without replacing /dev/null.
    void aDeviceIsWrittenInPlace_data()
    {
        QTest::addColumn<bool>("throughALink");
        QTest::newRow("the device") << false;
        QTest::newRow("a link to it") << true;
    }

    void aDeviceIsWrittenInPlace()
    {
        QFETCH(bool, throughALink);
        const std::string device = "/dev/null";
        QTemporaryDir dir;
        const QString link = dir.filePath(QStringLiteral("out.csv"));
        if (throughALink)
            QVERIFY(QFile::link(QString::fromStdString(device), link));
        const std::string out = throughALink ? link.toStdString() : device;
        const auto besideTheDevice = [] {
            return QDir(QStringLiteral("/dev")).entryList({QStringLiteral("null*")}, QDir::AllEntries | QDir::System | QDir::Hidden);
        };
        const QStringList before = besideTheDevice();

        try {
            checkOutputPath(out, {});
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        std::string given;
        bool written = false;
        try {
            writeFileAtomically(out, [&](const std::string& path) {
                given = path;
                if (path != device)
                    throw std::runtime_error("the writer was handed " + path + " instead of " + device);
                std::ofstream stream(path);
                written = static_cast<bool>(stream << "streamed" << std::flush);
            });
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        QCOMPARE(given, device);
        QVERIFY(written);
        struct stat st {};
        QCOMPARE(::lstat(device.c_str(), &st), 0);
        QVERIFY(S_ISCHR(st.st_mode));
        QCOMPARE(besideTheDevice(), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot).size(),
                 throughALink ? 1 : 0);
        if (throughALink)
            QVERIFY(QFileInfo(link).isSymLink());
    }

    void aDirectoryIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeText(dir.path().toStdString(), "x"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, checkOutputPath(dir.path().toStdString(), {}));
    }

    // The same file under its own name, through a link and through a hard link: all refused, and the
    // message names the option and the input.
    void anInputIsNeverAnOutput_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("same name") << "same";
        QTest::newRow("symbolic link") << "symlink";
        QTest::newRow("hard link") << "hardlink";
    }

    void anInputIsNeverAnOutput()
    {
        QFETCH(QString, how);
        QTemporaryDir dir;
        const std::string input = dir.filePath(QStringLiteral("data.jsonl")).toStdString();
        writeText(input, "records");
        std::string out = input;
        if (how == QLatin1String("symlink")) {
            out = dir.filePath(QStringLiteral("alias.jsonl")).toStdString();
            QCOMPARE(::symlink(input.c_str(), out.c_str()), 0);
        } else if (how == QLatin1String("hardlink")) {
            out = dir.filePath(QStringLiteral("other.jsonl")).toStdString();
            QCOMPARE(::link(input.c_str(), out.c_str()), 0);
        }
        try {
            checkOutputPath(out, {"", input});
            QFAIL("an input was accepted as the output");
        } catch (const std::invalid_argument& e) {
            const std::string message = e.what();
            QVERIFY2(message.rfind("--out " + out, 0) == 0, e.what());
            QVERIFY2(message.find(input) != std::string::npos, e.what());
        }
        QCOMPARE(readText(QString::fromStdString(input)), std::string("records"));
    }

    // What a writer killed by SIGKILL or a crash left: its temporary file, named with its pid. The next
    // write to the same output removes it; one of a live writer (this process), another output's and a
    // file that only looks similar stay.
    void staleTemporaryFilesAreRemovedOnTheNextWrite()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.csv"));
        // Above any pid_max Linux allows (2^22), so no process has it.
        const QString dead = out + QStringLiteral(".tmp-2147483646-a1B2c3");
        const QString live = out + QStringLiteral(".tmp-%1-a1B2c3").arg(::getpid());
        const QString other = dir.filePath(QStringLiteral("other.csv.tmp-2147483646-a1B2c3"));
        const QString similar = out + QStringLiteral(".tmp-2147483646-short");
        for (const QString& f : {dead, live, other, similar})
            writeText(f.toStdString(), "partial");
        writeText(out.toStdString(), "complete");
        QVERIFY(!QFileInfo::exists(dead));
        for (const QString& f : {live, other, similar})
            QVERIFY2(QFileInfo::exists(f), qPrintable(f));
        QCOMPARE(readText(out), std::string("complete"));
    }

    // While the output is being written its temporary file is registered; removeLiveTempFiles (what the
    // CLI's SIGINT/SIGTERM handler calls) removes it, and afterwards the table is empty again.
    void liveTemporaryFileIsRegisteredWhileWriting()
    {
        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("out.csv")).toStdString();
        std::string seen;
        try {
            writeFileAtomically(out, [&](const std::string& temp) {
                std::ofstream(temp) << "partial";
                seen = temp;
                QVERIFY(QFileInfo::exists(QString::fromStdString(temp)));
                removeLiveTempFiles();
                QVERIFY(!QFileInfo::exists(QString::fromStdString(temp)));
                throw std::runtime_error("interrupted");
            });
        } catch (const std::runtime_error&) {
        }
        QVERIFY(seen.find(".tmp-" + std::to_string(::getpid()) + "-") != std::string::npos);
        std::ofstream(seen) << "not registered any more";
        removeLiveTempFiles();
        QVERIFY(QFileInfo::exists(QString::fromStdString(seen)));
    }

    void aMissingFolderIsReportedBeforeAnyWork()
    {
        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("no/such/folder/model.safetensors")).toStdString();
        try {
            checkOutputPath(out, {}, "--checkpoint");
            QFAIL("an output in a missing folder was accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("--checkpoint") == 0, e.what());
            QVERIFY2(std::string(e.what()).find("does not exist") != std::string::npos, e.what());
        }
        checkOutputPath(dir.filePath(QStringLiteral("fine.safetensors")).toStdString(), {});
    }
};

QTEST_GUILESS_MAIN(OutputPathsTest)
#include "tst_outputpaths.moc"
