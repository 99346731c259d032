// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// A tiny Fashion-MNIST folder for the CLI tests that train networks.
#include "CliRunner.h"

namespace clitest {

inline QByteArray bigEndian(quint32 v)
{
    return QByteArray(1, char(v >> 24)) + char(v >> 16) + char(v >> 8) + char(v);
}

// A tiny Fashion-MNIST folder (plain IDX files) of 8x8 images whose class is their brightness.
inline bool writeTinyFashionMnist(const QString& dir)
{
    for (const auto& [prefix, n] : {std::pair<QString, int>{"train", 60}, {"t10k", 20}}) {
        QByteArray images = bigEndian(0x803) + bigEndian(quint32(n)) + bigEndian(8) + bigEndian(8);
        QByteArray labels = bigEndian(0x801) + bigEndian(quint32(n));
        for (int i = 0; i < n; ++i) {
            labels += char(i % 10);
            for (int p = 0; p < 64; ++p)
                images += char(20 * (i % 10) + (p * i) % 16);
        }
        if (!writeFile(dir + "/" + prefix + "-images-idx3-ubyte", images)
            || !writeFile(dir + "/" + prefix + "-labels-idx1-ubyte", labels))
            return false;
    }
    return true;
}

} // namespace clitest
