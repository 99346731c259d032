#include "batch/Shards.h"

#include "util/TextFiles.h"
#include "util/Errors.h"
#include "util/InputFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>
#include <stdexcept>

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

std::string manifestPath(const std::string& output) { return output + ".shard.json"; }

void writeShardManifest(const std::string& output, const ShardManifest& m)
{
    const nlohmann::json j = {{"command", m.command}, {"format", m.format}, {"shard", m.index}, {"shards", m.count},
                              {"total", m.total}, {"first", m.first}, {"rows", m.rows}, {"inputs", m.inputs}};
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
    try {
        const auto j = nlohmann::json::parse(in);
        m.command = j.at("command");
        m.format = j.at("format");
        m.index = j.at("shard");
        m.count = j.at("shards");
        m.total = j.at("total");
        m.first = j.at("first");
        m.rows = j.at("rows");
        m.inputs = j.at("inputs");
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
    for (const auto& [file, m] : shards)
        if (m.command != first.command || m.format != first.format || m.count != first.count
            || m.total != first.total || m.inputs != first.inputs)
            throw DataError(file + ": not of the same job as " + firstFile + " (" + m.command + ", " + std::to_string(m.count)
                            + " shards of " + std::to_string(m.total) + " items against " + first.command + ", "
                            + std::to_string(first.count) + " of " + std::to_string(first.total) + ", or other inputs)");
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
