// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/MappedFile.h"
#include "util/InputFile.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace archscope {

MappedFile::MappedFile(const std::string& path)
{
    requireRegularFile(path);
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        throw std::runtime_error(path + ": cannot open for reading: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        throw std::runtime_error(path + ": cannot read its size: " + std::strerror(err));
    }
    size_ = static_cast<std::size_t>(st.st_size);
    // mmap refuses a length of zero; an empty file is simply no bytes.
    if (size_ > 0) {
        void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (p == MAP_FAILED) {
            const int err = errno;
            ::close(fd);
            throw std::runtime_error(path + ": cannot map into memory: " + std::strerror(err));
        }
        data_ = p;
    }
    ::close(fd);
}

MappedFile::~MappedFile()
{
    if (data_)
        ::munmap(data_, size_);
}

} // namespace archscope
