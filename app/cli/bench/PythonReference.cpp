// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "bench/PythonReference.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace archscope::cli {

namespace {

// The arguments go through the shell: each one single-quoted.
std::string quoted(const std::string& s)
{
    std::string q = "'";
    for (const char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

} // namespace

std::optional<nlohmann::json> runPythonReference(const std::string& name, const std::string& script,
                                                 const std::vector<std::string>& args, int threads,
                                                 ReferenceRuntime runtime, std::string& why)
{
    const std::filesystem::path file = std::filesystem::temp_directory_path() / ("archscope-" + name + "-reference.py");
    std::ofstream(file) << script;
    const std::string t = std::to_string(std::max(1, threads));
    // Debian's interpreter first: python3-torch is installed for it, not for one earlier on the PATH.
    const char* env = std::getenv("ARCHSCOPE_PYTHON");
    const std::string python = env ? env : std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const std::string allocator = runtime == ReferenceRuntime::AsStarted
                                      ? ""
                                      : "GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=1073741824:glibc.malloc.arena_max=1 ";
    const std::string torchThreads = runtime == ReferenceRuntime::SameAllocatorAndThreads ? "1" : t;
    std::string command = allocator + "OMP_NUM_THREADS=" + torchThreads + " OPENBLAS_NUM_THREADS=" + t + " " + python
                          + " " + quoted(file.string()) + " " + torchThreads;
    for (const std::string& a : args)
        command += " " + quoted(a);
    command += " 2>&1";
    std::FILE* p = popen(command.c_str(), "r");
    std::string output;
    char buffer[4096];
    while (p && std::fgets(buffer, sizeof buffer, p))
        output += buffer;
    const int status = p ? pclose(p) : -1;
    std::filesystem::remove(file);
    try {
        if (status == 0)
            return nlohmann::json::parse(output.substr(output.rfind('{')));
    } catch (const std::exception&) {
    }
    while (!output.empty() && output.back() == '\n')
        output.pop_back();
    why = output.empty() ? python + " did not run" : python + ": " + output.substr(output.rfind('\n') + 1);
    return std::nullopt;
}

} // namespace archscope::cli
