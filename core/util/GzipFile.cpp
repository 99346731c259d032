#include "util/GzipFile.h"

#include <filesystem>
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
    // A directory opens like a file on Linux and then reads as empty or fails on the first read.
    std::error_code error;
    if (std::filesystem::is_directory(path, error))
        throw std::runtime_error(path + ": is a directory, not a file");
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

bool GzipLineReader::next(std::string& line)
{
    line.clear();
    char buffer[8192];
    bool any = false;
    const auto tooLong = [this] {
        return std::runtime_error(path_ + ":" + std::to_string(line_ + 1) + ": line " + std::to_string(line_ + 1)
                                  + " is longer than " + std::to_string(kMaxLineBytes) + " bytes");
    };
    for (;;) {
        if (!gzgets(handle(file_), buffer, sizeof buffer)) {
            int code = 0;
            gzerror(handle(file_), &code);
            if (code != Z_OK && code != Z_STREAM_END)
                throw std::runtime_error(path_ + ":" + std::to_string(line_ + 1) + ": read error: "
                                         + gzErrorText(file_));
            if (line.size() > kMaxLineBytes)
                throw tooLong();
            if (any)
                ++line_;
            return any;
        }
        any = true;
        line += buffer;
        if (!line.empty() && line.back() == '\n') {
            line.pop_back();
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            if (line.size() > kMaxLineBytes)
                throw tooLong();
            ++line_;
            return true;
        }
        if (line.size() > kMaxLineBytes + 1) // + 1: the line's '\r' may still be before its newline
            throw tooLong();
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
