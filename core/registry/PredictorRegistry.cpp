// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "registry/PredictorRegistry.h"

#include "ghn/GhnPredictor.h"
#include "ghn/GhnTrainer.h"
#include "model/GnnPredictor.h"
#include "model/ModelArchive.h"
#include "train/GnnTrainer.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

namespace archscope {

namespace {

std::shared_ptr<Predictor> loadGnn(const ModelArchive& archive, const std::string& path)
{
    return GnnPredictor::readFrom(archive, path);
}

// One member, half the epochs and no label-free pre-training: about a sixth of the full run's time, a
// little lower τ (docs/BENCHMARKS.md).
TrainingConfig quickRun(TrainingConfig c)
{
    c.ensemble = 1;
    c.epochs = c.epochs / 2;
    c.pretrainingEpochs = 0;
    return c;
}

std::vector<PredictorKind> makeKinds()
{
    std::vector<PredictorKind> kinds;
    {
        PredictorKind k;
        k.id = GnnPredictor::kGnnKind;
        k.displayName = "GNN (Lukasik et al. 2020)";
        k.shortName = GnnPredictor::kGnnShortName;
        k.description = "graph neural network on the cell: message passing, gated-sum readout, MLP regressor";
        k.defaults = gnnTrainingDefaults();
        k.quick = quickRun(k.defaults);
        k.fitToSize = fitGnnRunToSize;
        k.load = loadGnn;
        k.train = trainGnnPredictor;
        kinds.push_back(std::move(k));
    }
    {
        PredictorKind k;
        k.id = GnnPredictor::kLatentKind;
        k.displayName = "VS-GAE latent predictor (Friede et al. 2019)";
        k.shortName = GnnPredictor::kLatentShortName;
        k.description = "MLP on a trained VS-GAE's frozen latent code (needs --latent-model); the climb follows it";
        k.takesLatentCode = true;
        k.defaults = gnnTrainingDefaults();
        k.defaults.model = k.id;
        k.defaults.pretrainingEpochs = 0; // its encoder is the VS-GAE's, frozen
        k.quick = quickRun(k.defaults);
        k.load = loadGnn;
        k.train = trainVsGaeLatentPredictor;
        kinds.push_back(std::move(k));
    }
    {
        PredictorKind k;
        k.id = GhnPredictor::kKind;
        k.displayName = "Graph HyperNetwork (Zhang et al. 2019)";
        k.shortName = "GHN";
        k.description = "generates a cell's network weights and scores it on images, without accuracy labels";
        k.scoresDatasets = false;
        k.labelFree = true;
        k.defaults = ghnTrainingDefaults();
        // A first GHN in minutes: a quarter of the images, one epoch, fewer probe cells.
        k.quick = k.defaults;
        k.quick.epochs = 1;
        k.quick.trainImages = 5000;
        k.quick.valSize = 12;
        k.load = [](const ModelArchive& archive, const std::string& path) -> std::shared_ptr<Predictor> {
            return GhnPredictor::readFrom(archive, path);
        };
        k.train = trainGhnPredictor;
        kinds.push_back(std::move(k));
    }
    return kinds;
}

} // namespace

const std::vector<PredictorKind>& predictorKinds()
{
    static const std::vector<PredictorKind> kinds = makeKinds();
    return kinds;
}

const PredictorKind* findPredictorKind(const std::string& id)
{
    for (const PredictorKind& k : predictorKinds())
        if (k.id == id)
            return &k;
    return nullptr;
}

bool scoresDatasets(const Predictor& predictor)
{
    const PredictorKind* k = findPredictorKind(predictor.kind());
    return !k || k->scoresDatasets;
}

const PredictorKind& predictorKind(const std::string& id)
{
    if (const PredictorKind* k = findPredictorKind(id))
        return *k;
    throw std::invalid_argument("unknown predictor kind \"" + id + "\" (known: " + predictorKindIds() + ")");
}

std::string predictorKindIds()
{
    std::string ids;
    for (const PredictorKind& k : predictorKinds())
        ids += (ids.empty() ? "" : ", ") + k.id;
    return ids;
}

std::shared_ptr<Predictor> loadPredictor(const std::string& path)
{
    return loadPredictor(openModelArchive(path), path);
}

std::shared_ptr<Predictor> loadPredictor(const ModelArchive& archive, const std::string& path)
{
    std::string kind;
    try {
        kind = nlohmann::json::parse(archive.requireString("config", path)).at("model").get<std::string>();
    } catch (const nlohmann::json::exception& e) {
        throw DataError(path + ": malformed model configuration: " + e.what());
    }
    for (const PredictorKind& k : predictorKinds())
        if (k.id == kind)
            return readingArchive(path, [&] { return k.load(archive, path); });
    throw DataError(path + ": a \"" + kind + "\" model, not a predictor (predictor kinds: " + predictorKindIds() + ")");
}

} // namespace archscope
