// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "data/JsonlFormat.h"

#include <QString>

#include <string>

namespace archscope::test {

// The bundled NAS-Bench-101 sample: 20,001 real records, the golden values of the tests.
inline const std::string& samplePath()
{
    static const std::string path = ARCHSCOPE_TEST_DATA;
    return path;
}

// Loaded once per test executable.
inline const Dataset& sample()
{
    static const Dataset data = loadJsonl(samplePath());
    return data;
}

inline Cell cellOf(std::initializer_list<Op> ops, std::initializer_list<std::initializer_list<int>> rows)
{
    std::vector<std::vector<int>> m;
    for (const auto& r : rows)
        m.emplace_back(r);
    return Cell(std::vector<Op>(ops), m);
}

} // namespace archscope::test
