// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <string_view>

namespace archscope {

// A whole file mapped read-only into memory, so large inputs (a 500 MB tfrecord, a dataset cache)
// are parsed in place, without a copy and from several threads at once.
class MappedFile {
public:
    explicit MappedFile(const std::string& path); // throws std::runtime_error naming the file
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

private:
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace archscope
