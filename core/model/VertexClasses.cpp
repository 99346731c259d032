// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/VertexClasses.h"

#include "cell/Cell.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace archscope {

namespace {

// A vertex's class and its neighbours' classes, sorted, in and out apart: [class, #in, in..., #out, out...],
// -1 after the end.
using Signature = std::array<std::int32_t, 2 * kMaxVertices + 1>;

struct SignatureHash {
    std::size_t operator()(const Signature& s) const
    {
        return std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(s.data()), sizeof s));
    }
};

torch::Tensor int64Tensor(const std::vector<std::int64_t>& v)
{
    return torch::tensor(v, torch::kInt64);
}

} // namespace

std::int64_t VertexClasses::count() const
{
    return rounds.empty() ? kNumOpTypes : rounds.back().count;
}

VertexClasses VertexClasses::refine(const GraphTensors& graphs, int roundCount)
{
    const GraphTensors g = graphs.to(torch::kCPU);
    const std::int64_t cells = g.size();
    const std::int64_t n = g.ops.size(1);
    if (n > kMaxVertices)
        throw std::invalid_argument("vertex classes: cells of " + std::to_string(n) + " vertices (at most "
                                    + std::to_string(kMaxVertices) + ")");
    const torch::Tensor ops = g.ops.to(torch::kInt64).contiguous();
    const torch::Tensor adj = (g.adj > 0).contiguous();
    const torch::Tensor mask = (g.mask > 0).contiguous();
    const auto* op = ops.data_ptr<std::int64_t>();
    const auto* edge = adj.data_ptr<bool>();
    const auto* real = mask.data_ptr<bool>();

    const auto vertices = static_cast<std::size_t>(cells * n);
    std::vector<std::int32_t> colour(vertices, -1), next(vertices, -1);
    for (std::size_t i = 0; i < vertices; ++i)
        if (real[i])
            colour[i] = static_cast<std::int32_t>(op[i]);
    VertexClasses out;
    for (int r = 0; r < roundCount; ++r) {
        std::unordered_map<Signature, std::int32_t, SignatureHash> ids;
        std::vector<std::int64_t> self, in, inOffsets, outbound, outOffsets;
        std::vector<float> inDegree, outDegree;
        for (std::int64_t c = 0; c < cells; ++c) {
            const std::int64_t base = c * n;
            for (std::int64_t v = 0; v < n; ++v) {
                if (!real[base + v])
                    continue;
                Signature s;
                s.fill(-1);
                std::size_t at = 0;
                s[at++] = colour[static_cast<std::size_t>(base + v)];
                std::array<std::size_t, 2> counts{};
                for (const bool incoming : {true, false}) {
                    const std::size_t countAt = at++;
                    for (std::int64_t u = 0; u < n; ++u)
                        if (incoming ? edge[(base + u) * n + v] : edge[(base + v) * n + u])
                            s[at++] = colour[static_cast<std::size_t>(base + u)];
                    std::sort(s.begin() + static_cast<std::ptrdiff_t>(countAt + 1), s.begin() + static_cast<std::ptrdiff_t>(at));
                    counts[incoming ? 0 : 1] = at - countAt - 1;
                    s[countAt] = static_cast<std::int32_t>(counts[incoming ? 0 : 1]);
                }
                const auto [it, added] = ids.try_emplace(s, static_cast<std::int32_t>(ids.size()));
                next[static_cast<std::size_t>(base + v)] = it->second;
                if (!added)
                    continue;
                self.push_back(s[0]);
                inOffsets.push_back(static_cast<std::int64_t>(in.size()));
                in.insert(in.end(), s.begin() + 2, s.begin() + 2 + static_cast<std::ptrdiff_t>(counts[0]));
                outOffsets.push_back(static_cast<std::int64_t>(outbound.size()));
                const auto outAt = s.begin() + 3 + static_cast<std::ptrdiff_t>(counts[0]);
                outbound.insert(outbound.end(), outAt, outAt + static_cast<std::ptrdiff_t>(counts[1]));
                inDegree.push_back(static_cast<float>(counts[0]));
                outDegree.push_back(static_cast<float>(counts[1]));
            }
        }
        colour.swap(next);
        Round round;
        round.count = static_cast<std::int64_t>(ids.size());
        round.self = int64Tensor(self);
        round.in = int64Tensor(in);
        round.inOffsets = int64Tensor(inOffsets);
        round.out = int64Tensor(outbound);
        round.outOffsets = int64Tensor(outOffsets);
        round.inDegree = torch::tensor(inDegree).unsqueeze(1);
        round.outDegree = torch::tensor(outDegree).unsqueeze(1);
        out.rounds.push_back(std::move(round));
    }
    out.classOf = torch::empty({cells, n}, torch::kInt64);
    auto* classOf = out.classOf.data_ptr<std::int64_t>();
    const std::int64_t padding = out.count();
    for (std::size_t i = 0; i < vertices; ++i)
        classOf[i] = real[i] ? colour[i] : padding;
    return out;
}

VertexClasses VertexClasses::to(const torch::Device& device) const
{
    VertexClasses moved;
    moved.classOf = classOf.to(device);
    for (const Round& r : rounds)
        moved.rounds.push_back(Round{r.count, r.self.to(device), r.in.to(device), r.inOffsets.to(device), r.out.to(device),
                                     r.outOffsets.to(device), r.inDegree.to(device), r.outDegree.to(device)});
    return moved;
}

} // namespace archscope
