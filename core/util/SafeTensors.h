// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace archscope {

// The safetensors layout (huggingface.co/docs/safetensors): an 8-byte little-endian header length, a
// JSON header that gives each tensor's dtype, shape and byte range, then the tensors' raw little-endian
// bytes, packed in the order of their ranges. The header's "__metadata__" maps strings to strings.
// ArchScope adds one entry there, kTensorsChecksumKey: the CRC32C of all tensor bytes, as 8 hex
// digits, so that a changed byte inside a tensor is found before any tensor is made.
//
// Written here rather than taken from a library: the reference implementation is Rust (with Python
// bindings), Debian packages no C++ one, and the format is a length, a JSON object and byte ranges.
inline constexpr const char* kTensorsChecksumKey = "tensors_crc32c";
// The reference implementation's bound; a header is a few kilobytes per thousand tensors.
inline constexpr std::uint64_t kMaxSafeTensorsHeader = 100'000'000;
inline constexpr std::size_t kMaxTensorDims = 8;

enum class TensorDType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool };

std::size_t elementSize(TensorDType dtype);
const char* dtypeName(TensorDType dtype);

// One tensor of a file; `bytes` points into the file's bytes (reading) or the caller's (writing).
struct StoredTensor {
    std::string name;
    TensorDType dtype = TensorDType::F32;
    std::vector<std::int64_t> shape;
    std::string_view bytes;
};

struct SafeTensorsFile {
    std::map<std::string, std::string> metadata;
    std::vector<StoredTensor> tensors; // in the order of their bytes
};

// The file's bytes, tensors packed in the order given, metadata plus the checksum entry.
std::string writeSafeTensors(const std::map<std::string, std::string>& metadata, const std::vector<StoredTensor>& tensors);

// Checks everything before returning: the header's length and JSON, each entry's dtype, shape and
// range (inside the data, ranges packed without gaps or overlaps, a size that matches the shape), the
// metadata's strings, the checksum, and that every floating-point value is finite. Throws DataError
// naming `where` for the first problem found.
// The tensors' bytes stay in `bytes`, which must outlive the result.
SafeTensorsFile readSafeTensors(std::string_view bytes, const std::string& where);

} // namespace archscope
