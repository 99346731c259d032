#include "util/AtomicFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace archscope {

namespace {

std::string errnoText() { return std::strerror(errno); }

void syncFile(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        throw std::runtime_error(path + ": cannot reopen to flush: " + errnoText());
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        throw std::runtime_error(path + ": cannot flush to disk: " + errnoText());
}

} // namespace

void writeFileAtomically(const std::string& path, const std::function<void(const std::string&)>& write)
{
    std::string temp = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(temp.data());
    if (fd < 0)
        throw std::runtime_error(path + ": cannot create a temporary file beside it: " + errnoText());
    // mkstemp creates the file private (0600); the result should be readable as an ordinary file
    // would be, or keep the mode of the file it replaces.
    struct stat existing {};
    const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : mode_t(0644);
    const bool modeSet = ::fchmod(fd, mode) == 0;
    ::close(fd);
    if (!modeSet) {
        std::remove(temp.c_str());
        throw std::runtime_error(path + ": cannot set the permissions of its temporary file: " + errnoText());
    }
    try {
        write(temp);
        syncFile(temp);
        if (std::rename(temp.c_str(), path.c_str()) != 0)
            throw std::runtime_error(path + ": cannot replace it: " + errnoText());
    } catch (...) {
        std::remove(temp.c_str());
        throw;
    }
}

} // namespace archscope
