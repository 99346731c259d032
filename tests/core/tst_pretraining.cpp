// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"

#include "cell/NetworkParams.h"
#include "metrics/Metrics.h"
#include "registry/Trainer.h"
#include "train/LabelFreePretraining.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <tuple>

Q_DECLARE_METATYPE(archscope::Cell)

using namespace archscope;
using archscope::test::cellOf;
using archscope::test::sample;

namespace {

std::vector<Cell> sampleCells(std::size_t from, std::size_t count)
{
    std::vector<Cell> cells;
    for (std::size_t i = from; i < from + count; ++i)
        cells.push_back(sample().records()[i].cell);
    return cells;
}

std::vector<double> column(const torch::Tensor& t, int k)
{
    const torch::Tensor c = t.select(1, k).to(torch::kFloat64).contiguous();
    return {c.data_ptr<double>(), c.data_ptr<double>() + c.numel()};
}

// Narrow, but with an MLP whose last hidden layer (graphDim / 8) is as wide as the targets are many.
// A run on exactly 100 labels with a narrow GNN, pre-training `pretrainingEpochs`.
TrainingConfig smallRun(int pretrainingEpochs)
{
    TrainingConfig c;
    c.trainSize = 100;
    c.valSize = 0;
    c.nodeDim = 32;
    c.graphDim = 16;
    c.pretrainingEpochs = pretrainingEpochs;
    c.device = "cpu";
    c.threads = 1;
    return c;
}

GnnConfig smallGnn()
{
    GnnConfig c;
    c.nodeDim = 32;
    c.graphDim = 64;
    return c;
}

} // namespace

class PretrainingTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(sample().size() == 20001); }

    // The counts against the bundled records' own figures: NAS-Bench-101's trainable_parameters, and
    // the ops and edges as the file lists them.
    void targetsMatchTheBundledRecords()
    {
        const auto& records = sample().records();
        std::vector<Cell> cells;
        std::vector<const Record*> from;
        for (std::size_t i = 0; i < records.size(); i += 40) {
            cells.push_back(records[i].cell);
            from.push_back(&records[i]);
        }
        const torch::Tensor t = labelFreeTargets(cells);
        QCOMPARE(t.size(0), std::int64_t(cells.size()));
        QCOMPARE(t.size(1), std::int64_t(kLabelFreeTargetCount));
        auto a = t.accessor<float, 2>();
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const auto row = static_cast<std::int64_t>(i);
            const Record& r = *from[i];
            QVERIFY2(std::abs(std::exp(double(a[row][kLogParameters])) / double(r.params) - 1) < 1e-5,
                     qPrintable(QString("record %1: %2 parameters").arg(i * 40).arg(r.params)));
            int counts[kNumOps] = {};
            for (const Op op : r.cell.ops())
                ++counts[static_cast<int>(op)];
            QCOMPARE(a[row][kConv3x3Count], float(counts[static_cast<int>(Op::Conv3x3)]));
            QCOMPARE(a[row][kConv1x1Count], float(counts[static_cast<int>(Op::Conv1x1)]));
            QCOMPARE(a[row][kMaxPoolCount], float(counts[static_cast<int>(Op::MaxPool3x3)]));
            int edges = 0;
            for (const auto& adjacencyRow : r.cell.adjacency())
                for (int e : adjacencyRow)
                    edges += e;
            QCOMPARE(a[row][kEdgeCount], float(edges));
            QCOMPARE(a[row][kVertexCount], float(r.cell.numVertices()));
        }
    }

    // Depth by hand, and the multiply-accumulates column.
    void depthByHandAndTheCountsColumns_data()
    {
        QTest::addColumn<Cell>("cell");
        QTest::addColumn<int>("depth");
        QTest::newRow("in -> 3x3 -> out") << cellOf({Op::Input, Op::Conv3x3, Op::Output}, {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}) << 2;
        QTest::newRow("a chain of four with a skip") << cellOf({Op::Input, Op::Conv3x3, Op::Conv1x1, Op::MaxPool3x3, Op::Output},
                                                              {{0, 1, 0, 0, 1}, {0, 0, 1, 0, 0}, {0, 0, 0, 1, 0},
                                                               {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}})
                                                     << 4;
        QTest::newRow("two branches of one and two") << cellOf({Op::Input, Op::Conv1x1, Op::Conv3x3, Op::MaxPool3x3, Op::Output},
                                                               {{0, 1, 1, 0, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 1, 0},
                                                                {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}})
                                                      << 3;
    }

    void depthByHandAndTheCountsColumns()
    {
        QFETCH(Cell, cell);
        QFETCH(int, depth);
        const torch::Tensor t = labelFreeTargets({cell});
        QCOMPARE(t[0][kDepth].item<float>(), float(depth));
        // The count itself is checked by hand in tst_proxies (flops) and against the plan in tst_cellnetwork.
        QCOMPARE(t[0][kLogMultiplyAccumulates].item<float>(), float(std::log(networkMultiplyAccumulates(cell))));
    }

    // What pre-training is for: on cells it never saw, the model ranks their parameter counts and
    // depths, where an untrained one of the same seed does not.
    void pretrainingLearnsThePropertiesOfUnseenCells()
    {
        const std::vector<Cell> unseen = sampleCells(10000, 1000);
        const torch::Tensor truth = labelFreeTargets(unseen);
        const auto taus = [&](int epochs) {
            PretrainingOptions o;
            o.epochs = epochs;
            o.batchSize = 64;
            o.learningRate = 3e-3; // the 32-wide model learns slowly at the default
            o.seed = 3;
            std::vector<std::string> lines;
            o.log = [&](const std::string& line) { lines.push_back(line); };
            GnnRegressor m = pretrainOnLabelFreeTargets(smallGnn(), sampleCells(0, 3000), o);
            m->eval();
            c10::InferenceMode inference;
            const torch::Tensor out = m->forward(encodeCells(unseen));
            return std::tuple{kendallTau(column(out, kLogParameters), column(truth, kLogParameters)),
                              kendallTau(column(out, kDepth), column(truth, kDepth)), lines.size()};
        };
        const auto [paramsBefore, depthBefore, linesBefore] = taus(0);
        const auto [params, depth, lines] = taus(8);
        QCOMPARE(linesBefore, std::size_t(0));
        QCOMPARE(lines, std::size_t(1 + 8)); // a first line, then one per epoch
        QVERIFY2(params > 0.85, qPrintable(QString("parameters: tau %1 (untrained %2)").arg(params).arg(paramsBefore)));
        QVERIFY2(depth > 0.6, qPrintable(QString("depth: tau %1 (untrained %2)").arg(depth).arg(depthBefore)));
        QVERIFY(std::abs(paramsBefore) < 0.3 && std::abs(depthBefore) < 0.3);
    }

    // A run pre-trains on every cell of the data, labelled or not, and reads no accuracy doing it:
    // here only 100 of 3,000 records have one.
    void aRunPretrainsOnEveryCellWithoutLabels()
    {
        std::vector<Record> records(sample().records().begin(), sample().records().begin() + 3000);
        for (std::size_t i = 100; i < records.size(); ++i)
            records[i].budgets = {};
        const Dataset partlyLabelled(std::move(records), "100 labelled of 3000");
        TrainingConfig c = smallRun(2);
        c.epochs = 5;
        c.ensemble = 2;
        std::vector<std::string> lines;
        TrainingCallbacks callbacks;
        callbacks.onLog = [&](const std::string& line) { lines.push_back(line); };
        const TrainingResult r = trainPredictor(c, partlyLabelled, callbacks);
        QVERIFY2(r.ok(), r.stopReason.c_str());
        QCOMPARE(r.stopReason, std::string("completed"));
        int pretrainingLines = 0;
        for (const std::string& line : lines)
            if (line.find("label-free pre-training on 3000 cells") != std::string::npos)
                ++pretrainingLines;
        QCOMPARE(pretrainingLines, 2);
    }

    // Cancelled before it starts, the run pre-trains nothing and stops as cancelled.
    void cancelStopsThePretraining()
    {
        const TrainingConfig c = smallRun(50);
        const std::atomic<bool> cancel{true};
        std::vector<std::string> lines;
        TrainingCallbacks callbacks;
        callbacks.cancel = &cancel;
        callbacks.onLog = [&](const std::string& line) { lines.push_back(line); };
        const TrainingResult r = trainPredictor(c, sample(), callbacks);
        QCOMPARE(r.stopReason, std::string("cancelled"));
        for (const std::string& line : lines)
            QVERIFY2(line.find("pre-training") == std::string::npos, line.c_str());
    }

    void theDefaultsPretrainTheGnnOnly()
    {
        QVERIFY(resolvedConfig(TrainingConfig{}).pretrainingEpochs > 0);
        TrainingConfig latent;
        latent.model = "vsgae-latent";
        QCOMPARE(resolvedConfig(latent).pretrainingEpochs, 0);
        TrainingConfig off;
        off.pretrainingEpochs = 0;
        QCOMPARE(resolvedConfig(off).pretrainingEpochs, 0);
    }
};

QTEST_GUILESS_MAIN(PretrainingTest)
#include "tst_pretraining.moc"
