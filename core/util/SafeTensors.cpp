// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/SafeTensors.h"

#include "util/Crc32c.h"
#include "util/Errors.h"
#include "util/JsonDepth.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>

namespace archscope {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "safetensors' bytes are little-endian, as this machine's must be");

namespace {

struct DTypeInfo {
    TensorDType dtype;
    const char* name;
    std::size_t size;
};

constexpr DTypeInfo kDTypes[] = {
    {TensorDType::F64, "F64", 8}, {TensorDType::F32, "F32", 4}, {TensorDType::F16, "F16", 2},
    {TensorDType::BF16, "BF16", 2}, {TensorDType::I64, "I64", 8}, {TensorDType::I32, "I32", 4},
    {TensorDType::I16, "I16", 2}, {TensorDType::I8, "I8", 1}, {TensorDType::U8, "U8", 1},
    {TensorDType::Bool, "BOOL", 1},
};

const DTypeInfo& info(TensorDType dtype)
{
    for (const DTypeInfo& d : kDTypes)
        if (d.dtype == dtype)
            return d;
    throw std::logic_error("unknown tensor dtype");
}

std::string checksumText(std::uint32_t crc)
{
    char text[9];
    std::snprintf(text, sizeof text, "%08x", crc);
    return text;
}

// Errors quote names from the file: at most this much, so that a crafted name cannot flood a line.
std::string shownName(const std::string& name)
{
    constexpr std::size_t kShown = 60;
    return "\"" + (name.size() > kShown ? name.substr(0, kShown) + "…" : name) + "\"";
}

// Whether every value of a floating-point tensor is finite (integers always are): NaN and infinity
// have an all-ones exponent in every IEEE format.
bool allFinite(TensorDType dtype, std::string_view bytes)
{
    auto check = [&](auto bits, std::uint64_t exponent) {
        using Bits = decltype(bits);
        for (std::size_t at = 0; at + sizeof(Bits) <= bytes.size(); at += sizeof(Bits)) {
            std::memcpy(&bits, bytes.data() + at, sizeof(Bits));
            if ((static_cast<std::uint64_t>(bits) & exponent) == exponent)
                return false;
        }
        return true;
    };
    switch (dtype) {
    case TensorDType::F64: return check(std::uint64_t{}, 0x7ff0000000000000ull);
    case TensorDType::F32: return check(std::uint32_t{}, 0x7f800000u);
    case TensorDType::F16: return check(std::uint16_t{}, 0x7c00u);
    case TensorDType::BF16: return check(std::uint16_t{}, 0x7f80u);
    default: return true;
    }
}

} // namespace

std::size_t elementSize(TensorDType dtype) { return info(dtype).size; }
const char* dtypeName(TensorDType dtype) { return info(dtype).name; }

std::string writeSafeTensors(const std::map<std::string, std::string>& metadata, const std::vector<StoredTensor>& tensors)
{
    nlohmann::json header = nlohmann::json::object();
    std::uint64_t offset = 0;
    std::string data;
    for (const StoredTensor& t : tensors) {
        if (t.name == "__metadata__" || t.name.empty())
            throw std::invalid_argument("safetensors: a tensor cannot be named " + shownName(t.name));
        std::uint64_t count = 1;
        for (std::int64_t d : t.shape)
            count *= static_cast<std::uint64_t>(d);
        if (count * elementSize(t.dtype) != t.bytes.size())
            throw std::invalid_argument("safetensors: tensor " + shownName(t.name) + " has " + std::to_string(t.bytes.size())
                                        + " bytes, not what its shape and dtype need");
        header[t.name] = {{"dtype", dtypeName(t.dtype)}, {"shape", t.shape}, {"data_offsets", {offset, offset + t.bytes.size()}}};
        offset += t.bytes.size();
        data.append(t.bytes);
    }
    nlohmann::json meta = metadata;
    meta[kTensorsChecksumKey] = checksumText(crc32c(data.data(), data.size()));
    header["__metadata__"] = meta;
    std::string text = header.dump();
    // Padded with spaces to a multiple of 8, as the reference writer does, so that the tensors start
    // aligned when the file is mapped.
    text.append((8 - text.size() % 8) % 8, ' ');
    std::string out(8, '\0');
    const std::uint64_t length = text.size();
    for (int i = 0; i < 8; ++i)
        out[static_cast<std::size_t>(i)] = static_cast<char>((length >> (8 * i)) & 0xff);
    out += text;
    out += data;
    return out;
}

SafeTensorsFile readSafeTensors(std::string_view bytes, const std::string& where)
{
    auto fail = [&](const std::string& what) { return DataError(where + ": " + what); };
    if (bytes.size() < 8)
        throw fail("not a model file: " + std::to_string(bytes.size()) + " bytes, shorter than a safetensors header");
    std::uint64_t length = 0;
    for (int i = 7; i >= 0; --i)
        length = (length << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
    if (length > kMaxSafeTensorsHeader || length > bytes.size() - 8)
        throw fail("header length " + std::to_string(length) + " runs past the file's " + std::to_string(bytes.size())
                   + " bytes (truncated, or not a model file)");
    const std::string_view text = bytes.substr(8, static_cast<std::size_t>(length));
    if (text.empty() || text.front() != '{')
        throw fail("not a model file: the header is not a JSON object");
    checkJsonDepth(text, where + ": header");
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw fail("malformed header: " + std::string(e.what()));
    }
    if (!header.is_object())
        throw fail("not a model file: the header is not a JSON object");
    const std::string_view data = bytes.substr(8 + static_cast<std::size_t>(length));

    SafeTensorsFile file;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__") {
            if (!entry.is_object())
                throw fail("\"__metadata__\" is not an object");
            for (const auto& [key, value] : entry.items()) {
                if (!value.is_string())
                    throw fail("metadata entry " + shownName(key) + " is not a string");
                file.metadata[key] = value.get<std::string>();
            }
            continue;
        }
        const std::string what = "tensor " + shownName(name);
        if (!entry.is_object() || !entry.contains("dtype") || !entry.contains("shape") || !entry.contains("data_offsets"))
            throw fail(what + " lacks its dtype, shape or data_offsets");
        StoredTensor t;
        t.name = name;
        const nlohmann::json& dtype = entry.at("dtype");
        const DTypeInfo* found = nullptr;
        for (const DTypeInfo& d : kDTypes)
            if (dtype.is_string() && dtype.get<std::string>() == d.name)
                found = &d;
        if (!found)
            throw fail(what + " has an unknown dtype");
        t.dtype = found->dtype;
        const nlohmann::json& shape = entry.at("shape");
        if (!shape.is_array() || shape.size() > kMaxTensorDims)
            throw fail(what + ": the shape is not a list of at most " + std::to_string(kMaxTensorDims) + " sizes");
        std::uint64_t count = 1;
        for (const nlohmann::json& d : shape) {
            if (!d.is_number_unsigned() || d.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                throw fail(what + ": a size in its shape is not a non-negative integer");
            const std::uint64_t size = d.get<std::uint64_t>();
            if (size != 0 && count > data.size() / size)
                count = data.size() + 1; // more elements than the data has bytes: reported below
            else
                count *= size;
            t.shape.push_back(static_cast<std::int64_t>(size));
        }
        const nlohmann::json& offsets = entry.at("data_offsets");
        if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() || !offsets[1].is_number_unsigned())
            throw fail(what + ": data_offsets is not a pair of non-negative integers");
        const auto begin = offsets[0].get<std::uint64_t>();
        const auto end = offsets[1].get<std::uint64_t>();
        if (begin > end || end > data.size())
            throw fail(what + ": bytes " + std::to_string(begin) + " to " + std::to_string(end) + " lie outside the "
                       + std::to_string(data.size()) + " bytes of tensor data (truncated?)");
        if (count > data.size() || count * found->size != end - begin)
            throw fail(what + ": its shape and dtype need another size than its " + std::to_string(end - begin) + " bytes");
        t.bytes = data.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
        // A bool that is neither 0 nor 1 is undefined behaviour once it is read as a bool.
        if (t.dtype == TensorDType::Bool
            && std::any_of(t.bytes.begin(), t.bytes.end(), [](char b) { return b != 0 && b != 1; }))
            throw fail(what + " holds a BOOL byte that is neither 0 nor 1");
        ranges.emplace_back(begin, end);
        file.tensors.push_back(std::move(t));
    }
    // Packed: every byte of the data belongs to exactly one tensor, as the reference reader requires.
    std::vector<std::size_t> order(file.tensors.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ranges[a] < ranges[b]; });
    std::uint64_t next = 0;
    std::vector<StoredTensor> sorted;
    for (std::size_t i : order) {
        if (ranges[i].first != next)
            throw fail("tensor " + shownName(file.tensors[i].name) + " starts at byte " + std::to_string(ranges[i].first)
                       + ", not at " + std::to_string(next) + " (the ranges overlap or leave a gap)");
        next = ranges[i].second;
        sorted.push_back(std::move(file.tensors[i]));
    }
    if (next != data.size())
        throw fail("the tensors end at byte " + std::to_string(next) + " of " + std::to_string(data.size())
                   + " bytes of tensor data (trailing bytes)");
    file.tensors = std::move(sorted);

    const auto checksum = file.metadata.find(kTensorsChecksumKey);
    if (checksum == file.metadata.end())
        throw fail("no \"" + std::string(kTensorsChecksumKey) + "\" in the header's metadata");
    if (checksum->second != checksumText(crc32c(data.data(), data.size())))
        throw fail("the tensors' checksum does not match (the file is damaged or was changed)");
    for (const StoredTensor& t : file.tensors)
        if (!allFinite(t.dtype, t.bytes))
            throw fail("tensor " + shownName(t.name) + " holds NaN or infinity, which no trained model has");
    return file;
}

} // namespace archscope
