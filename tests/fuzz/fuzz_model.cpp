// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target: the model-file loader. Each input is read as a model file's bytes
// (readModelArchive: the safetensors layout, ArchScope's format and the checksum), then by the
// predictor loader (loadPredictor) and the VS-GAE loader (VsGaeLatentModel::readFrom), as
// loadPredictor(path) and loadLatentModel(path) do after mapping the file. A model that loads must
// also answer: a prediction for a small cell (which reads the budget and the configuration the file
// gave), or an encode and decode. DataError is the loaders' (and a prediction's) answer to a bad file;
// anything else is a finding, and so is a non-finite prediction.
#include "model/ModelArchive.h"
#include "model/VsGaeLatent.h"
#include "registry/PredictorRegistry.h"
#include "util/Errors.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

using namespace archscope;

namespace {

const std::string kWhere = "fuzz input";

const Cell& smallCell()
{
    static const Cell cell({Op::Input, Op::Conv3x3, Op::MaxPool3x3, Op::Output},
                           {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}});
    return cell;
}

void loadPredictorFrom(const ModelArchive& archive)
{
    std::shared_ptr<Predictor> predictor;
    try {
        predictor = loadPredictor(archive, kWhere);
    } catch (const DataError&) {
        return;
    }
    std::vector<float> predicted;
    try {
        predicted = predictor->predict({smallCell()});
    } catch (const DataError&) {
        // Weights that pass every check (libFuzzer fixes the checksum) can still overflow; the
        // predictor says so rather than answering NaN.
        return;
    }
    for (float p : predicted)
        if (!std::isfinite(p)) {
            std::fprintf(stderr, "a loaded %s model predicts %g\n", predictor->kind().c_str(), static_cast<double>(p));
            std::abort();
        }
}

void loadLatentModelFrom(const ModelArchive& archive)
{
    std::shared_ptr<LatentModel> model;
    try {
        model = readingArchive(kWhere, [&] { return VsGaeLatentModel::readFrom(archive, kWhere); });
    } catch (const DataError&) {
        return;
    }
    model->decode(model->encode({smallCell()}));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    ModelArchive archive;
    try {
        archive = readModelArchive(std::string_view(reinterpret_cast<const char*>(data), size), kWhere);
    } catch (const DataError&) {
        return 0;
    }
    loadPredictorFrom(archive);
    loadLatentModelFrom(archive);
    return 0;
}
