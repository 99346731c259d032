// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "batch/Shards.h"

#include "util/TextFiles.h"
#include "util/Errors.h"
#include "util/InputFile.h"
#include "util/JsonDepth.h"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

namespace archscope {

namespace {

bool parseNonNegative(const std::string& text, long long& value)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && !text.empty() && value >= 0;
}

long long environmentNumber(const std::function<const char*(const char*)>& getenv, const char* name, long long fallback)
{
    const char* text = getenv(name);
    if (!text)
        return fallback;
    long long value = 0;
    if (!parseNonNegative(text, value) || value > std::numeric_limits<int>::max())
        throw std::invalid_argument(std::string(name) + ": '" + text + "' is not a non-negative integer");
    return value;
}

std::string joined(const std::vector<int>& shards)
{
    std::string text;
    for (int s : shards)
        text += (text.empty() ? "" : ", ") + std::to_string(s);
    return text;
}

} // namespace

std::pair<std::uint64_t, std::uint64_t> Shard::range(std::uint64_t n) const
{
    // n * index fits: n counts items in memory, far below 2^64 / 2^31.
    const auto c = static_cast<std::uint64_t>(count);
    return {n * static_cast<std::uint64_t>(index) / c, n * static_cast<std::uint64_t>(index + 1) / c};
}

Shard parseShard(const std::string& text, const std::string& option)
{
    const auto slash = text.find('/');
    long long index = 0;
    long long count = 0;
    if (slash == std::string::npos || !parseNonNegative(text.substr(0, slash), index)
        || !parseNonNegative(text.substr(slash + 1), count) || count < 1 || count > std::numeric_limits<int>::max())
        throw std::invalid_argument(option + ": '" + text + "' is not I/N (shard I of N, I from 0 to N-1)");
    if (index >= count)
        throw std::invalid_argument(option + ": '" + text + "': the shard must be from 0 to " + std::to_string(count - 1));
    return {static_cast<int>(index), static_cast<int>(count), option};
}

Shard shardFromEnvironment(const std::function<const char*(const char*)>& getenv)
{
    if (!getenv("SLURM_ARRAY_TASK_ID") || !getenv("SLURM_ARRAY_TASK_COUNT"))
        return {};
    const long long id = environmentNumber(getenv, "SLURM_ARRAY_TASK_ID", 0);
    const long long count = environmentNumber(getenv, "SLURM_ARRAY_TASK_COUNT", 1);
    const long long min = environmentNumber(getenv, "SLURM_ARRAY_TASK_MIN", 0);
    const long long step = environmentNumber(getenv, "SLURM_ARRAY_TASK_STEP", 1);
    if (count < 1 || step < 1 || id < min || (id - min) % step != 0 || (id - min) / step >= count)
        throw std::invalid_argument("SLURM_ARRAY_TASK_ID " + std::to_string(id) + " is not a task of an array of "
                                    + std::to_string(count) + " from " + std::to_string(min) + " in steps of "
                                    + std::to_string(step));
    return {static_cast<int>((id - min) / step), static_cast<int>(count), "SLURM_ARRAY_TASK_ID"};
}

Shard chooseShard(const std::string& option, const std::function<const char*(const char*)>& getenv)
{
    return option.empty() ? shardFromEnvironment(getenv) : parseShard(option);
}

std::string shardOutputPath(const std::string& out, const Shard& shard)
{
    if (!shard.sharded())
        return out;
    // A shard writes a file of its own beside --out, and its manifest: beside /dev/null or a FIFO that
    // would be new files in /dev or wherever the pipe lives.
    try {
        requireRegularFile(out);
    } catch (const DataError& e) {
        throw std::invalid_argument("--out: " + std::string(e.what())
                                    + "; a shard writes its own file and manifest beside --out, so give a file name");
    }
    const std::string tag = ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
    const auto slash = out.find_last_of('/');
    const std::size_t nameStart = slash == std::string::npos ? 0 : slash + 1;
    std::size_t end = out.size();
    if (end - nameStart > 3 && out.compare(end - 3, 3, ".gz") == 0)
        end -= 3;
    const auto dot = out.find_last_of('.', end - 1);
    // A name's leading dot (".hidden") is not an extension.
    const std::size_t at = dot != std::string::npos && dot > nameStart && dot < end ? dot : end;
    return out.substr(0, at) + tag + out.substr(at);
}

std::string fileFingerprint(const std::string& path)
{
    requireRegularFile(path);
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw DataError(path + ": cannot open for reading");
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    bool ok = ctx && EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    std::vector<char> buffer(std::size_t(1) << 16);
    while (ok && in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        ok = EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(in.gcount())) == 1;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!(ok && in.eof() && EVP_DigestFinal_ex(ctx.get(), digest, &length)))
        throw DataError(path + ": cannot read it to the end");
    std::string hex(2 * length, '0');
    for (unsigned int i = 0; i < length; ++i)
        std::snprintf(&hex[2 * i], 3, "%02x", digest[i]);
    return hex;
}

std::string manifestPath(const std::string& output) { return output + ".shard.json"; }

void writeShardManifest(const std::string& output, const ShardManifest& m)
{
    const nlohmann::json j = {{"command", m.command}, {"format", m.format}, {"shard", m.index}, {"shards", m.count},
                              {"total", m.total}, {"first", m.first}, {"rows", m.rows}, {"inputs", m.inputs},
                              {"options", m.options}};
    const std::string path = manifestPath(output);
    writeLinesFile(path, {j.dump()});
}

ShardManifest readShardManifest(const std::string& output)
{
    const std::string path = manifestPath(output);
    requireRegularFile(path);
    std::ifstream in(path);
    if (!in)
        throw DataError(path + ": cannot open (every shard's output has its manifest beside it)");
    ShardManifest m;
    // A count as written: nlohmann's conversion to int would take 4294967297 as 1 and 2.5 as 2.
    const auto count = [&path](const nlohmann::json& j, const char* key, std::uint64_t max) {
        const nlohmann::json& v = j.at(key);
        if (!v.is_number_unsigned() || v.get<std::uint64_t>() > max)
            throw DataError(path + ": not a shard manifest: \"" + key + "\" is " + (v.is_primitive() ? v.dump() : "not a number")
                            + ", expected an integer from 0 to " + std::to_string(max));
        return v.get<std::uint64_t>();
    };
    try {
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        checkJsonDepth(text, path);
        const auto j = nlohmann::json::parse(text);
        m.command = j.at("command");
        m.format = j.at("format");
        constexpr auto kMaxShards = static_cast<std::uint64_t>(std::numeric_limits<int>::max());
        m.index = static_cast<int>(count(j, "shard", kMaxShards));
        m.count = static_cast<int>(count(j, "shards", kMaxShards));
        m.total = count(j, "total", std::numeric_limits<std::uint64_t>::max());
        m.first = count(j, "first", std::numeric_limits<std::uint64_t>::max());
        m.rows = count(j, "rows", std::numeric_limits<std::uint64_t>::max());
        m.inputs = j.at("inputs");
        m.options = j.value("options", std::string());
    } catch (const nlohmann::json::exception& e) {
        throw DataError(path + ": not a shard manifest: " + e.what());
    }
    if (m.count < 1 || m.index < 0 || m.index >= m.count || (m.format != "csv" && m.format != "jsonl"))
        throw DataError(path + ": not a shard manifest: shard " + std::to_string(m.index) + " of "
                        + std::to_string(m.count) + ", format '" + m.format + "'");
    return m;
}

std::vector<std::pair<std::string, ShardManifest>>
completeShards(std::vector<std::pair<std::string, ShardManifest>> shards)
{
    if (shards.empty())
        throw DataError("merge: no shard outputs given");
    const auto& [firstFile, first] = shards.front();
    for (const auto& [file, m] : shards) {
        if (m.command != first.command || m.format != first.format || m.count != first.count
            || m.total != first.total || m.inputs != first.inputs)
            throw DataError(file + ": not of the same job as " + firstFile + " (" + m.command + ", " + std::to_string(m.count)
                            + " shards of " + std::to_string(m.total) + " items against " + first.command + ", "
                            + std::to_string(first.count) + " of " + std::to_string(first.total) + ", or other inputs)");
        if (m.options != first.options)
            throw DataError(file + ": not of the same job as " + firstFile + ": made with other options or another model ("
                            + (m.options.empty() ? std::string("none recorded") : m.options) + " against "
                            + (first.options.empty() ? std::string("none recorded") : first.options) + ")");
    }
    std::stable_sort(shards.begin(), shards.end(), [](const auto& a, const auto& b) { return a.second.index < b.second.index; });
    for (std::size_t i = 1; i < shards.size(); ++i)
        if (shards[i].second.index == shards[i - 1].second.index)
            throw DataError("merge: shard " + std::to_string(shards[i].second.index) + " is given twice: "
                            + shards[i - 1].first + " and " + shards[i].first);
    std::vector<int> missing;
    for (int s = 0, at = 0; s < first.count; ++s) {
        if (at < static_cast<int>(shards.size()) && shards[static_cast<std::size_t>(at)].second.index == s)
            ++at;
        else
            missing.push_back(s);
    }
    if (!missing.empty())
        throw DataError("merge: shard" + std::string(missing.size() > 1 ? "s " : " ") + joined(missing) + " of "
                        + std::to_string(first.count) + " missing (of " + first.command + " over " + std::to_string(first.total)
                        + " items)");
    for (const auto& [file, m] : shards) {
        const auto [begin, end] = Shard{m.index, m.count, "manifest"}.range(m.total);
        if (m.first != begin || m.rows != end - begin)
            throw DataError(file + ": shard " + std::to_string(m.index) + " of " + std::to_string(m.count) + " should hold items "
                            + std::to_string(begin) + " to " + std::to_string(end) + ", its manifest says "
                            + std::to_string(m.rows) + " rows from " + std::to_string(m.first));
    }
    return shards;
}

} // namespace archscope
