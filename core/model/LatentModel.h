// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "cell/ModuleHash.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archscope {

using LatentCode = std::vector<float>;

// What the decoder built from one latent code: the cell as generated (possibly invalid, for display)
// and, when it passes validateCell, its pruned form and hash.
struct DecodedCell {
    Cell raw;
    std::optional<Cell> cell;   // pruned; set exactly when the raw cell is valid
    ModuleHash hash;            // of `cell`; zero when invalid
    std::string problem;        // validateCell's message when invalid
    bool valid() const { return cell.has_value(); }
};

struct DecodeOptions {
    bool sample = false;        // false: most likely vertex type and edges; true: draw them
    std::uint64_t seed = 0;     // for sampled decoding
    // Keep each cell within NAS-Bench-101's limits: the 7th vertex can only be the output, and a cell
    // with more than 9 edges loses its least likely edges that the output does not depend on
    // (withinEdgeBudget). The model is trained on neither limit (every training cell obeys them), so
    // without this some prior samples come out too large; off shows the model's own validity.
    bool spaceLimits = true;
};

// A trained graph auto-encoder behind a LibTorch-free interface, so Qt code can encode cells to
// latent codes and decode codes to cells without including LibTorch. Calls are serialised per object
// and safe from any thread.
class LatentModel {
public:
    virtual ~LatentModel() = default;

    virtual std::string name() const = 0;
    virtual int latentDim() const = 0;
    // Latent means of valid, pruned cells (at most kMaxVertices vertices each).
    virtual std::vector<LatentCode> encode(const std::vector<Cell>& cells) const = 0;
    // Throws std::invalid_argument when a code does not have latentDim() entries.
    virtual std::vector<DecodedCell> decode(const std::vector<LatentCode>& codes,
                                            const DecodeOptions& options = {}) const = 0;
    // Per-dimension mean and standard deviation of the training cells' codes: the prior that
    // sampling draws from (as the reference implementation scales N(0, 1) to the training range).
    virtual const LatentCode& latentMean() const = 0;
    virtual const LatentCode& latentStd() const = 0;
    // Hashes of the training cells, sorted, for novelty.
    virtual const std::vector<ModuleHash>& trainingHashes() const = 0;
    virtual void save(const std::string& path) const = 0;
};

// Reads a model written by LatentModel::save or a VAE training checkpoint. Throws DataError naming the
// file and what is wrong, and loads nothing.
std::shared_ptr<LatentModel> loadLatentModel(const std::string& path);

// One line of a codes file (what `archscope-cli encode` prints, `decode` reads): {"z":[…]} with `dims`
// numbers, each finite as the float the model computes with (1e300 is a double but not a float); other
// keys are ignored. Throws DataError naming `where` (e.g. "codes.jsonl:3") and what is wrong.
LatentCode parseLatentCodeLine(std::string_view line, const std::string& where, int dims);
// Every non-blank line of a plain or gzip-compressed codes file. Throws DataError naming the file and
// line, std::runtime_error naming the file when it cannot be read.
std::vector<LatentCode> readLatentCodes(const std::string& path, int dims);

// `count` codes drawn from N(latentMean, latentStd^2), the same on every platform for a seed.
std::vector<LatentCode> samplePrior(const LatentModel& model, std::size_t count, std::uint64_t seed);

// `steps` points from a to b inclusive, evenly spaced on the straight line (steps >= 2).
std::vector<LatentCode> interpolate(const LatentCode& a, const LatentCode& b, int steps);

// The auto-encoder figures of Friede et al. (2019): reconstruction on given cells (greedy decode of
// the latent mean gives a cell with the input's hash), and validity, uniqueness and novelty of cells
// decoded from the prior. Uniqueness and novelty are fractions of the valid decodes; novel means
// not among the training cells.
struct LatentEvaluation {
    std::size_t n = 0;          // cells reconstructed
    double reconstruction = 0;
    std::size_t samples = 0;    // prior codes decoded
    double validity = 0;
    double uniqueness = 0;
    double novelty = 0;
};

LatentEvaluation evaluateLatentModel(const LatentModel& model, const std::vector<Cell>& cells, std::size_t samples,
                                     std::uint64_t seed, bool sampledDecoding = false, bool spaceLimits = true);
// The reconstruction part alone: fraction of `cells` decoded back to their own hash.
double reconstructionAccuracy(const LatentModel& model, const std::vector<Cell>& cells);

} // namespace archscope
