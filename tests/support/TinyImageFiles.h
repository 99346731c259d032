// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Tiny image-task files for tests: IDX files in Fashion-MNIST's layout, written like the real ones.
#include "util/GzipFile.h"

#include <cstdint>
#include <fstream>
#include <string>

namespace archscope::test {

inline void writeBytes(const std::string& path, const std::string& bytes, bool gzip)
{
    if (gzip) {
        GzipWriter w(path);
        w.write(bytes);
        w.close();
    } else {
        std::ofstream(path, std::ios::binary) << bytes;
    }
}

inline std::string bigEndian(std::uint32_t v)
{
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

// Images whose class is their brightness (with texture noise): learnable by a tiny network whose global
// pooling discards where things are.
inline void writeBrightnessImages(const std::string& dir, const std::string& prefix, int n, int size, bool gzip)
{
    std::string images = bigEndian(0x803) + bigEndian(std::uint32_t(n)) + bigEndian(std::uint32_t(size)) + bigEndian(std::uint32_t(size));
    std::string labels = bigEndian(0x801) + bigEndian(std::uint32_t(n));
    for (int i = 0; i < n; ++i) {
        const int label = (i * 7) % 10;
        labels += static_cast<char>(label);
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x)
                images += static_cast<char>(20 * label + (x * y + 3 * i) % 16);
    }
    const std::string gz = gzip ? ".gz" : "";
    writeBytes(dir + "/" + prefix + "-images-idx3-ubyte" + gz, images, gzip);
    writeBytes(dir + "/" + prefix + "-labels-idx1-ubyte" + gz, labels, gzip);
}

} // namespace archscope::test
