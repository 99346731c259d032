// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"
#include "../support/TinyImageFiles.h"

#include "cell/ModuleHash.h"
#include "ghn/GhnPredictor.h"
#include "ghn/GhnTrainer.h"
#include "registry/PredictorRegistry.h"
#include "registry/Trainer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace archscope;
using namespace archscope::test;

namespace {

GhnConfig smallGhn(int size)
{
    GhnConfig c;
    c.hidden = 8;
    c.network.stemChannels = 4;
    c.network.inputHeight = c.network.inputWidth = size;
    return c;
}

} // namespace

class TestGhn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every generated tensor has the shape of the network's own parameter (NetworkPlan's shapes).
    void generatedWeightsHaveTheNetworksShapes()
    {
        torch::manual_seed(0);
        GraphHyperNetwork ghn(GhnConfig{});
        for (std::size_t r = 0; r < test::sample().size(); r += 2857) {
            const NetworkPlan plan = buildNetworkPlan(test::sample()[r].cell, ghn->config().network);
            const PlanWeights w = ghn->generate(plan, ghnGraph(plan));
            for (std::size_t i = 0; i < plan.layers.size(); ++i) {
                const auto shapes = layerWeightShapes(plan.layers[i]);
                if (shapes.empty()) {
                    QVERIFY(w.tensors[i].empty());
                    continue;
                }
                QCOMPARE(w.tensors[i][0].sizes().vec(), shapes[0]);
                if (plan.layers[i].kind == LayerKind::Dense)
                    QCOMPARE(w.tensors[i][1].sizes().vec(), shapes[1]);
            }
            const torch::Tensor logits = runNetworkPlan(plan, w, torch::randn({4, 1, 28, 28}), true);
            QCOMPARE(logits.sizes().vec(), (std::vector<std::int64_t>{4, 10}));
        }
    }

    // The loss of a generated network reaches every part of the GHN.
    void gradientsReachTheGhn()
    {
        torch::manual_seed(1);
        GraphHyperNetwork ghn(smallGhn(8));
        const NetworkPlan plan = buildNetworkPlan(test::sample()[5].cell, ghn->config().network);
        const torch::Tensor logits = runNetworkPlan(plan, ghn->generate(plan, ghnGraph(plan)), torch::randn({6, 1, 8, 8}), true);
        torch::cross_entropy_loss(logits, torch::randint(0, 10, {6}, torch::kInt64)).backward();
        for (const auto& p : ghn->named_parameters()) {
            QVERIFY2(p.value().grad().defined(), p.key().c_str());
            QVERIFY2(p.value().grad().abs().sum().item<double>() > 0, p.key().c_str());
        }
    }

    // Depths order the graph topologically, and one forward-backward pass carries information along
    // the whole network both ways (a synchronous GNN's single step would reach one hop).
    void forwardBackwardPropagationIsTopological()
    {
        const NetworkPlan plan = buildNetworkPlan(test::sample()[7].cell, GhnConfig{}.network);
        const GhnGraph g = ghnGraph(plan);
        std::size_t nodes = 0;
        for (const torch::Tensor& level : g.levels)
            nodes += static_cast<std::size_t>(level.numel());
        QCOMPARE(nodes, plan.layers.size());
        for (std::size_t v = 0; v < plan.layers.size(); ++v)
            for (int u : plan.layers[v].inputs)
                QVERIFY(g.depth[static_cast<std::size_t>(u)] < g.depth[v]);
        QVERIFY(g.levels.size() > 10);

        torch::manual_seed(2);
        GraphHyperNetwork ghn(GhnConfig{});
        const auto embeddings = ghn->named_parameters()["embed.weight"];
        const torch::Tensor h = ghn->propagate(g);
        const auto inputType = static_cast<std::int64_t>(GhnNodeType::Input);
        const auto denseType = static_cast<std::int64_t>(GhnNodeType::Dense);
        const auto last = static_cast<std::int64_t>(plan.layers.size() - 1);
        // The classifier's state depends on the input node's embedding (forward sweep) …
        const torch::Tensor fromInput = torch::autograd::grad({h[last].sum()}, {embeddings}, {}, true)[0];
        QVERIFY(fromInput[inputType].abs().sum().item<double>() > 0);
        // … and the input's state on the classifier's (backward sweep).
        const torch::Tensor fromDense = torch::autograd::grad({h[0].sum()}, {embeddings})[0];
        QVERIFY(fromDense[denseType].abs().sum().item<double>() > 0);
    }

    void randomSpaceCellsAreValidAndVaried()
    {
        std::mt19937_64 rng(3);
        std::set<std::string> hashes;
        for (int i = 0; i < 200; ++i) {
            const Cell c = randomSpaceCell(rng);
            QVERIFY(validateCell(c).ok());
            QVERIFY(c.numEdges() <= 9);
            hashes.insert(moduleHash(c).hex());
        }
        QVERIFY2(hashes.size() > 100, qPrintable(QString::number(hashes.size())));
    }

    void configLimits()
    {
        GhnConfig c;
        c.network.stemChannels = 64; // 256 channels in the third stack
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.check());
        c = GhnConfig{};
        c.hidden = 1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.check());
    }

    // A short training on tiny images lowers the loss; the model saves, loads through the registry
    // and scores alike.
    void shortTrainingLowersTheLossAndRoundTrips()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        // 16x16: NAS-Bench-101's augmentation (zero padding by 4, a random crop) keeps most of the brightness.
        writeBrightnessImages(d, "train", 500, 16, false);
        writeBrightnessImages(d, "t10k", 50, 16, false);
        TrainingConfig c = ghnTrainingDefaults();
        c.imageTaskDir = d;
        c.trainImages = 400;
        c.epochs = 6;
        c.batchSize = 32;
        c.learningRate = 1e-2;
        c.valSize = 4;
        c.nodeDim = 8;
        c.threads = 1;
        const TrainingResult r = trainPredictor(c, test::sample(), {});
        QVERIFY2(r.ok(), r.stopReason.c_str());
        QCOMPARE(int(r.history.size()), 6);
        QVERIFY2(r.history.back().trainLoss < 0.7 * r.history.front().trainLoss,
                 qPrintable(QString::number(r.history.front().trainLoss) + " -> " + QString::number(r.history.back().trainLoss)));
        QString losses;
        for (const EpochEvent& e : r.history)
            losses += QString::number(e.trainLoss) + "/" + QString::number(e.valLoss) + " ";
        QVERIFY2(r.history.back().valLoss < r.history.front().valLoss, qPrintable(losses));

        const QString model = dir.filePath("ghn.safetensors");
        r.predictor->save(model.toStdString());
        const auto loaded = loadPredictor(model.toStdString());
        QCOMPARE(loaded->kind(), std::string("ghn"));
        const std::vector<Cell> cells{test::sample()[0].cell, test::sample()[1].cell};
        QCOMPARE(loaded->predict(cells), r.predictor->predict(cells));
    }
};

QTEST_APPLESS_MAIN(TestGhn)
#include "tst_ghn.moc"
