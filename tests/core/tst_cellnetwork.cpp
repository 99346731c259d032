// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"
#include "../support/TinyImageFiles.h"

#include "network/CellNetwork.h"
#include "network/ImageData.h"
#include "network/NetworkTraining.h"
#include "util/Errors.h"
#include "util/GzipFile.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace archscope;
using namespace archscope::test;

namespace {

// The cell of `bench --only train-net` (the figure: 13,498 parameters at stem 16, 3 x 1, 1x28x28).
Cell benchCell()
{
    return test::cellOf({Op::Input, Op::Conv1x1, Op::Conv3x3, Op::Conv3x3, Op::Conv3x3, Op::MaxPool3x3, Op::Output},
                        {{0, 1, 1, 1, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 1, 0, 0},
                         {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 0}});
}

NetworkConfig smallConfig(int stem, int stacks, int modules, int channels, int size)
{
    NetworkConfig c;
    c.stemChannels = stem;
    c.numStacks = stacks;
    c.cellsPerStack = modules;
    c.inputChannels = channels;
    c.inputHeight = c.inputWidth = size;
    return c;
}

std::string cifarRecords(int n, int firstLabel)
{
    std::string data;
    for (int i = 0; i < n; ++i) {
        data += static_cast<char>((firstLabel + i) % 10);
        for (int k = 0; k < 3 * 32 * 32; ++k)
            data += static_cast<char>((k + i) % 256);
    }
    return data;
}

} // namespace

class TestCellNetwork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The built LibTorch module of every bundled record has exactly the record's `params` (NAS-Bench-101's
    // trainable_parameters): counted from the module's parameters, not from a formula.
    void everyRecordsNetworkHasItsParams()
    {
        int mismatches = 0;
        for (const Record& r : test::sample().records()) {
            const std::int64_t p = trainableParameterCount(*CellNetwork(buildNetworkPlan(r.cell), false));
            if (p != r.params && ++mismatches <= 5)
                qWarning() << r.hash.hex().c_str() << "expected" << r.params << "got" << p;
        }
        QCOMPARE(mismatches, 0);
    }

    // The formula that the label-free pre-training uses against the built plan's layers, which the flops
    // proxy counts, on every 20th bundled cell at NAS-Bench-101's configuration and at train-net's small
    // ones (odd image sizes included, where the down-sampling rounds up).
    void multiplyAccumulatesByFormulaEqualThePlans_data()
    {
        QTest::addColumn<int>("stem");
        QTest::addColumn<int>("stacks");
        QTest::addColumn<int>("modules");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("size");
        QTest::newRow("NAS-Bench-101: 128, 3 x 3, 3x32x32") << 128 << 3 << 3 << 3 << 32;
        QTest::newRow("train-net: 16, 3 x 1, 1x28x28") << 16 << 3 << 1 << 1 << 28;
        QTest::newRow("8, 4 x 2, 3x13x13") << 8 << 4 << 2 << 3 << 13;
    }

    void multiplyAccumulatesByFormulaEqualThePlans()
    {
        QFETCH(int, stem);
        QFETCH(int, stacks);
        QFETCH(int, modules);
        QFETCH(int, channels);
        QFETCH(int, size);
        const NetworkConfig config = smallConfig(stem, stacks, modules, channels, size);
        const auto& records = test::sample().records();
        for (std::size_t i = 0; i < records.size(); i += 20) {
            const double plan = planMultiplyAccumulates(buildNetworkPlan(records[i].cell, config));
            QVERIFY(plan > 0);
            QCOMPARE(networkMultiplyAccumulates(records[i].cell, config), plan);
        }
    }

    void benchCellAtTheBenchConfig()
    {
        const NetworkPlan plan = buildNetworkPlan(benchCell(), smallConfig(16, 3, 1, 1, 28));
        QCOMPARE(trainableParameterCount(*CellNetwork(plan, false)), std::int64_t(13498));
        QCOMPARE(planParameterCount(plan), std::int64_t(13498));
    }

    // compute_vertex_channels gives the remainder to the lowest-numbered vertices, so vertex 1 (43
    // channels) feeding vertex 3 (42) is truncated: the stored vertex order matters.
    void lowerVerticesTakeTheRemainderAndAreTruncated()
    {
        const Cell cell = test::cellOf({Op::Input, Op::Conv3x3, Op::Conv3x3, Op::Conv1x1, Op::Output},
                                       {{0, 1, 1, 0, 0}, {0, 0, 0, 1, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}});
        const NetworkPlan plan = buildNetworkPlan(cell);
        int truncations = 0;
        for (const Layer& l : plan.layers)
            if (l.module == 0 && l.kind == LayerKind::Truncate) {
                ++truncations;
                QCOMPARE(l.inChannels, 43);
                QCOMPARE(l.outChannels, 42);
            }
        QCOMPARE(truncations, 1);
        QCOMPARE(plan.layers.back().kind, LayerKind::Dense);
        QCOMPARE(plan.layers.back().inChannels, 512);
    }

    void outputShapeAndDownSampling_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("pooled");
        QTest::newRow("32x32 -> 8x8") << 32 << 8;
        QTest::newRow("28x28 -> 7x7") << 28 << 7;
        QTest::newRow("odd 9x9 -> 3x3 ('same' rounds up)") << 9 << 3;
    }
    void outputShapeAndDownSampling()
    {
        QFETCH(int, size);
        QFETCH(int, pooled);
        const NetworkPlan plan = buildNetworkPlan(benchCell(), smallConfig(8, 3, 2, 3, size));
        CellNetwork net(plan);
        const torch::Tensor out = net->forward(torch::randn({2, 3, size, size}));
        QCOMPARE(out.sizes().vec(), (std::vector<std::int64_t>{2, 10}));
        const Layer& pool = plan.layers[plan.layers.size() - 2];
        QCOMPARE(pool.kind, LayerKind::GlobalAvgPool);
        QCOMPARE(plan.layers[static_cast<std::size_t>(pool.inputs[0])].height, pooled);
    }

    void invalidCellAndConfigAreRefused()
    {
        const Cell noPath = test::cellOf({Op::Input, Op::Conv3x3, Op::Output}, {{0, 1, 0}, {0, 0, 0}, {0, 0, 0}});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, buildNetworkPlan(noPath));
        NetworkConfig c;
        c.stemChannels = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, buildNetworkPlan(benchCell(), c));
    }

    void idxReaderReadsPlainAndGzip_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("gzip") << true;
        QTest::newRow("plain") << false;
    }
    void idxReaderReadsPlainAndGzip()
    {
        QFETCH(bool, gzip);
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        writeBrightnessImages(d, "train", 100, 12, gzip);
        writeBrightnessImages(d, "t10k", 30, 12, gzip);
        const ImageTask t = loadFashionMnist(d);
        QCOMPARE(t.train.size(), std::int64_t(80)); // at most 20,000 images: the last fifth validates
        QCOMPARE(t.validation.size(), std::int64_t(20));
        QCOMPARE(t.test.size(), std::int64_t(30));
        QCOMPARE(t.height, 12);
        QCOMPARE(t.validation.labels[0].item<std::int64_t>(), std::int64_t((80 * 7) % 10));
        const torch::Tensor b = t.batch(t.train, torch::arange(5, torch::kInt64), true, torch::kCPU);
        QCOMPARE(b.sizes().vec(), (std::vector<std::int64_t>{5, 1, 12, 12}));
    }

    void idxReaderErrors_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong magic") << "magic" << "not an IDX file";
        QTest::newRow("missing pixels") << "short" << "data bytes, the header announces";
        QTest::newRow("label 12") << "label" << "label 12 is not one of the 10 classes";
        QTest::newRow("fewer labels") << "count" << "labels for";
        QTest::newRow("no file") << "missing" << "no train-labels-idx1-ubyte";
        // 2^24 x 2^24 x 2^16 bytes wrapped to 0 in 64 bits, matched an empty body and reached LibTorch's
        // allocator, whose error named no file.
        QTest::newRow("size beyond 64 bits") << "overflow" << "train-images-idx3-ubyte: the header announces more than";
    }
    void idxReaderErrors()
    {
        QFETCH(QString, damage);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        writeBrightnessImages(d, "train", 20, 6, false);
        writeBrightnessImages(d, "t10k", 5, 6, false);
        const std::string labels = d + "/train-labels-idx1-ubyte";
        const std::string header = bigEndian(0x801) + bigEndian(20);
        if (damage == "magic")
            writeBytes(labels, bigEndian(0x802) + bigEndian(20) + std::string(20, '\1'), false);
        else if (damage == "short")
            writeBytes(d + "/train-images-idx3-ubyte", bigEndian(0x803) + bigEndian(20) + bigEndian(6) + bigEndian(6) + "abc", false);
        else if (damage == "label")
            writeBytes(labels, header + std::string(19, '\1') + "\x0c", false);
        else if (damage == "overflow")
            writeBytes(d + "/train-images-idx3-ubyte", bigEndian(0x803) + bigEndian(1u << 24) + bigEndian(1u << 24) + bigEndian(1u << 16), false);
        else if (damage == "count")
            writeBytes(labels, bigEndian(0x801) + bigEndian(19) + std::string(19, '\1'), false);
        else
            std::remove(labels.c_str());
        try {
            loadFashionMnist(d);
            QFAIL("expected a DataError");
        } catch (const DataError& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
        }
    }

    void cifarReader()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        for (int i = 1; i <= 5; ++i)
            writeBytes(d + "/data_batch_" + std::to_string(i) + ".bin", cifarRecords(4, i), false);
        writeBytes(d + "/test_batch.bin", cifarRecords(3, 0), false);
        const ImageTask t = loadCifar10(d);
        QCOMPARE(t.train.size(), std::int64_t(16));
        QCOMPARE(t.validation.size(), std::int64_t(4)); // data_batch_5's images, as NAS-Bench-101
        QCOMPARE(t.validation.labels[0].item<std::int64_t>(), std::int64_t(5));
        QCOMPARE(t.test.size(), std::int64_t(3));
        QCOMPARE(t.train.images.sizes().vec(), (std::vector<std::int64_t>{16, 3, 32, 32}));
        QCOMPARE(t.train.images[1][0][0][0].item<int>(), 1); // the first pixel byte after the label

        writeBytes(d + "/data_batch_3.bin", cifarRecords(2, 0) + "xyz", false);
        QVERIFY_THROWS_EXCEPTION(DataError, loadCifar10(d));
        std::string badLabel = cifarRecords(1, 0);
        badLabel[0] = 10;
        writeBytes(d + "/data_batch_3.bin", badLabel, false);
        QVERIFY_THROWS_EXCEPTION(DataError, loadCifar10(d));
    }

    // A few epochs on the band images lower the loss and beat chance, with an event per epoch.
    void trainingLowersTheLoss()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        writeBrightnessImages(d, "train", 400, 10, true);
        writeBrightnessImages(d, "t10k", 100, 10, true);
        NetTrainingConfig c;
        c.taskDir = d;
        c.network = smallConfig(8, 1, 1, 1, 10);
        c.epochs = 6;
        c.batchSize = 32;
        c.learningRate = 0.05;
        c.augment = false;
        c.threads = 1;
        int epochs = 0;
        TrainingCallbacks cb;
        cb.onEpoch = [&](const EpochEvent&) { ++epochs; };
        const NetTrainingResult r = trainCellNetwork(benchCell(), c, cb);
        QCOMPARE(r.stopReason, std::string("completed"));
        QCOMPARE(epochs, 6);
        QCOMPARE(int(r.history.size()), 6);
        QVERIFY2(r.history.back().trainLoss < 0.7 * r.history.front().trainLoss,
                 qPrintable(QString::number(r.history.front().trainLoss) + " -> " + QString::number(r.history.back().trainLoss)));
        QVERIFY2(r.testAccuracy > 0.3, qPrintable(QString::number(r.testAccuracy)));
        QCOMPARE(r.parameters, planParameterCount(buildNetworkPlan(benchCell(), smallConfig(8, 1, 1, 1, 10))));
    }

    void cancelledTrainingStops()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        writeBrightnessImages(d, "train", 100, 8, false);
        writeBrightnessImages(d, "t10k", 20, 8, false);
        NetTrainingConfig c;
        c.taskDir = d;
        c.network = smallConfig(4, 1, 1, 1, 8);
        c.epochs = 50;
        c.batchSize = 10;
        c.threads = 1;
        std::atomic<bool> cancel{false};
        TrainingCallbacks cb;
        cb.cancel = &cancel;
        cb.onStep = [&](const StepEvent& s) {
            if (s.epoch == 2)
                cancel = true;
        };
        const NetTrainingResult r = trainCellNetwork(benchCell(), c, cb);
        QCOMPARE(r.stopReason, std::string("cancelled"));
        QCOMPARE(int(r.history.size()), 1);
    }

    void configOutOfRangeIsRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("epochs") << "epochs";
        QTest::newRow("learning rate") << "lr";
        QTest::newRow("weight decay") << "wd";
        QTest::newRow("momentum") << "momentum";
        QTest::newRow("train images") << "images";
    }
    void configOutOfRangeIsRefused()
    {
        QFETCH(QString, field);
        NetTrainingConfig c;
        if (field == "epochs")
            c.epochs = 0;
        else if (field == "lr")
            c.learningRate = std::nan("");
        else if (field == "wd")
            c.weightDecay = -1;
        else if (field == "momentum")
            c.momentum = 1;
        else
            c.trainImages = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.check());
    }
};

QTEST_APPLESS_MAIN(TestCellNetwork)
#include "tst_cellnetwork.moc"
