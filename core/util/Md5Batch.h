// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace archscope {

using Md5Digest = std::array<std::uint8_t, 16>;

// MD5 of many independent messages at once. One MD5 is a chain of dependent steps that OpenSSL
// already runs about as fast as a core allows, but eight messages of equal length can run side by
// side in the 32-bit lanes of an AVX2 register (sixteen in AVX-512's), which on the module hash's short
// messages is several times OpenSSL's throughput. Written here because no library packaged for Debian offers a
// multi-buffer MD5 (ISA-L's crypto part, which has one, is not packaged; OpenSSL's is one message at a
// time). Without AVX2, and for the few messages of a length no others share, OpenSSL computes them.
class Md5Batch {
public:
    // Queues a copy of `message`; run() writes its digest to *out.
    void add(std::string_view message, Md5Digest* out);
    // Queues a message of `length` bytes that the caller writes, before the next add or run, to the
    // returned buffer (saves building it elsewhere first).
    char* add(std::size_t length, Md5Digest* out);
    // Computes every queued digest and empties the queue.
    void run();
    std::size_t size() const { return items_.size(); }

    // How run() computes the digests: by OpenSSL one at a time, or 8 (AVX2) or 16 (AVX-512) side by side.
    enum class Lanes { OpenSsl, Avx2, Avx512 };
    // The widest this CPU has; what a new batch uses.
    static Lanes widest();
    static const char* name(Lanes lanes);
    // At most `lanes` (no wider than widest()): one cell's few messages are cheaper in OpenSSL, and
    // the tests compare every kind on one machine.
    void limitLanes(Lanes lanes) { lanes_ = std::min(lanes, widest()); }

private:
    struct Item {
        std::size_t offset;   // into padded_
        std::size_t length;   // the message's own length
        std::uint32_t blocks; // 64-byte blocks once padded
        Md5Digest* out;
    };
    std::vector<std::uint8_t> padded_; // each message followed by MD5's padding, whole blocks
    std::size_t used_ = 0;             // of padded_, which only grows: its bytes are not zeroed again
    std::vector<Item> items_;
    std::vector<std::size_t> order_;
    Lanes lanes_ = widest();
};

} // namespace archscope
