// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"

#include "metrics/Metrics.h"
#include "model/LatentAscent.h"
#include "model/ModelArchive.h"
#include "model/VsGaeLatent.h"
#include "registry/PredictorRegistry.h"
#include "registry/Trainer.h"
#include "train/VsGaeTrainer.h"
#include "util/Errors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <atomic>
#include <fstream>

using namespace archscope;

namespace {

VsGaeConfig smallConfig()
{
    VsGaeConfig c;
    c.nodeDim = 16;
    c.graphDim = 8;
    return c;
}

// A short CPU training on the sample's cells only (no space cells), at the smallest sizes unless a test widens them.
VsGaeTrainingConfig quickVsGaeConfig(std::size_t trainSize, int epochs, int batchSize)
{
    VsGaeTrainingConfig c;
    c.trainSize = trainSize;
    c.valSize = 16;
    c.spaceCells = 0;
    c.epochs = epochs;
    c.batchSize = batchSize;
    c.nodeDim = 16;
    c.graphDim = 8;
    c.device = "cpu";
    c.threads = 1;
    c.priorSamples = 10;
    return c;
}

std::vector<Cell> sampleCells(std::size_t count, std::size_t offset = 0)
{
    std::vector<Cell> cells;
    for (std::size_t i = offset; i < offset + count; ++i)
        cells.push_back(test::sample()[i].cell);
    return cells;
}

// One short run on 64 cells shared by the tests that need a trained model: enough steps for the
// model to learn its training cells by heart (about 40 s on 2 busy cores). One thread: with batches
// this small, a second one costs more in synchronisation than it brings.
struct TrainedRun {
    VsGaeTrainingResult result;
    std::vector<Cell> train;
};

const TrainedRun& trainedRun()
{
    static const TrainedRun run = [] {
        VsGaeTrainingConfig config = quickVsGaeConfig(64, 140, 16);
        config.learningRate = 5e-3;
        config.nodeDim = 32;
        config.graphDim = 16;
        config.priorSamples = 20;
        TrainedRun r;
        r.result = trainVsGae(config, test::sample(), {});
        for (std::size_t i : r.result.split.train)
            r.train.push_back(test::sample()[i].cell);
        return r;
    }();
    return run;
}

// A VS-GAE predictor (an MLP on the frozen code of the trained run's model), saved beside it.
struct LatentPredictorRun {
    QTemporaryDir dir;
    std::string vaePath;
    TrainingResult result;
};

const LatentPredictorRun& latentPredictorRun()
{
    static LatentPredictorRun run;
    static const bool trained = [] {
        run.vaePath = run.dir.filePath("vae.safetensors").toStdString();
        trainedRun().result.model->save(run.vaePath);
        TrainingConfig config;
        config.model = "vsgae-latent";
        config.latentModelPath = run.vaePath;
        config.trainSize = 400;
        config.valSize = 200;
        config.epochs = 40;
        config.batchSize = 32;
        config.learningRate = 1e-2;
        config.ensemble = 2;
        config.device = "cpu";
        config.threads = 1;
        run.result = trainPredictor(config, test::sample(), {});
        return true;
    }();
    Q_UNUSED(trained);
    return run;
}

} // namespace

class TestVsGae : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Training checks the sizes before it starts: it used to write models its own loader refused.
    void trainingRefusesSizesTheLoaderRefuses_data()
    {
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("graphDim");
        QTest::newRow("17 layers") << 17 << 16;
        QTest::newRow("graph dimension 5000") << 2 << 5000;
    }

    void trainingRefusesSizesTheLoaderRefuses()
    {
        QFETCH(int, layers);
        QFETCH(int, graphDim);
        VsGaeTrainingConfig config = quickVsGaeConfig(32, 1, 16);
        config.layers = layers;
        config.graphDim = graphDim;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, trainVsGae(config, test::sample(), {}));
    }

    // The codes reader of `decode` (and of fuzz_codes): every line that is not a code of the model's
    // size with finite float values is one error naming the line.
    void codeLinesAreCheckedAsTheyAreRead_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("error");
        QTest::newRow("a code") << "{\"hash\":\"x\",\"z\":[0.5,-1e-3,2]}" << "";
        QTest::newRow("malformed") << "{\"z\":[0.5," << "codes:7: malformed JSON";
        QTest::newRow("no z") << "{\"code\":[1,2,3]}" << "codes:7: expected {\"z\":[…]}";
        QTest::newRow("too short") << "{\"z\":[1,2]}" << "codes:7: \"z\" has 2 numbers, the model's codes have 3";
        QTest::newRow("a string") << "{\"z\":[1,\"2\",3]}" << "codes:7: z[1] is \"2\", not a finite float";
        QTest::newRow("1e300") << "{\"z\":[1,2,1e300]}" << "codes:7: z[2] is 1e+300, not a finite float";
    }

    void codeLinesAreCheckedAsTheyAreRead()
    {
        QFETCH(QString, line);
        QFETCH(QString, error);
        try {
            const LatentCode code = parseLatentCodeLine(line.toStdString(), "codes:7", 3);
            QVERIFY2(error.isEmpty(), "a bad line was read as a code");
            QCOMPARE(code, (LatentCode{0.5f, -1e-3f, 2.0f}));
        } catch (const DataError& e) {
            QVERIFY2(!error.isEmpty(), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(error), e.what());
        }
    }

    void initTestCase()
    {
        torch::manual_seed(3);
        torch::set_num_threads(2);
    }

    void shapesAndPaddingMasks()
    {
        VsGae model(smallConfig());
        model->eval();
        const std::vector<Cell> cells = sampleCells(12);
        const GraphTensors g = encodeCells(cells);
        torch::NoGradGuard noGrad;
        const auto [mean, logVar] = model->encoder->forward(g);
        QCOMPARE(mean.sizes(), (std::vector<std::int64_t>{12, 8}));
        QCOMPARE(logVar.sizes(), (std::vector<std::int64_t>{12, 8}));
        const torch::Tensor batchLoss = model->decoder->loss(mean, g);
        QCOMPARE(batchLoss.sizes(), (std::vector<std::int64_t>{12}));
        // Each cell's loss is the same alone as in a padded batch with cells of other sizes.
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const GraphTensors one = encodeCells({cells[i]});
            const torch::Tensor alone = model->decoder->loss(model->encoder->forward(one).first, one);
            QVERIFY2(torch::allclose(alone, batchLoss.slice(0, static_cast<std::int64_t>(i), static_cast<std::int64_t>(i) + 1),
                                     1e-4, 1e-5),
                     qPrintable(QString("cell %1 with %2 vertices").arg(i).arg(cells[i].numVertices())));
        }
        const DecodedTensors d = model->decoder->decode(mean, false);
        QCOMPARE(d.ops.sizes(), (std::vector<std::int64_t>{12, kMaxVertices}));
        QCOMPARE(d.adj.sizes(), (std::vector<std::int64_t>{12, kMaxVertices, kMaxVertices}));
        QVERIFY(torch::equal(d.adj, d.adj.triu(1)));
        const torch::Tensor counts = d.counts;
        QVERIFY(((counts == 0) | ((counts >= 2) & (counts <= kMaxVertices))).all().item<bool>());
    }

    void seventhVertexIsTheOutputWithinTheSpace()
    {
        VsGae model(smallConfig());
        model->eval();
        torch::NoGradGuard noGrad;
        const torch::Tensor z = torch::randn({256, smallConfig().graphDim});
        // Same generator seed: the draws match up to the last vertex, whose type the limit replaces.
        const DecodedTensors free = model->decoder->decode(z, true, false, at::detail::createCPUGenerator(7));
        const DecodedTensors held = model->decoder->decode(z, true, true, at::detail::createCPUGenerator(7));
        const torch::Tensor open = free.counts == 0;
        const std::int64_t openCount = open.sum().item<std::int64_t>();
        QVERIFY2(openCount > 0, "the untrained decoder should run past 7 vertices for some codes");
        QVERIFY(!(held.counts == 0).any().item<bool>());
        QVERIFY(torch::equal(held.counts.masked_select(open), torch::full({openCount}, kMaxVertices, torch::kInt64)));
        QVERIFY((held.ops.select(1, kMaxVertices - 1).masked_select(open) == static_cast<std::int64_t>(Op::Output)).all().item<bool>());
        QVERIFY(torch::equal(held.ops.index({~open}), free.ops.index({~open})));
        QVERIFY(torch::equal(held.adj.index({~open}), free.adj.index({~open})));
    }

    void teacherForcedLossDecreases()
    {
        VsGae model(smallConfig());
        const GraphTensors g = encodeCells(sampleCells(64));
        torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(3e-3));
        double first = 0, last = 0;
        for (int step = 0; step < 60; ++step) {
            const torch::Tensor loss = model->forward(g).total;
            (step == 0 ? first : last) = loss.item<double>();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        QVERIFY2(last < 0.6 * first, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
    }

    void trainingReconstructsMostTrainingCells()
    {
        const TrainedRun& run = trainedRun();
        QVERIFY2(run.result.ok(), run.result.stopReason.c_str());
        QCOMPARE(QString::fromStdString(run.result.stopReason), QString("completed"));
        QCOMPARE(run.train.size(), std::size_t(64));
        const double accuracy = reconstructionAccuracy(*run.result.model, run.train);
        QVERIFY2(accuracy >= 0.8, qPrintable(QString("reconstruction %1").arg(accuracy)));
        const EpochEvent& lastEpoch = run.result.history.back();
        QVERIFY(lastEpoch.trainLoss < run.result.history.front().trainLoss);
        QVERIFY(lastEpoch.reconstruction >= 0 && lastEpoch.reconstruction <= 1);
    }

    void decodedCellsAreValidatedAndPruned()
    {
        const LatentModel& model = *trainedRun().result.model;
        std::size_t valid = 0;
        for (const bool sampled : {false, true}) {
            for (const DecodedCell& d : model.decode(samplePrior(model, 300, 1), {sampled, 5})) {
                // The edge limit counts the edges that survive pruning.
                const CellValidation check = validateCell(d.raw);
                QVERIFY2(check.rule != CellRule::TooManyEdges, check.message.c_str());
                QCOMPARE(d.valid(), check.ok());
                if (d.valid()) {
                    ++valid;
                    QCOMPARE(*d.cell, *pruneCell(d.raw));
                    QCOMPARE(d.hash, moduleHash(*d.cell));
                    QVERIFY(validateCell(*d.cell).ok());
                } else {
                    QCOMPARE(QString::fromStdString(d.problem), QString::fromStdString(check.message));
                }
            }
        }
        QVERIFY2(valid > 300, qPrintable(QString("%1 of 600 prior decodes valid").arg(valid)));
    }

    void interpolationEndpointsDecodeToEndpointCells()
    {
        const LatentModel& model = *trainedRun().result.model;
        // Two training cells that the model reconstructs, with different hashes.
        std::vector<Cell> ends;
        const std::vector<Cell>& train = trainedRun().train;
        const std::vector<DecodedCell> decoded = model.decode(model.encode(train));
        for (std::size_t i = 0; i < train.size() && ends.size() < 2; ++i)
            if (decoded[i].valid() && decoded[i].hash == moduleHash(train[i])
                && (ends.empty() || moduleHash(ends[0]) != moduleHash(train[i])))
                ends.push_back(train[i]);
        QCOMPARE(ends.size(), std::size_t(2));
        const std::vector<LatentCode> z = model.encode(ends);
        const std::vector<LatentCode> path = interpolate(z[0], z[1], 7);
        QCOMPARE(path.size(), std::size_t(7));
        QCOMPARE(path.front(), z[0]);
        QCOMPARE(path.back(), z[1]);
        const std::vector<DecodedCell> strip = model.decode(path);
        QVERIFY(strip.front().valid() && strip.back().valid());
        QCOMPARE(strip.front().hash, moduleHash(ends[0]));
        QCOMPARE(strip.back().hash, moduleHash(ends[1]));
    }

    void latentPredictorReadsTheFrozenCode()
    {
        const LatentPredictorRun& run = latentPredictorRun();
        QVERIFY2(run.result.ok(), run.result.stopReason.c_str());
        const LatentModel& vae = *trainedRun().result.model;
        const Predictor& predictor = *run.result.predictor;
        QVERIFY(QString::fromStdString(predictor.name()).startsWith("VS-GAE latent"));
        // The encoder stayed the VS-GAE's: scoring through the codes and through the cells agree.
        QVERIFY(readsLatentCodeOf(predictor, vae));
        QTemporaryDir dir;
        const std::string path = dir.filePath("latent-predictor.safetensors").toStdString();
        predictor.save(path);
        const auto loaded = loadPredictor(path);
        QVERIFY(readsLatentCodeOf(*loaded, vae));
        const std::vector<Cell> cells = sampleCells(50, 3000);
        QCOMPARE(loaded->predict(cells), predictor.predict(cells));
        // Another VS-GAE of the same code size is not the one this predictor reads.
        VsGaeConfig other = dynamic_cast<const VsGaeLatentModel&>(vae).config();
        other.nodeDim = 8;
        const VsGaeLatentModel untrained(VsGae(other), vae.latentMean(), vae.latentStd(), {}, "untrained");
        QVERIFY(!readsLatentCodeOf(predictor, untrained));
        // The code carries accuracy information: better than chance on held-out cells.
        std::vector<double> predicted, truth;
        const std::vector<Cell> held = sampleCells(1000, 5000);
        const std::vector<float> p = predictor.predict(held);
        for (std::size_t i = 0; i < held.size(); ++i) {
            predicted.push_back(p[i]);
            truth.push_back(test::sample()[5000 + i].validationAccuracy(budgetIndex(108)));
        }
        const double tau = kendallTau(predicted, truth);
        QVERIFY2(tau > 0.15, qPrintable(QString("tau %1").arg(tau)));
    }

    void latentPredictorNeedsItsVsGae()
    {
        TrainingConfig config;
        config.model = "vsgae-latent";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, trainPredictor(config, test::sample(), {}));
        config.latentModelPath = "/nonexistent/vae.safetensors";
        QVERIFY_THROWS_EXCEPTION(DataError, trainPredictor(config, test::sample(), {}));
    }

    // A VS-GAE whose code is narrower than the predictor's MLP can halve (4 dimensions, 4 layers need
    // 8) is refused before training, naming the file, instead of LibTorch failing on a layer of width 0.
    void latentPredictorRefusesATooNarrowCode()
    {
        VsGaeTrainingConfig narrow = quickVsGaeConfig(32, 1, 16);
        narrow.graphDim = 4;
        QTemporaryDir dir;
        const std::string vaePath = dir.filePath("narrow.safetensors").toStdString();
        trainVsGae(narrow, test::sample(), {}).model->save(vaePath);
        TrainingConfig config;
        config.model = "vsgae-latent";
        config.latentModelPath = vaePath;
        config.trainSize = 64;
        config.valSize = 32;
        config.epochs = 1;
        config.device = "cpu";
        config.threads = 1;
        try {
            trainPredictor(config, test::sample(), {});
            QFAIL("a VS-GAE predictor was trained on a 4-dimensional code");
        } catch (const std::invalid_argument& e) {
            const std::string message = e.what();
            QVERIFY2(message.find(vaePath) == 0 && message.find("4 dimensions") != std::string::npos, e.what());
        }
    }

    void ascentClimbsThePredictorAndListsValidCells()
    {
        const LatentModel& vae = *trainedRun().result.model;
        const Predictor& predictor = *latentPredictorRun().result.predictor;
        LatentAscentOptions options;
        options.steps = 40;
        options.stepSize = 0.1;
        options.bound = 2.0;
        options.keep = 5;
        const LatentCode start = vae.encode({test::sample()[7].cell}).front();
        const LatentAscentResult result = ascendLatent(predictor, vae, start, options);
        QCOMPARE(result.path.size(), std::size_t(41));
        QVERIFY(!result.cancelled);
        QVERIFY2(result.path.back().predicted > result.path.front().predicted,
                 qPrintable(QString("%1 -> %2").arg(result.path.front().predicted).arg(result.path.back().predicted)));
        for (const LatentAscentStep& s : result.path)
            for (std::size_t d = 0; d < s.code.size(); ++d)
                QVERIFY(std::abs(s.code[d] - vae.latentMean()[d]) <= options.bound * vae.latentStd()[d] * 1.0001 + 1e-6);
        QVERIFY(!result.best.empty());
        QVERIFY(result.best.size() <= options.keep && result.best.size() <= result.distinctValid);
        for (std::size_t i = 0; i < result.best.size(); ++i) {
            const LatentAscentFind& f = result.best[i];
            QVERIFY(validateCell(f.cell).ok());
            QCOMPARE(f.hash, moduleHash(f.cell));
            QCOMPARE(f.predicted, static_cast<double>(predictor.predict({f.cell}).front()));
            QCOMPARE(result.path[static_cast<std::size_t>(f.firstStep)].decoded.hash, f.hash);
            if (i > 0) {
                QVERIFY(result.best[i - 1].predicted >= f.predicted);
                QVERIFY(result.best[i - 1].hash != f.hash);
            }
        }
    }

    // The prior term holds the path near the cloud of training codes: with it the end point's RMS
    // standardised coordinate stays smaller than without, and each step's decoded cell is scored.
    void priorTermKeepsTheClimbNearThePrior()
    {
        const LatentModel& vae = *trainedRun().result.model;
        const Predictor& predictor = *latentPredictorRun().result.predictor;
        LatentAscentOptions options;
        options.steps = 60;
        options.stepSize = 0.1;
        const LatentCode start = vae.encode({test::sample()[11].cell}).front();
        options.priorWeight = 0;
        const LatentAscentResult free = ascendLatent(predictor, vae, start, options);
        options.priorWeight = 20;
        const LatentAscentResult held = ascendLatent(predictor, vae, start, options);
        QCOMPARE(free.path.front().radius, held.path.front().radius);
        QVERIFY2(held.path.back().radius < free.path.back().radius,
                 qPrintable(QString("%1 with the prior term, %2 without").arg(held.path.back().radius).arg(free.path.back().radius)));
        for (const LatentAscentResult* r : {&free, &held})
            for (const LatentAscentStep& s : r->path) {
                QCOMPARE(std::isnan(s.decodedPredicted), !s.decoded.valid());
                if (s.decoded.valid())
                    QCOMPARE(s.decodedPredicted, static_cast<double>(predictor.predict({*s.decoded.cell}).front()));
            }
        options.priorWeight = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ascendLatent(predictor, vae, start, options));
        options.priorWeight = std::nan("");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ascendLatent(predictor, vae, start, options));
    }

    void ascentStopsOnCancelAndRefusesOtherPredictors()
    {
        const LatentModel& vae = *trainedRun().result.model;
        const Predictor& predictor = *latentPredictorRun().result.predictor;
        std::atomic<bool> cancel{false};
        LatentAscentCallbacks callbacks;
        callbacks.cancel = &cancel;
        callbacks.onStep = [&](const LatentAscentStep& s, int) {
            if (s.step == 2)
                cancel = true;
        };
        const LatentAscentResult result = ascendLatent(predictor, vae, vae.latentMean(), {}, callbacks);
        QVERIFY(result.cancelled);
        QCOMPARE(result.path.size(), std::size_t(3));
        VsGaeConfig other = dynamic_cast<const VsGaeLatentModel&>(vae).config();
        other.nodeDim = 8;
        const VsGaeLatentModel untrained(VsGae(other), vae.latentMean(), vae.latentStd(), {}, "untrained");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ascendLatent(predictor, untrained, vae.latentMean(), {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ascendLatent(predictor, vae, LatentCode(3, 0.0f), {}));
    }

    void saveLoadGivesIdenticalOutputs()
    {
        const LatentModel& model = *trainedRun().result.model;
        QTemporaryDir dir;
        const std::string path = dir.filePath("vae.safetensors").toStdString();
        model.save(path);
        const auto loaded = loadLatentModel(path);
        QCOMPARE(QString::fromStdString(loaded->name()), QString::fromStdString(model.name()));
        QCOMPARE(loaded->latentMean(), model.latentMean());
        QCOMPARE(loaded->latentStd(), model.latentStd());
        QCOMPARE(loaded->trainingHashes(), model.trainingHashes());
        const std::vector<Cell> cells = sampleCells(50, 1000);
        QCOMPARE(loaded->encode(cells), model.encode(cells));
        const std::vector<LatentCode> codes = samplePrior(model, 50, 9);
        const auto a = model.decode(codes, {true, 4});
        const auto b = loaded->decode(codes, {true, 4});
        for (std::size_t i = 0; i < a.size(); ++i)
            QCOMPARE(a[i].raw, b[i].raw);
    }

    void corruptOrForeignModelFileGivesDataError()
    {
        QTemporaryDir dir;
        const std::string good = dir.filePath("vae.safetensors").toStdString();
        trainedRun().result.model->save(good);
        std::ifstream in(good, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string truncated = dir.filePath("truncated.safetensors").toStdString();
        std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
        const std::string garbage = dir.filePath("garbage.safetensors").toStdString();
        std::ofstream(garbage) << "not a model";
        // A well-formed archive whose network has other sizes.
        const std::string resized = dir.filePath("resized.safetensors").toStdString();
        {
            VsGaeConfig other = dynamic_cast<const VsGaeLatentModel&>(*trainedRun().result.model).config();
            VsGaeLatentModel wrong(VsGae(smallConfig()), LatentCode(8, 0.0f), LatentCode(8, 1.0f), {}, "small");
            ModelArchive archive;
            wrong.writeTo(archive);
            nlohmann::json config = {{"model", "vsgae"}, {"vsgae", other.toJson()}, {"name", "x"},
                                     {"latent_mean", LatentCode(other.graphDim)}, {"latent_std", LatentCode(other.graphDim)}};
            archive.writeString("config", config.dump());
            saveArchiveAtomically(archive, resized);
        }
        for (const std::string& path : {truncated, garbage, resized, dir.filePath("missing.safetensors").toStdString()}) {
            bool threw = false;
            try {
                loadLatentModel(path);
            } catch (const DataError& e) {
                threw = true;
                QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
            }
            QVERIFY2(threw, path.c_str());
        }
    }

    void spaceCellsJoinTheTrainingCellsButNoDatasetCell()
    {
        VsGaeTrainingConfig config = quickVsGaeConfig(32, 1, 64);
        config.spaceCells = 300;
        const VsGaeTrainingResult r = trainVsGae(config, test::sample(), {});
        QVERIFY(r.ok());
        const std::vector<ModuleHash>& trained = r.model->trainingHashes();
        QCOMPARE(trained.size(), std::size_t(332));
        std::vector<ModuleHash> dataset;
        for (std::size_t i = 0; i < test::sample().size(); ++i)
            dataset.push_back(test::sample()[i].hash);
        std::sort(dataset.begin(), dataset.end());
        std::size_t fromDataset = 0;
        for (const ModuleHash& h : trained)
            fromDataset += std::binary_search(dataset.begin(), dataset.end(), h) ? 1 : 0;
        QCOMPARE(fromDataset, r.split.train.size());
        for (std::size_t i : r.split.train)
            QVERIFY(std::binary_search(trained.begin(), trained.end(), test::sample()[i].hash));
    }

    void cancelKeepsLastCheckpoint()
    {
        QTemporaryDir dir;
        VsGaeTrainingConfig config = quickVsGaeConfig(64, 5, 16);
        config.checkpointPath = dir.filePath("run.ckpt").toStdString();
        std::atomic<bool> cancel{false};
        TrainingCallbacks callbacks;
        callbacks.cancel = &cancel;
        callbacks.onStep = [&](const StepEvent& e) {
            if (e.epoch == 2 && e.step == 2)
                cancel = true;
        };
        const VsGaeTrainingResult result = trainVsGae(config, test::sample(), callbacks);
        QCOMPARE(QString::fromStdString(result.stopReason), QString("cancelled"));
        QVERIFY(result.ok());
        QCOMPARE(result.history.size(), std::size_t(1));
        const auto fromCheckpoint = loadLatentModel(config.checkpointPath);
        const std::vector<Cell> cells = sampleCells(8);
        QCOMPARE(fromCheckpoint->encode(cells), result.model->encode(cells));
        // Resuming finishes the run from the checkpointed epoch.
        config.resume = true;
        const VsGaeTrainingResult resumed = trainVsGae(config, test::sample(), {});
        QCOMPARE(QString::fromStdString(resumed.stopReason), QString("completed"));
        QCOMPARE(resumed.history.size(), std::size_t(5));
    }
};

QTEST_GUILESS_MAIN(TestVsGae)
#include "tst_vsgae.moc"
