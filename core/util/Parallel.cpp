// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "util/Parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace archscope {

int resolveThreads(int requested)
{
    if (requested > 0)
        return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

void parallelFor(std::size_t n, std::size_t grain, int threads,
                 const std::function<void(std::size_t, std::size_t)>& body)
{
    grain = std::max<std::size_t>(grain, 1);
    const std::size_t chunks = (n + grain - 1) / grain;
    const int workers = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(resolveThreads(threads)), chunks));
    std::atomic<std::size_t> nextChunk{0};
    std::exception_ptr error;
    std::mutex errorMutex;
    auto run = [&] {
        for (;;) {
            const std::size_t c = nextChunk.fetch_add(1);
            if (c >= chunks)
                return;
            try {
                body(c * grain, std::min(n, (c + 1) * grain));
            } catch (...) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (!error)
                    error = std::current_exception();
                nextChunk.store(chunks);
                return;
            }
        }
    };
    if (workers <= 1) {
        run();
    } else {
        std::vector<std::thread> pool;
        try {
            for (int t = 1; t < workers; ++t)
                pool.emplace_back(run);
        } catch (...) {
            // No thread under a memory limit (std::system_error): a joinable thread destroyed by the
            // unwinding would end the process, so the ones running finish first.
            nextChunk.store(chunks);
            for (auto& t : pool)
                t.join();
            throw;
        }
        run();
        for (auto& t : pool)
            t.join();
    }
    if (error)
        std::rethrow_exception(error);
}

} // namespace archscope
