// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/GzipFile.h"
#include "util/InputFile.h"

#include <stdexcept>

#include <zlib.h>

namespace archscope {

namespace {

gzFile handle(void* p) { return static_cast<gzFile>(p); }

std::string gzErrorText(void* file)
{
    int code = 0;
    const char* text = gzerror(handle(file), &code);
    return text ? text : "unknown zlib error";
}

} // namespace

GzipLineReader::GzipLineReader(const std::string& path) : file_(nullptr), path_(path)
{
    requireRegularFile(path);
    file_ = gzopen(path.c_str(), "rb");
    if (!file_)
        throw std::runtime_error(path + ": cannot open for reading");
    gzbuffer(handle(file_), 1 << 17);
}

GzipLineReader::~GzipLineReader()
{
    if (file_)
        gzclose(handle(file_));
}

bool GzipLineReader::fill()
{
    if (atEnd_)
        return false;
    if (begin_ > 0) {
        buffer_.erase(0, begin_);
        begin_ = 0;
    }
    constexpr std::size_t kBlock = std::size_t(1) << 17;
    const std::size_t old = buffer_.size();
    buffer_.resize(old + kBlock);
    const int n = gzread(handle(file_), buffer_.data() + old, static_cast<unsigned>(kBlock));
    int code = 0;
    gzerror(handle(file_), &code);
    if (n < 0 || (code != Z_OK && code != Z_STREAM_END)) {
        buffer_.resize(old);
        throw std::runtime_error(path_ + ":" + std::to_string(line_ + 1) + ": read error: " + gzErrorText(file_));
    }
    buffer_.resize(old + static_cast<std::size_t>(n));
    atEnd_ = n == 0;
    return n > 0;
}

bool GzipLineReader::next(std::string& line)
{
    line.clear();
    const auto tooLong = [this] {
        return std::runtime_error(path_ + ":" + std::to_string(line_ + 1) + ": line " + std::to_string(line_ + 1)
                                  + " is longer than " + std::to_string(kMaxLineBytes) + " bytes");
    };
    std::size_t searched = begin_;
    for (;;) {
        const std::size_t newline = buffer_.find('\n', searched);
        if (newline != std::string::npos) {
            std::size_t end = newline;
            if (end > begin_ && buffer_[end - 1] == '\r')
                --end;
            if (end - begin_ > kMaxLineBytes)
                throw tooLong();
            line.assign(buffer_, begin_, end - begin_);
            begin_ = newline + 1;
            ++line_;
            return true;
        }
        // + 1: the line's '\r' may still be before its newline
        if (buffer_.size() - begin_ > kMaxLineBytes + 1)
            throw tooLong();
        const std::size_t pending = buffer_.size() - begin_;
        if (!fill()) {
            if (pending == 0)
                return false;
            if (pending > kMaxLineBytes)
                throw tooLong();
            line.assign(buffer_, begin_, pending);
            begin_ = buffer_.size();
            ++line_;
            return true;
        }
        searched = begin_ + pending;
    }
}

GzipWriter::GzipWriter(const std::string& path) : file_(gzopen(path.c_str(), "wb6")), path_(path)
{
    if (!file_)
        throw std::runtime_error(path + ": cannot open for writing");
}

GzipWriter::~GzipWriter()
{
    if (file_)
        gzclose(handle(file_));
}

void GzipWriter::write(std::string_view data)
{
    if (data.empty())
        return;
    if (gzwrite(handle(file_), data.data(), static_cast<unsigned>(data.size())) != static_cast<int>(data.size()))
        throw std::runtime_error(path_ + ": write failed: " + gzErrorText(file_));
}

void GzipWriter::close()
{
    void* f = file_;
    file_ = nullptr;
    if (gzclose(handle(f)) != Z_OK)
        throw std::runtime_error(path_ + ": could not finish writing");
}

} // namespace archscope

namespace archscope {

std::string readGzipFile(const std::string& path, std::size_t maxBytes)
{
    requireRegularFile(path);
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f)
        throw std::runtime_error(path + ": cannot open");
    std::string data;
    char buffer[1 << 16];
    for (;;) {
        const int n = gzread(f, buffer, sizeof buffer);
        int code = 0;
        gzerror(f, &code);
        if (n < 0 || (code != Z_OK && code != Z_STREAM_END)) {
            const std::string why = gzErrorText(f);
            gzclose(f);
            throw std::runtime_error(path + ": read error: " + why);
        }
        if (n == 0)
            break;
        if (data.size() + static_cast<std::size_t>(n) > maxBytes) {
            gzclose(f);
            throw std::runtime_error(path + ": larger than " + std::to_string(maxBytes) + " bytes");
        }
        data.append(buffer, static_cast<std::size_t>(n));
    }
    gzclose(f);
    return data;
}

} // namespace archscope
