// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

namespace archscope::cli {

// Validators for numeric options. They see the text before CLI11 converts it, so "-1" never wraps
// around in an unsigned option, and CLI11 reports a failure as "--option: why", naming the option.
// A value an option's help does not give a meaning to is refused, never replaced by a default: the
// defaults apply only to options that are not given.

inline CLI::Validator integerIn(long long min, long long max = std::numeric_limits<long long>::max())
{
    const std::string range = max == std::numeric_limits<long long>::max()
                                  ? "an integer >= " + std::to_string(min)
                                  : "an integer from " + std::to_string(min) + " to " + std::to_string(max);
    return CLI::Validator(
        [min, max, range](std::string& text) -> std::string {
            long long v = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (error != std::errc() || end != text.data() + text.size() || v < min || v > max)
                return text + " is not " + range;
            return {};
        },
        range.substr(3));
}

inline std::string numberText(double v)
{
    std::ostringstream out;
    out << v;
    return out.str();
}

// A finite real number in [min, max], without min when `openMin`, without max when `openMax`.
inline CLI::Validator realIn(double min, double max, bool openMin, bool openMax = false)
{
    const std::string range = std::isinf(max)
                                  ? std::string(openMin ? "a number > " : "a number >= ") + numberText(min)
                                  : "a number in " + std::string(openMin ? "(" : "[") + numberText(min) + ", "
                                        + numberText(max) + (openMax ? ")" : "]");
    return CLI::Validator(
        [min, max, openMin, openMax, range](std::string& text) -> std::string {
            double v = 0;
            try {
                std::size_t used = 0;
                v = std::stod(text, &used);
                if (used != text.size())
                    return text + " is not " + range;
            } catch (const std::exception&) {
                return text + " is not " + range;
            }
            if (!std::isfinite(v) || v > max || v < min || (openMin && v == min) || (openMax && v == max))
                return text + " is not " + range;
            return {};
        },
        range.substr(2));
}

inline CLI::Validator positiveInteger() { return integerIn(1); }
inline CLI::Validator nonNegativeInteger() { return integerIn(0); }
inline CLI::Validator positiveReal() { return realIn(0, INFINITY, true); }
inline CLI::Validator nonNegativeReal() { return realIn(0, INFINITY, false); }

} // namespace archscope::cli
