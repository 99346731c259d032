// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Model files are data: the safetensors reader checks every length, offset, shape, dtype and the
// checksum before a tensor is made, and refuses LibTorch archives. Crafted files are built here byte
// by byte, so each case breaks exactly one rule; the optimizer state of a checkpoint must continue a
// run exactly as the live optimizer would.

#include "model/GnnPredictor.h"
#include "model/ModelArchive.h"
#include "registry/PredictorRegistry.h"
#include "train/FusedAdam.h"
#include "train/OptimizerState.h"
#include "util/Crc32c.h"
#include "util/Errors.h"
#include "util/SafeTensors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <limits>
#include <fstream>

using namespace archscope;

namespace {

std::string lengthPrefix(std::uint64_t n)
{
    std::string out(8, '\0');
    for (int i = 0; i < 8; ++i)
        out[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
    return out;
}

std::string crcText(const std::string& data)
{
    char text[9];
    std::snprintf(text, sizeof text, "%08x", crc32c(data.data(), data.size()));
    return text;
}

// A file from a header and data as given; the metadata gets a format, a version and, unless the header
// has one, the data's checksum.
std::string craft(nlohmann::json header, const std::string& data)
{
    nlohmann::json& meta = header["__metadata__"];
    if (meta.is_object()) {
        if (!meta.contains("format"))
            meta["format"] = kModelFormat;
        if (!meta.contains("format_version"))
            meta["format_version"] = std::to_string(kModelFormatVersion);
        if (!meta.contains(kTensorsChecksumKey))
            meta[kTensorsChecksumKey] = crcText(data);
    }
    const std::string text = header.dump();
    return lengthPrefix(text.size()) + text + data;
}

nlohmann::json entry(const char* dtype, std::vector<std::int64_t> shape, std::uint64_t begin, std::uint64_t end)
{
    return {{"dtype", dtype}, {"shape", shape}, {"data_offsets", {begin, end}}};
}

std::string floats(int n) { return std::string(static_cast<std::size_t>(4 * n), '\0'); }

GnnPredictor tinyPredictor()
{
    GnnConfig config;
    config.nodeDim = 8;
    config.graphDim = 8;
    return GnnPredictor({config}, {GnnRegressor(config)}, TargetScaling{{MonotoneMap({0.5, 0.9}, {-2, 2})}}, 108, "tiny");
}

std::string tinyModelBytes()
{
    ModelArchive archive;
    tinyPredictor().writeTo(archive);
    return archive.bytes();
}

} // namespace

class TestModelFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writtenFilesFollowTheLayout()
    {
        const std::string bytes = tinyModelBytes();
        std::uint64_t length = 0;
        for (int i = 7; i >= 0; --i)
            length = (length << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
        QCOMPARE(length % 8, std::uint64_t(0)); // the tensors start 8-byte aligned
        const auto header = nlohmann::json::parse(bytes.substr(8, length));
        QCOMPARE(header.at("__metadata__").at("format").get<std::string>(), std::string("archscope-model"));
        QCOMPARE(header.at("__metadata__").at("format_version").get<std::string>(), std::string("3"));
        // PyTorch's state_dict names, under the ensemble member's.
        QVERIFY(header.contains("member0.mlp.0.weight"));
        std::uint64_t total = 0;
        for (const auto& [name, e] : header.items())
            if (name != "__metadata__")
                total += e.at("data_offsets")[1].get<std::uint64_t>() - e.at("data_offsets")[0].get<std::uint64_t>();
        QCOMPARE(total, std::uint64_t(bytes.size() - 8 - length));
        const std::string data = bytes.substr(8 + length);
        QCOMPARE(header.at("__metadata__").at(kTensorsChecksumKey).get<std::string>(), crcText(data));
    }

    void everyDTypeRoundTrips()
    {
        ModelArchive archive;
        archive.write("f64", torch::tensor({1.5, -2.25}, torch::kFloat64));
        archive.write("f32", torch::arange(6, torch::kFloat32).reshape({2, 3}));
        archive.write("f16", torch::tensor({0.5f}).to(torch::kFloat16));
        archive.write("bf16", torch::tensor({2.0f}).to(torch::kBFloat16));
        archive.write("i64", torch::tensor({std::int64_t(1) << 40}, torch::kInt64));
        archive.write("i32", torch::tensor({-7}, torch::kInt32));
        archive.write("i16", torch::tensor({300}).to(torch::kInt16));
        archive.write("i8", torch::tensor({-3}).to(torch::kInt8));
        archive.write("u8", torch::tensor({200}).to(torch::kUInt8));
        archive.write("bool", torch::tensor({true, false}));
        archive.write("empty", torch::empty({0, 4}));
        archive.writeString("note", "ü and \"quotes\"");
        const ModelArchive back = ModelArchive::fromBytes(archive.bytes(), "round trip");
        for (const char* key : {"f64", "f32", "f16", "bf16", "i64", "i32", "i16", "i8", "u8", "bool", "empty"}) {
            const torch::Tensor a = *archive.tensor(key);
            const auto b = back.tensor(key);
            QVERIFY2(b, key);
            QCOMPARE(b->scalar_type(), a.scalar_type());
            QVERIFY2(b->sizes() == a.sizes() && torch::equal(*b, a), key);
        }
        QCOMPARE(*back.string("note"), std::string("ü and \"quotes\""));
    }

    void nestedArchivesKeepTheirEntriesApart()
    {
        ModelArchive inner;
        inner.write("w", torch::ones({2}));
        ModelArchive outer;
        outer.write("member1", inner);
        outer.write("member10", inner);
        QVERIFY(outer.nested("member1"));
        QCOMPARE(outer.nested("member1")->tensorCount(), std::size_t(1));
        QVERIFY(!outer.nested("member2"));
        QVERIFY(outer.tensor("member10.w"));
    }

    void craftedFilesAreRefusedByName_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("messagePart");
        const auto row = [](const char* name, const std::string& bytes, const char* part) {
            QTest::newRow(name) << QByteArray::fromStdString(bytes) << QString::fromUtf8(part);
        };
        const nlohmann::json meta = nlohmann::json::object();
        row("shorter than the length", "\x05\0\0", "shorter than a safetensors header");
        row("header length past the end", lengthPrefix(1000) + "{}", "runs past the file's 10 bytes");
        row("header length 2^63", lengthPrefix(std::uint64_t(1) << 63) + "{}", "runs past the file");
        row("header not JSON", lengthPrefix(5) + "{oops", "malformed header");
        row("header an array", lengthPrefix(2) + "[]", "not a JSON object");
        row("header nested 100 deep", lengthPrefix(201) + "{" + std::string(100, '[') + std::string(100, ']'),
            "nested deeper than 64");
        row("unknown dtype", craft({{"a", entry("F99", {1}, 0, 4)}, {"__metadata__", meta}}, floats(1)), "unknown dtype");
        row("dtype not text", craft({{"a", {{"dtype", 4}, {"shape", {1}}, {"data_offsets", {0, 4}}}}, {"__metadata__", meta}}, floats(1)),
            "unknown dtype");
        row("no shape", craft({{"a", {{"dtype", "F32"}, {"data_offsets", {0, 4}}}}, {"__metadata__", meta}}, floats(1)),
            "lacks its dtype, shape or data_offsets");
        row("negative size", craft({{"a", {{"dtype", "F32"}, {"shape", {-1}}, {"data_offsets", {0, 4}}}}, {"__metadata__", meta}}, floats(1)),
            "not a non-negative integer");
        row("nine dimensions", craft({{"a", entry("F32", std::vector<std::int64_t>(9, 1), 0, 4)}, {"__metadata__", meta}}, floats(1)),
            "at most 8 sizes");
        row("shape needs more bytes", craft({{"a", entry("F32", {3}, 0, 8)}, {"__metadata__", meta}}, floats(2)),
            "need another size than its 8 bytes");
        row("shape overflows", craft({{"a", entry("F32", {1ll << 40, 1ll << 40, 1ll << 40}, 0, 8)}, {"__metadata__", meta}}, floats(2)),
            "need another size");
        row("range past the data", craft({{"a", entry("F32", {4}, 0, 16)}, {"__metadata__", meta}}, floats(2)),
            "lie outside the 8 bytes of tensor data");
        row("range backwards", craft({{"a", entry("F32", {1}, 8, 4)}, {"__metadata__", meta}}, floats(2)), "lie outside");
        row("ranges overlap", craft({{"a", entry("F32", {2}, 0, 8)}, {"b", entry("F32", {1}, 4, 8)}, {"__metadata__", meta}}, floats(2)),
            "overlap or leave a gap");
        row("range leaves a gap", craft({{"a", entry("F32", {1}, 4, 8)}, {"__metadata__", meta}}, floats(2)),
            "overlap or leave a gap");
        row("trailing bytes", craft({{"a", entry("F32", {1}, 0, 4)}, {"__metadata__", meta}}, floats(2)), "trailing bytes");
        row("bool byte 2", craft({{"a", entry("BOOL", {2}, 0, 2)}, {"__metadata__", meta}}, std::string("\x01\x02", 2)),
            "neither 0 nor 1");
        row("metadata not text", craft({{"__metadata__", {{"format", 7}}}}, ""), "is not a string");
        {
            const float nan = std::numeric_limits<float>::quiet_NaN();
            std::string bytes(4, '\0');
            std::memcpy(bytes.data(), &nan, 4);
            row("a NaN weight", craft({{"a", entry("F32", {1}, 0, 4)}, {"__metadata__", meta}}, bytes),
                "tensor \"a\" holds NaN or infinity");
            row("an infinite F16", craft({{"a", entry("F16", {1}, 0, 2)}, {"__metadata__", meta}}, std::string("\x00\x7c", 2)),
                "holds NaN or infinity");
        }
        row("no checksum", [] {
            const std::string text = nlohmann::json{{"__metadata__", {{"format", kModelFormat}}}}.dump();
            return lengthPrefix(text.size()) + text;
        }(), "no \"tensors_crc32c\"");
        row("version 2", craft({{"__metadata__", {{"format_version", "2"}}}}, ""), "model format version 2");
        row("another format", craft({{"__metadata__", {{"format", "someone-else"}}}}, ""), "not an ArchScope model file");
        row("no config", craft({{"__metadata__", meta}}, ""), "no \"config\" entry");
        row("LibTorch archive", std::string("PK\x03\x04", 4) + std::string(60, '\0'), "convert-model");
        {
            std::string flipped = tinyModelBytes();
            flipped[flipped.size() - 3] = static_cast<char>(flipped[flipped.size() - 3] ^ 0x10);
            row("a tensor byte changed", flipped, "checksum does not match");
        }
        {
            // The metadata's config names one more member than the file holds.
            ModelArchive archive;
            tinyPredictor().writeTo(archive);
            auto config = nlohmann::json::parse(*archive.string("config"));
            config["members"] = 2;
            archive.writeString("config", config.dump());
            row("a member missing", archive.bytes(), "missing \"member1\"");
        }
        {
            ModelArchive archive;
            tinyPredictor().writeTo(archive);
            const torch::Tensor w = *archive.tensor("member0.mlp.0.weight");
            archive.write("member0.mlp.0.weight", w.to(torch::kFloat64));
            row("a tensor of another dtype", archive.bytes(), "holds Double, the model expects Float");
        }
    }

    void craftedFilesAreRefusedByName()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, messagePart);
        QTemporaryDir dir;
        const std::string path = dir.filePath("crafted.safetensors").toStdString();
        std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
        try {
            loadPredictor(path);
            QFAIL("a crafted model file was loaded");
        } catch (const DataError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), e.what());
            QVERIFY2(message.contains(messagePart), e.what());
            QVERIFY2(!message.contains(QLatin1Char('\n')), e.what());
        }
    }

    // Finite weights that overflow (libFuzzer altered a model and fixed its checksum): the prediction
    // is an error naming the model, never NaN as an accuracy.
    void overflowingWeightsGiveAnErrorNotNaN()
    {
        GnnPredictor predictor = tinyPredictor();
        ModelArchive archive;
        predictor.writeTo(archive);
        torch::manual_seed(0);
        ModelArchive altered;
        altered.writeModelConfig(*archive.string("config"));
        ModelArchive member;
        {
            GnnConfig config;
            config.nodeDim = 8;
            config.graphDim = 8;
            GnnRegressor huge(config);
            torch::NoGradGuard noGrad;
            for (auto& p : huge->parameters())
                p.copy_(torch::randn(p.sizes()) * 1e30);
            member.writeModule(*huge);
        }
        altered.write("member0", member);
        const auto loaded = loadPredictor(ModelArchive::fromBytes(altered.bytes(), "altered"), "altered");
        const Cell cell({Op::Input, Op::Conv3x3, Op::MaxPool3x3, Op::Output},
                        {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}});
        try {
            const std::vector<float> p = loaded->predict({cell});
            QFAIL(qPrintable(QStringLiteral("predicted %1").arg(double(p[0]))));
        } catch (const DataError& e) {
            QVERIFY2(std::string(e.what()).find("gives no number for cell 1 of 1") != std::string::npos, e.what());
        }
    }

    void optimizerStateContinuesTheRun_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("Adam") << "adam";
        QTest::newRow("Adam, AMSGrad") << "amsgrad";
        QTest::newRow("fused Adam, weight decay") << "fused";
        QTest::newRow("RMSprop, momentum, centred") << "rmsprop";
        QTest::newRow("SGD, momentum") << "sgd";
    }

    // Three steps, a checkpoint, a fourth step: the restored optimizer must take the live one's step.
    void optimizerStateContinuesTheRun()
    {
        QFETCH(QString, kind);
        torch::manual_seed(3);
        auto make = [&](torch::nn::Linear& model) -> std::unique_ptr<torch::optim::Optimizer> {
            if (kind == "fused")
                return std::make_unique<FusedAdam>(model->parameters(), torch::optim::AdamOptions(0.01).weight_decay(3e-3));
            if (kind == "adam" || kind == "amsgrad")
                return std::make_unique<torch::optim::Adam>(model->parameters(),
                                                            torch::optim::AdamOptions(0.01).amsgrad(kind == "amsgrad"));
            if (kind == "rmsprop")
                return std::make_unique<torch::optim::RMSprop>(
                    model->parameters(), torch::optim::RMSpropOptions(0.01).momentum(0.9).centered(true));
            return std::make_unique<torch::optim::SGD>(model->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9));
        };
        const torch::Tensor x = torch::randn({16, 3});
        const torch::Tensor y = torch::randn({16, 2});
        auto step = [&](torch::nn::Linear& model, torch::optim::Optimizer& opt) {
            opt.zero_grad();
            torch::mse_loss(model->forward(x), y).backward();
            opt.step();
        };
        torch::nn::Linear live(3, 2);
        auto liveOpt = make(live);
        for (int i = 0; i < 3; ++i)
            step(live, *liveOpt);

        ModelArchive checkpoint;
        checkpoint.writeModule(*live);
        ModelArchive opt;
        writeOptimizerState(opt, *liveOpt);
        checkpoint.write("optimizer", opt);
        const ModelArchive read = ModelArchive::fromBytes(checkpoint.bytes(), "checkpoint");

        torch::nn::Linear resumed(3, 2);
        read.loadModule(*resumed, "checkpoint");
        auto resumedOpt = make(resumed);
        readOptimizerState(*read.nested("optimizer"), *resumedOpt, "checkpoint");
        step(live, *liveOpt);
        step(resumed, *resumedOpt);
        QVERIFY(torch::equal(live->weight, resumed->weight));
        QVERIFY(torch::equal(live->bias, resumed->bias));

        // A fresh optimizer (no state restored) takes another step: the test can tell them apart.
        torch::nn::Linear fresh(3, 2);
        read.loadModule(*fresh, "checkpoint");
        auto freshOpt = make(fresh);
        step(fresh, *freshOpt);
        QVERIFY(!torch::equal(live->weight, fresh->weight));
    }

    void optimizerStateOfAnotherModelIsRefused()
    {
        torch::nn::Linear small(3, 2), large(4, 2);
        torch::optim::Adam smallOpt(small->parameters(), torch::optim::AdamOptions(0.01));
        smallOpt.zero_grad();
        small->forward(torch::ones({1, 3})).sum().backward();
        smallOpt.step();
        ModelArchive state;
        writeOptimizerState(state, smallOpt);
        torch::optim::Adam largeOpt(large->parameters(), torch::optim::AdamOptions(0.01));
        QVERIFY_THROWS_EXCEPTION(DataError, readOptimizerState(state, largeOpt, "checkpoint"));
        torch::optim::Adam onlyWeight({large->weight}, torch::optim::AdamOptions(0.01));
        QVERIFY_THROWS_EXCEPTION(DataError, readOptimizerState(state, onlyWeight, "checkpoint"));
    }
};

QTEST_GUILESS_MAIN(TestModelFile)
#include "tst_modelfile.moc"
