// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"

#include "model/GnnPredictor.h"
#include "model/ModelArchive.h"
#include "registry/PredictorRegistry.h"
#include "util/Errors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

using namespace archscope;

namespace {

// The model written the plain way, one edge at a time as in the PyTorch Geometric reference
// (jovitalukasik/vs_gae, models/GNN.py), with LibTorch's own GRU cell: the dense batched model
// must compute the same function with the same weights.
torch::Tensor perEdgeForward(GnnRegressorImpl& m, const Cell& cell)
{
    const int n = cell.numVertices();
    std::vector<std::int64_t> ops;
    for (int v = 0; v < n; ++v)
        ops.push_back(static_cast<std::int64_t>(cell.op(v)));
    torch::Tensor h = m.encoder->embedding->forward(torch::tensor(ops, torch::kInt64));
    const int d = m.config.nodeDim;
    for (std::size_t l = 0; l < m.encoder->layers->size(); ++l) {
        auto layer = m.encoder->layers[l]->as<GnnLayerImpl>();
        torch::Tensor received = torch::zeros({n, 2 * d});
        for (int u = 0; u < n; ++u)
            for (int v = 0; v < n; ++v)
                if (cell.hasEdge(u, v)) {
                    received[v] += layer->msg->forward(torch::cat({h[u], h[v]}));
                    received[u] += layer->msgRev->forward(torch::cat({h[v], h[u]}));
                }
        h = torch::gru_cell(received, h, layer->weightIh, layer->weightHh, layer->biasIh, layer->biasHh);
    }
    torch::Tensor g = (m.readout->f->forward(h) * torch::sigmoid(m.readout->gate->forward(h))).sum(0, true);
    for (std::size_t i = 0; i + 1 < m.mlp->size(); ++i)
        g = torch::relu(m.mlp[i]->as<torch::nn::Linear>()->forward(g));
    return m.mlp[m.mlp->size() - 1]->as<torch::nn::Linear>()->forward(g).squeeze(0);
}

// Every vertex computed by the per-vertex dense layer (the path dropout takes) rather than once per
// vertex class.
torch::Tensor perVertexForward(GnnRegressorImpl& m, const GraphTensors& g)
{
    const torch::Tensor inDeg = inDegrees(g), outDeg = outDegrees(g);
    torch::Tensor h = m.encoder->embedding->forward(g.ops);
    for (const auto& layer : *m.encoder->layers)
        h = layer->as<GnnLayerImpl>()->forward(h, g, inDeg, outDeg);
    return m.head(m.readout->forward(h, g.mask));
}

std::vector<Cell> firstSampleCells(std::size_t count)
{
    std::vector<Cell> cells;
    for (std::size_t i = 0; i < count; ++i)
        cells.push_back(test::sample()[i].cell);
    return cells;
}

std::vector<Cell> someSampleCells()
{
    std::vector<Cell> cells;
    for (const Record& r : test::sample().records())
        if (cells.size() < 24 && (cells.size() < 16 || r.cell.numVertices() < 7))
            cells.push_back(r.cell);
    return cells;
}

} // namespace

class TestGnnModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::manual_seed(7); }

    void denseBatchEqualsPerEdgeComputation_data()
    {
        QTest::addColumn<int>("nodeDim");
        QTest::addColumn<int>("graphDim");
        QTest::addColumn<int>("outputs");
        QTest::newRow("paper sizes") << 250 << 56 << 1;
        QTest::newRow("small, 4 outputs") << 16 << 8 << 4;
    }

    void denseBatchEqualsPerEdgeComputation()
    {
        QFETCH(int, nodeDim);
        QFETCH(int, graphDim);
        QFETCH(int, outputs);
        GnnConfig config;
        config.nodeDim = nodeDim;
        config.graphDim = graphDim;
        config.outputs = outputs;
        GnnRegressor model(config);
        model->eval();
        const std::vector<Cell> cells = someSampleCells();
        torch::NoGradGuard noGrad;
        const torch::Tensor dense = model->forward(encodeCells(cells));
        QCOMPARE(dense.size(0), static_cast<std::int64_t>(cells.size()));
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const torch::Tensor reference = perEdgeForward(*model, cells[i]);
            const double err = (dense[static_cast<std::int64_t>(i)] - reference).abs().max().item<double>();
            QVERIFY2(err < 1e-4, qPrintable(QString("cell %1: max difference %2").arg(i).arg(err)));
        }
    }

    // Training runs every layer once per vertex class too: the vertices of a class share one row of
    // the autograd graph, and their gradients must add up to what the per-vertex computation gives.
    // 16 cells apply W_ih to the last layer's sums, 2,000 to the classes' messages (GnnLayer::project).
    void vertexClassesGiveThePerVertexGradients_data()
    {
        QTest::addColumn<int>("cells");
        QTest::addColumn<bool>("throughInput");
        QTest::newRow("16 cells") << 16 << false;
        QTest::newRow("2,000 cells") << 2000 << true;
    }

    void vertexClassesGiveThePerVertexGradients()
    {
        QFETCH(int, cells);
        QFETCH(bool, throughInput);
        GnnConfig config;
        config.nodeDim = 32;
        config.graphDim = 16;
        config.outputs = 4;
        GnnRegressor model(config);
        model->train();
        const GraphTensors g = encodeCells(firstSampleCells(static_cast<std::size_t>(cells)));
        const VertexClasses classes = VertexClasses::refine(g, 2);
        QCOMPARE(4 * classes.rounds[0].count <= classes.rounds[1].count, throughInput);
        const torch::Tensor weights = torch::randn({static_cast<std::int64_t>(cells), 4});
        const auto gradients = [&](torch::Tensor out) {
            model->zero_grad();
            (out * weights).sum().backward();
            std::vector<torch::Tensor> grads;
            for (const torch::Tensor& p : model->parameters())
                grads.push_back(p.grad().clone());
            return grads;
        };
        const std::vector<torch::Tensor> byClass = gradients(model->forward(g));
        const std::vector<torch::Tensor> everyVertex = gradients(perVertexForward(*model, g));
        QCOMPARE(byClass.size(), everyVertex.size());
        for (std::size_t i = 0; i < byClass.size(); ++i) {
            const double scale = everyVertex[i].abs().max().item<double>();
            const double err = (byClass[i] - everyVertex[i]).abs().max().item<double>();
            QVERIFY2(scale > 0 && err <= 1e-4 * scale,
                     qPrintable(QString("parameter %1: max difference %2 of %3").arg(i).arg(err).arg(scale)));
        }
    }

    // The encoder runs every layer once per vertex class (VertexClasses), the predictor in batches of
    // classes. Both must give the per-vertex computation's predictions, over enough cells that classes
    // repeat, at any depth.
    void vertexClassesGiveTheSamePredictions_data()
    {
        QTest::addColumn<int>("layers");
        for (int layers : {0, 1, 2, 3})
            QTest::addRow("%d layers", layers) << layers;
    }

    void vertexClassesGiveTheSamePredictions()
    {
        QFETCH(int, layers);
        GnnConfig config;
        config.nodeDim = 64;
        config.layers = layers;
        GnnRegressor model(config);
        model->eval();
        const GraphTensors g = encodeCells(firstSampleCells(2000));
        torch::NoGradGuard noGrad;
        const torch::Tensor everyVertex = perVertexForward(*model, g);
        QVERIFY2((everyVertex - model->forward(g)).abs().max().item<double>() < 1e-5, "NodeEncoder's class path");
        QCOMPARE(model->forward(encodeCells({})).size(0), std::int64_t(0));
        // The predictor's path: the last layer and the readout per class in small batches, on two threads.
        const GnnPredictor predictor(config, {model}, TargetScaling{std::vector<MonotoneMap>(1, MonotoneMap({0.0, 1.0}, {-1.0, 1.0}))}, 108, "test");
        const torch::Tensor predicted = predictor.predictScaledPerMember(g, 100)[0];
        const double err = (everyVertex.select(1, 0) - predicted).abs().max().item<double>();
        QVERIFY2(err < 1e-5, qPrintable(QString("the predictor's class path: max difference %1").arg(err)));
        // The first layer's states repeat most (one class per ten vertices here), and each round
        // can only split classes.
        const VertexClasses classes = VertexClasses::refine(g, layers);
        const auto vertices = g.mask.sum().item<std::int64_t>();
        for (std::size_t r = 0; r < classes.rounds.size(); ++r) {
            QVERIFY(classes.rounds[r].count <= vertices);
            QVERIFY(r == 0 ? classes.rounds[r].count * 10 < vertices : classes.rounds[r].count >= classes.rounds[r - 1].count);
        }
    }

    // Vertices of one class have the same state after as many layers as rounds; the representatives of
    // two classes have different states (the classes are no finer than needed).
    void vertexClassesGroupEqualStates_data()
    {
        QTest::addColumn<int>("rounds");
        QTest::newRow("one round") << 1;
        QTest::newRow("two rounds") << 2;
    }

    void vertexClassesGroupEqualStates()
    {
        QFETCH(int, rounds);
        GnnConfig config;
        config.nodeDim = 16;
        config.layers = rounds;
        GnnRegressor model(config);
        std::vector<Cell> cells;
        for (std::size_t i = 0; i < 300; ++i)
            cells.push_back(test::sample()[i].cell);
        const GraphTensors g = encodeCells(cells);
        torch::NoGradGuard noGrad;
        torch::Tensor h = model->encoder->embedding->forward(g.ops);
        for (int l = 0; l < rounds; ++l)
            h = model->encoder->layers[static_cast<std::size_t>(l)]->as<GnnLayerImpl>()->forward(h, g, inDegrees(g), outDegrees(g));
        h = h.reshape({-1, 16});
        const VertexClasses classes = VertexClasses::refine(g, rounds);
        const torch::Tensor classOf = classes.classOf.reshape({-1});
        const torch::Tensor real = g.mask.reshape({-1});
        const auto k = classOf.accessor<std::int64_t, 1>();
        std::map<std::int64_t, std::int64_t> first;
        for (std::int64_t i = 0; i < classOf.size(0); ++i) {
            if (real[i].item<float>() == 0) {
                QCOMPARE(k[i], classes.count());
                continue;
            }
            const auto [it, added] = first.emplace(k[i], i);
            if (!added)
                QVERIFY2((h[i] - h[it->second]).abs().max().item<double>() < 1e-5,
                         qPrintable(QString("vertex %1 and %2 share class %3").arg(i).arg(it->second).arg(k[i])));
        }
        QCOMPARE(static_cast<std::int64_t>(first.size()), classes.count());
        std::vector<std::int64_t> representatives;
        for (const auto& entry : first)
            representatives.push_back(entry.second);
        const torch::Tensor reps = h.index_select(0, torch::tensor(representatives, torch::kInt64));
        const torch::Tensor distances = torch::cdist(reps, reps) + torch::eye(reps.size(0)) * 1e9;
        QVERIFY2(distances.min().item<double>() > 1e-4, "two classes share a state");
    }

    void paddingDoesNotChangePredictions()
    {
        GnnConfig config;
        config.nodeDim = 32;
        GnnRegressor model(config);
        model->eval();
        const std::vector<Cell> cells = someSampleCells();
        torch::NoGradGuard noGrad;
        const torch::Tensor together = model->forward(encodeCells(cells));
        for (std::size_t i = 0; i < cells.size(); i += 5) {
            const torch::Tensor alone = model->forward(encodeCells({cells[i]}));
            QVERIFY((alone[0] - together[static_cast<std::int64_t>(i)]).abs().max().item<double>() < 1e-5);
        }
    }

    void saveAndLoadGiveIdenticalPredictions()
    {
        GnnConfig config;
        config.nodeDim = 24;
        config.graphDim = 16;
        config.outputs = 2;
        auto predictor = std::make_shared<GnnPredictor>(config, std::vector<GnnRegressor>{GnnRegressor(config), GnnRegressor(config)},
                                                        TargetScaling{{MonotoneMap({0.5, 0.9}, {-2, 2}), MonotoneMap({0.6, 0.95}, {-1.5, 1.5})}}, 108, "test model");
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.safetensors").toStdString();
        predictor->save(path);
        const auto loaded = loadPredictor(path);
        QCOMPARE(QString::fromStdString(loaded->name()), QString("test model"));
        QCOMPARE(loaded->budgetEpochs(), 108);
        const std::vector<Cell> cells = someSampleCells();
        QCOMPARE(loaded->predict(cells), predictor->predict(cells));
    }

    void badModelFilesAreRejectedWithTheirPath_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty") << QByteArray() << "not a model file: 0 bytes";
        QTest::newRow("text") << QByteArray("hello, I am not a model\n") << "runs past the file's 24 bytes";
        QTest::newRow("truncated") << QByteArray("truncate") << "(truncated?)";
    }

    void badModelFilesAreRejectedWithTheirPath()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, messagePart);
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.safetensors").toStdString();
        if (content == "truncate") {
            GnnConfig config;
            config.nodeDim = 8;
            GnnPredictor({config}, {GnnRegressor(config)}, TargetScaling{{MonotoneMap({0.5, 0.9}, {-2, 2})}}, 108, "x").save(path);
            std::ifstream in(path, std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
        } else {
            std::ofstream(path, std::ios::binary) << content.toStdString();
        }
        try {
            loadPredictor(path);
            QFAIL("a bad model file was accepted");
        } catch (const DataError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QString::fromStdString(path)), e.what());
            QVERIFY2(message.contains(messagePart), e.what());
        }
    }

    // Values that used to load unchecked: a budget outside NAS-Bench-101's (the evaluation then
    // read past the record's four budgets) and an MLP depth that overflowed a shift.
    void outOfRangeConfigurationsAreRejected_data()
    {
        QTest::addColumn<int>("budget");
        QTest::addColumn<int>("mlpLayers");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("budget 50") << 50 << 4 << "budget_epochs 50";
        QTest::newRow("budget -1") << -1 << 4 << "budget_epochs -1";
        QTest::newRow("mlp_layers 33") << 108 << 33 << "out of range";
        QTest::newRow("mlp_layers 99") << 108 << 99 << "out of range";
    }

    void outOfRangeConfigurationsAreRejected()
    {
        QFETCH(int, budget);
        QFETCH(int, mlpLayers);
        QFETCH(QString, messagePart);
        GnnConfig small;
        small.nodeDim = 8;
        ModelArchive archive;
        GnnPredictor({small}, {GnnRegressor(small)}, TargetScaling{{MonotoneMap({0.5, 0.9}, {-2, 2})}}, 108, "x").writeTo(archive);
        nlohmann::json gnn = small.toJson();
        gnn["mlp_layers"] = mlpLayers;
        archive.writeString("config", nlohmann::json{{"model", "gnn"}, {"gnn", gnn}, {"members", 1},
                                                      {"budget_epochs", budget}, {"name", "x"},
                                                      {"targets", {{{"values", {0.5, 0.9}}, {"scores", {-2, 2}}}}}}
                                           .dump());
        QTemporaryDir dir;
        const std::string path = dir.filePath("crafted.safetensors").toStdString();
        saveArchiveAtomically(archive, path);
        try {
            loadPredictor(path);
            QFAIL("an out-of-range model configuration was loaded");
        } catch (const DataError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QString::fromStdString(path)), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).contains(messagePart), e.what());
        }
    }

    void mismatchedShapesAreRejected()
    {
        GnnConfig small;
        small.nodeDim = 8;
        ModelArchive archive;
        GnnPredictor({small}, {GnnRegressor(small)}, TargetScaling{{MonotoneMap({0.5, 0.9}, {-2, 2})}}, 108, "x").writeTo(archive);
        // Claim other sizes than the tensors have.
        GnnConfig claimed = small;
        claimed.nodeDim = 16;
        archive.writeString("config", nlohmann::json{{"model", "gnn"}, {"gnn", claimed.toJson()}, {"members", 1},
                                                      {"budget_epochs", 108}, {"name", "x"},
                                                      {"targets", {{{"values", {0.5, 0.9}}, {"scores", {-2, 2}}}}}}
                                           .dump());
        QTemporaryDir dir;
        const std::string path = dir.filePath("mismatch.safetensors").toStdString();
        saveArchiveAtomically(archive, path);
        QVERIFY_THROWS_EXCEPTION(DataError, loadPredictor(path));
        try {
            loadPredictor(path);
        } catch (const DataError& e) {
            QVERIFY2(QString(e.what()).contains("has shape"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestGnnModel)
#include "tst_gnnmodel.moc"
