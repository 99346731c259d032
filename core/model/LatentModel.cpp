// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/LatentModel.h"

#include "util/Errors.h"
#include "util/TextFiles.h"
#include "util/JsonDepth.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <unordered_set>

namespace archscope {

namespace {

constexpr double kTwoPi = 6.283185307179586476925;

// Box-Muller on mt19937_64 words: std::normal_distribution's algorithm is implementation-defined,
// and a seed must give the same prior samples everywhere.
class PortableNormal {
public:
    explicit PortableNormal(std::uint64_t seed) : rng_(seed) {}
    double next()
    {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        const double u1 = (static_cast<double>(rng_() >> 11) + 1.0) * 0x1.0p-53; // (0, 1]
        const double u2 = static_cast<double>(rng_() >> 11) * 0x1.0p-53;         // [0, 1)
        const double r = std::sqrt(-2.0 * std::log(u1));
        spare_ = r * std::sin(kTwoPi * u2);
        hasSpare_ = true;
        return r * std::cos(kTwoPi * u2);
    }

private:
    std::mt19937_64 rng_;
    double spare_ = 0;
    bool hasSpare_ = false;
};

struct HashOf {
    std::size_t operator()(const ModuleHash& h) const
    {
        std::size_t x = 0;
        for (std::uint8_t b : h.bytes)
            x = x * 131 + b;
        return x;
    }
};

} // namespace

LatentCode parseLatentCodeLine(std::string_view line, const std::string& where, int dims)
{
    checkJsonDepth(line, where);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(line.begin(), line.end());
    } catch (const nlohmann::json::exception& e) {
        throw DataError(where + ": malformed JSON: " + e.what());
    }
    if (!j.is_object() || !j.contains("z") || !j["z"].is_array())
        throw DataError(where + ": expected {\"z\":[…]}");
    const nlohmann::json& z = j["z"];
    if (z.size() != static_cast<std::size_t>(dims))
        throw DataError(where + ": \"z\" has " + std::to_string(z.size()) + " numbers, the model's codes have "
                        + std::to_string(dims));
    LatentCode code;
    for (std::size_t i = 0; i < z.size(); ++i) {
        const double v = z[i].is_number() ? z[i].get<double>() : std::nan("");
        if (!std::isfinite(static_cast<float>(v)))
            throw DataError(where + ": z[" + std::to_string(i) + "] is " + z[i].dump() + ", not a finite float");
        code.push_back(static_cast<float>(v));
    }
    return code;
}

std::vector<LatentCode> readLatentCodes(const std::string& path, int dims)
{
    std::vector<LatentCode> codes;
    forEachJsonlLine(path, [&](const std::string& line, const std::string& where) {
        codes.push_back(parseLatentCodeLine(line, where, dims));
        return true;
    });
    return codes;
}

std::vector<LatentCode> samplePrior(const LatentModel& model, std::size_t count, std::uint64_t seed)
{
    const LatentCode& mean = model.latentMean();
    const LatentCode& stddev = model.latentStd();
    PortableNormal normal(seed);
    std::vector<LatentCode> codes(count, LatentCode(mean.size()));
    for (LatentCode& z : codes)
        for (std::size_t k = 0; k < z.size(); ++k)
            z[k] = static_cast<float>(mean[k] + stddev[k] * normal.next());
    return codes;
}

std::vector<LatentCode> interpolate(const LatentCode& a, const LatentCode& b, int steps)
{
    if (a.size() != b.size())
        throw std::invalid_argument("interpolate: the end points have " + std::to_string(a.size()) + " and "
                                    + std::to_string(b.size()) + " dimensions");
    if (steps < 2)
        throw std::invalid_argument("interpolate: at least 2 steps are needed, not " + std::to_string(steps));
    std::vector<LatentCode> path(static_cast<std::size_t>(steps), LatentCode(a.size()));
    for (int s = 0; s < steps; ++s) {
        const double t = static_cast<double>(s) / (steps - 1);
        for (std::size_t k = 0; k < a.size(); ++k)
            path[static_cast<std::size_t>(s)][k] = static_cast<float>((1.0 - t) * a[k] + t * b[k]);
    }
    return path;
}

double reconstructionAccuracy(const LatentModel& model, const std::vector<Cell>& cells)
{
    if (cells.empty())
        return 0.0;
    const std::vector<DecodedCell> decoded = model.decode(model.encode(cells));
    std::size_t same = 0;
    for (std::size_t i = 0; i < cells.size(); ++i)
        same += decoded[i].valid() && decoded[i].hash == moduleHash(cells[i]);
    return static_cast<double>(same) / static_cast<double>(cells.size());
}

LatentEvaluation evaluateLatentModel(const LatentModel& model, const std::vector<Cell>& cells, std::size_t samples,
                                     std::uint64_t seed, bool sampledDecoding, bool spaceLimits)
{
    LatentEvaluation e;
    e.n = cells.size();
    e.reconstruction = reconstructionAccuracy(model, cells);
    e.samples = samples;
    if (samples == 0)
        return e;
    DecodeOptions options;
    options.sample = sampledDecoding;
    options.seed = seed;
    options.spaceLimits = spaceLimits;
    const std::vector<DecodedCell> decoded = model.decode(samplePrior(model, samples, seed), options);
    std::unordered_set<ModuleHash, HashOf> unique;
    std::size_t valid = 0, novel = 0;
    const std::vector<ModuleHash>& training = model.trainingHashes();
    for (const DecodedCell& d : decoded) {
        if (!d.valid())
            continue;
        ++valid;
        unique.insert(d.hash);
        novel += !std::binary_search(training.begin(), training.end(), d.hash);
    }
    e.validity = static_cast<double>(valid) / static_cast<double>(samples);
    e.uniqueness = valid ? static_cast<double>(unique.size()) / static_cast<double>(valid) : 0.0;
    e.novelty = valid ? static_cast<double>(novel) / static_cast<double>(valid) : 0.0;
    return e;
}

} // namespace archscope
