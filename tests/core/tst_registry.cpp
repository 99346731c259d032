// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "model/LatentModel.h"
#include "registry/PredictorRegistry.h"
#include "registry/Trainer.h"
#include "util/Errors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace archscope;

namespace {

std::string bundledModel(const char* name) { return std::string(ARCHSCOPE_MODELS_DIR) + "/" + name; }

} // namespace

class RegistryTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void kindsAreComplete()
    {
        std::set<std::string> ids;
        for (const PredictorKind& k : predictorKinds()) {
            QVERIFY(ids.insert(k.id).second);
            QVERIFY(!k.displayName.empty() && !k.description.empty());
            QVERIFY(k.load && k.train);
            QCOMPARE(k.defaults.model, k.id);
            QCOMPARE(k.quick.model, k.id);
            QVERIFY(k.defaults.epochs > 0 && k.defaults.batchSize > 0 && k.defaults.ensemble > 0);
            QVERIFY(k.quick.epochs > 0 && k.quick.epochs <= k.defaults.epochs);
        }
        QCOMPARE(ids, (std::set<std::string>{"gnn", "vsgae-latent", "ghn"}));
        QCOMPARE(predictorKindIds(), std::string("gnn, vsgae-latent, ghn"));
    }

    // The bundled models load through the registry as the kind their files name; only the VS-GAE
    // predictor offers itself to the latent-space climb.
    void bundledModelsLoadAsTheirKind_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("latent");
        QTest::newRow("GNN") << "gnn-default.safetensors" << "gnn" << false;
        QTest::newRow("VS-GAE predictor") << "vsgae-predictor.safetensors" << "vsgae-latent" << true;
        QTest::newRow("Graph HyperNetwork") << "ghn-default.safetensors" << "ghn" << false;
    }

    void bundledModelsLoadAsTheirKind()
    {
        QFETCH(QString, file);
        QFETCH(QString, kind);
        QFETCH(bool, latent);
        const auto predictor = loadPredictor(bundledModel(file.toUtf8().constData()));
        QCOMPARE(QString::fromStdString(predictor->kind()), kind);
        QCOMPARE(predictor->latentCodeScorer() != nullptr, latent);
        QCOMPARE(predictorKind(predictor->kind()).takesLatentCode, latent);
    }

    void aVsGaeIsNotAPredictor()
    {
        const std::string path = bundledModel("vsgae-default.safetensors");
        try {
            loadPredictor(path);
            QFAIL("a VS-GAE loaded as a predictor");
        } catch (const DataError& e) {
            QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
        }
        QVERIFY(loadLatentModel(path) != nullptr);
    }

    void unknownKindIsRefusedByName()
    {
        try {
            predictorKind("transformer");
            QFAIL("an unknown kind was found");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("transformer") != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find("gnn, vsgae-latent") != std::string::npos, e.what());
        }
    }

    // A field left at 0 takes the kind's default, and only then.
    void resolvedConfigTakesTheKindsDefaults()
    {
        TrainingConfig c;
        const TrainingConfig r = resolvedConfig(c);
        const TrainingConfig& d = predictorKind("gnn").defaults;
        QCOMPARE(r.epochs, d.epochs);
        QCOMPARE(r.ensemble, d.ensemble);
        QCOMPARE(r.nodeDim, d.nodeDim);
        QCOMPARE(r.graphDim, d.graphDim);
        QCOMPARE(r.weightDecay, d.weightDecay);
        QCOMPARE(r.rankingWeight, 0.5);
        c.epochs = 7;
        c.weightDecay = 0;
        c.rankingWeight = 0;
        QCOMPARE(resolvedConfig(c).epochs, 7);
        QCOMPARE(resolvedConfig(c).weightDecay, 0.0);
        QCOMPARE(resolvedConfig(c).rankingWeight, 0.0);
    }

    // The GNN's run follows the training set's size where left at 0: at least 400 steps a member
    // and more members below 300 cells; a 1,000-cell run keeps the defaults, a size given is kept.
    void gnnRunFollowsTheTrainingSize_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("trainSize");
        QTest::addColumn<int>("valSize");
        QTest::addColumn<int>("epochs");
        QTest::addColumn<int>("ensemble");
        QTest::addColumn<int>("wantEpochs");
        QTest::addColumn<int>("wantEnsemble");
        // 80 cells a member in batches of 64: 2 steps an epoch.
        QTest::newRow("100 labels") << "gnn" << 100 << 0 << 0 << 0 << 200 << 9;
        QTest::newRow("172 labels") << "gnn" << 172 << 0 << 0 << 0 << 134 << 6;
        QTest::newRow("424 labels") << "gnn" << 424 << 0 << 0 << 0 << 67 << 3;
        QTest::newRow("1000 labels") << "gnn" << 1000 << 0 << 0 << 0 << 50 << 3;
        QTest::newRow("1000 + 1000 validation") << "gnn" << 1000 << 1000 << 0 << 0 << 50 << 3;
        QTest::newRow("4236 labels") << "gnn" << 4236 << 0 << 0 << 0 << 50 << 3;
        QTest::newRow("100 with a validation split") << "gnn" << 100 << 100 << 0 << 0 << 200 << 9;
        QTest::newRow("given epochs and members") << "gnn" << 100 << 0 << 7 << 2 << 7 << 2;
        QTest::newRow("the VS-GAE predictor keeps its defaults") << "vsgae-latent" << 100 << 0 << 0 << 0 << 50 << 3;
    }

    void gnnRunFollowsTheTrainingSize()
    {
        QFETCH(QString, kind);
        QFETCH(int, trainSize);
        QFETCH(int, valSize);
        QFETCH(int, epochs);
        QFETCH(int, ensemble);
        QFETCH(int, wantEpochs);
        QFETCH(int, wantEnsemble);
        TrainingConfig c;
        c.model = kind.toStdString();
        c.trainSize = std::size_t(trainSize);
        c.valSize = std::size_t(valSize);
        c.epochs = epochs;
        c.ensemble = ensemble;
        const TrainingConfig r = resolvedConfig(c);
        QCOMPARE(r.epochs, wantEpochs);
        QCOMPARE(r.ensemble, wantEnsemble);
    }
};

QTEST_GUILESS_MAIN(RegistryTest)
#include "tst_registry.moc"
