// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Data-parallel training through LibTorch's c10d (Gloo over loopback): ranks in threads of this process,
// each with its own group, against one process training the same model at the same global batch.

#include "model/ModelArchive.h"
#include "train/DataParallel.h"
#include "train/TrainingLoop.h"
#include "util/Errors.h"

#include "../support/FreePort.h"

#include <QTemporaryDir>
#include <QtTest>

#include <future>
#include <map>
#include <thread>

using namespace archscope;

namespace {

constexpr std::int64_t kExamples = 50;

// A small MLP fitted to a smooth function by Adam; `unused` has no gradient, as a module's frozen or
// dead branch would not.
class CurveTask final : public TrainingTask {
public:
    int throwAtStep = -1; // > 0: this rank fails at this step, as a crashed process would
    int steps = 0;
    // The loss also ranks every pair of the batch's examples, as the GNN's ranking term does: no rank's
    // part alone has its share, which then needs the other ranks' outputs (BatchPart::gather).
    bool pairwise = false;
    int width = 16; // of the hidden layer

    std::string configJson() const override { return R"({"task":"curve","width":)" + std::to_string(width) + "}"; }
    std::string dataFingerprint() const override { return "curve"; }

    RunStartEvent prepare(const ModelArchive*, const std::function<void(const std::string&)>&) override
    {
        x_ = torch::linspace(-2, 2, kExamples).unsqueeze(1);
        y_ = torch::sin(2 * x_) + 0.5 * x_;
        return {"cpu", 1, static_cast<std::size_t>(kExamples), static_cast<std::size_t>(kExamples)};
    }
    std::int64_t trainingExamples() const override { return kExamples; }

    torch::optim::Optimizer& startMember(int) override
    {
        model_ = torch::nn::Sequential(torch::nn::Linear(1, width), torch::nn::Tanh(), torch::nn::Linear(width, 1));
        // The ranks here are threads sharing LibTorch's one generator, which the loop seeds as if each
        // were a process of its own: the initial weights come from no generator.
        torch::NoGradGuard noGrad;
        double phase = 0.3;
        for (torch::Tensor& p : model_->parameters()) {
            p.copy_(0.5 * torch::sin(torch::arange(p.numel(), torch::kFloat32) * 1.7 + phase).view_as(p));
            phase += 1;
        }
        unused_ = torch::zeros({3}, torch::requires_grad());
        auto params = model_->parameters();
        params.push_back(unused_);
        optimizer_ = std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(0.01));
        return *optimizer_;
    }
    void restoreMembers(const ModelArchive& checkpoint, int) override
    {
        checkpoint.loadModule(*model_, "curve checkpoint");
    }
    torch::Tensor trainingLoss(const torch::Tensor& batch) override
    {
        if (++steps == throwAtStep)
            throw std::runtime_error("rank failed on purpose");
        return loss(model_->forward(x_.index_select(0, batch)), y_.index_select(0, batch));
    }
    torch::Tensor trainingLossShare(const BatchPart& part) override
    {
        if (!pairwise)
            return TrainingTask::trainingLossShare(part);
        const torch::Tensor mine = part.empty() ? torch::empty({0, 1}) : model_->forward(x_.index_select(0, part.rows()));
        const torch::Tensor all = part.gather(mine);
        const torch::Tensor l = loss(torch::cat({all.slice(0, 0, part.first), mine, all.slice(0, part.end)}),
                                     y_.index_select(0, part.batch));
        return l - l.detach() + l.detach() / static_cast<double>(part.ranks);
    }
    void validate(EpochEvent& ev) override
    {
        torch::NoGradGuard noGrad;
        ev.valLoss = torch::mse_loss(model_->forward(x_), y_).item<double>();
    }
    double selectionScore(const EpochEvent& ev) const override { return -ev.valLoss; }
    void keepBest() override {}
    void writeCheckpoint(ModelArchive& archive) const override { archive.writeModule(*model_); }

    torch::Tensor flatWeights() const
    {
        std::vector<torch::Tensor> all;
        for (const torch::Tensor& p : model_->parameters())
            all.push_back(p.detach().reshape(-1));
        return torch::cat(all);
    }

private:
    torch::Tensor loss(const torch::Tensor& out, const torch::Tensor& y) const
    {
        torch::Tensor l = torch::mse_loss(out, y);
        if (pairwise) {
            const torch::Tensor order = (y - y.t()).sign();
            l = l + (torch::softplus(-(out - out.t()) * order) * order.abs()).sum() / order.abs().sum().clamp_min(1);
        }
        return l;
    }

    torch::Tensor x_, y_, unused_;
    torch::nn::Sequential model_{nullptr};
    std::unique_ptr<torch::optim::Adam> optimizer_;
};

LoopSettings settings(int batch)
{
    LoopSettings s;
    s.epochs = 4;
    s.batchSize = batch;
    s.learningRate = 0.02;
    s.seed = 5;
    return s;
}

struct RankRun {
    LoopOutcome outcome;
    torch::Tensor weights;
    int epochEvents = 0;
    std::string error;
};

// `ranks` ranks of one run, each in a thread with its own group and task; `prepare` adjusts rank r's task and settings.
std::vector<RankRun> runRanks(int ranks, int batch, int timeoutSeconds = 60,
                              const std::function<void(int, CurveTask&, LoopSettings&)>& prepare = {})
{
    const int port = archscope::test::freeLoopbackPort();
    std::vector<RankRun> runs(static_cast<std::size_t>(ranks));
    std::vector<std::thread> threads;
    for (int r = 0; r < ranks; ++r)
        threads.emplace_back([&, r] {
            RankRun& run = runs[static_cast<std::size_t>(r)];
            try {
                ParallelSettings ps;
                ps.rank = r;
                ps.worldSize = ranks;
                ps.masterPort = port;
                ps.timeout = std::chrono::seconds(timeoutSeconds);
                CurveTask task;
                LoopSettings s = settings(batch);
                if (prepare)
                    prepare(r, task, s);
                s.parallel = std::make_shared<DataParallelGroup>(ps);
                TrainingCallbacks cb;
                cb.onEpoch = [&run](const EpochEvent&) { ++run.epochEvents; };
                run.outcome = runTrainingLoop(task, s, cb);
                run.weights = task.flatWeights();
            } catch (const std::exception& e) {
                run.error = e.what();
            }
        });
    for (std::thread& t : threads)
        t.join();
    return runs;
}

using Environment = std::map<std::string, std::string>;

} // namespace

Q_DECLARE_METATYPE(Environment)

class DataParallelTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(1);
        QVERIFY2(dataParallelAvailable(), "this build has no c10d with Gloo: install libgloo-dev (packaging/install-deps.sh) and configure again");
    }

    // W ranks at a global batch B train the model one process trains at B: the same losses and weights,
    // up to the order of float sums. Includes a last batch smaller than the ranks' count (some ranks idle).
    void ranksTrainWhatOneProcessTrains_data()
    {
        QTest::addColumn<int>("ranks");
        QTest::addColumn<int>("batch");
        QTest::addColumn<bool>("pairwise");
        QTest::newRow("2 ranks, batch 8") << 2 << 8 << false;
        QTest::newRow("2 ranks, odd batch 7") << 2 << 7 << false;
        QTest::newRow("3 ranks, batch 4, last batch of 2") << 3 << 4 << false;
        QTest::newRow("pairwise loss, 2 ranks, odd batch 7") << 2 << 7 << true;
        QTest::newRow("pairwise loss, 3 ranks, batch 4, last batch of 2") << 3 << 4 << true;
    }
    void ranksTrainWhatOneProcessTrains()
    {
        QFETCH(int, ranks);
        QFETCH(int, batch);
        QFETCH(bool, pairwise);
        CurveTask alone;
        alone.pairwise = pairwise;
        const LoopOutcome single = runTrainingLoop(alone, settings(batch), {});
        const auto runs = runRanks(ranks, batch, 60, [&](int, CurveTask& task, LoopSettings&) { task.pairwise = pairwise; });
        for (const RankRun& run : runs) {
            QVERIFY2(run.error.empty(), run.error.c_str());
            QCOMPARE(run.outcome.stopReason, std::string("completed"));
            QVERIFY2(torch::allclose(run.weights, alone.flatWeights(), 1e-5, 1e-6),
                     qPrintable(QString::number((run.weights - alone.flatWeights()).abs().max().item<double>())));
            QCOMPARE(run.outcome.history.size(), single.history.size());
        }
        const auto& h = runs.front().outcome.history;
        for (std::size_t e = 0; e < h.size(); ++e) {
            QVERIFY(std::abs(h[e].trainLoss - single.history[e].trainLoss) < 1e-6);
            QVERIFY(std::abs(h[e].valLoss - single.history[e].valLoss) < 1e-6);
        }
        QVERIFY(single.history.back().valLoss < single.history.front().valLoss);
    }

    // Rank 0 alone reports and writes the checkpoint; the checkpoint resumes on every rank.
    void rankZeroAloneReportsAndWrites()
    {
        QTemporaryDir dir;
        const auto runs = runRanks(2, 8, 60, [&](int r, CurveTask&, LoopSettings& s) {
            s.checkpointPath = dir.filePath(r == 0 ? "shared.safetensors" : "other.safetensors").toStdString();
        });
        QVERIFY2(runs[0].error.empty() && runs[1].error.empty(), (runs[0].error + runs[1].error).c_str());
        QCOMPARE(runs[0].epochEvents, 4);
        QCOMPARE(runs[1].epochEvents, 0);
        QVERIFY(QFile::exists(dir.filePath("shared.safetensors")));
        QVERIFY(!QFile::exists(dir.filePath("other.safetensors")));

        // One rank that cannot see the checkpoint would train another model: refused on both.
        const auto split = runRanks(2, 8, 60, [&](int r, CurveTask&, LoopSettings& s) {
            s.checkpointPath = dir.filePath(r == 0 ? "shared.safetensors" : "missing.safetensors").toStdString();
            s.resume = true;
        });
        for (const RankRun& run : split)
            QVERIFY2(run.error.find("the ranks resume after epochs 0 to 4") != std::string::npos, run.error.c_str());

        // Both read the shared checkpoint: they go on together to the same model.
        const auto resumed = runRanks(2, 8, 60, [&](int, CurveTask&, LoopSettings& s) {
            s.epochs = 6;
            s.checkpointPath = dir.filePath("shared.safetensors").toStdString();
            s.resume = true;
        });
        for (const RankRun& run : resumed) {
            QVERIFY2(run.error.empty(), run.error.c_str());
            QCOMPARE(run.outcome.history.size(), std::size_t(6));
        }
        QVERIFY(torch::equal(resumed[0].weights, resumed[1].weights));
        QCOMPARE(resumed[0].epochEvents, 2);
    }

    // Ranks started differently used to train apart silently (another seed or rate) or abort inside
    // Gloo (another model shape): now every rank stops at the start with the same line naming the field.
    void ranksThatRunDifferentJobsStopWithOneLine_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("seed") << "seed" << "rank 1's seed is 6, rank 0's is 5";
        QTest::newRow("learning rate") << "learning rate" << "rank 1's learning rate is 0.03, rank 0's is 0.02";
        QTest::newRow("model shape") << "width" << "rank 1's width is 8, rank 0's is 16";
        QTest::newRow("epochs") << "epochs" << "rank 1's epochs is 5, rank 0's is 4";
    }
    void ranksThatRunDifferentJobsStopWithOneLine()
    {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        const auto runs = runRanks(2, 8, 20, [&](int r, CurveTask& task, LoopSettings& s) {
            if (r != 1)
                return;
            if (field == QStringLiteral("seed"))
                s.seed = 6;
            else if (field == QStringLiteral("learning rate"))
                s.learningRate = 0.03;
            else if (field == QStringLiteral("width"))
                task.width = 8;
            else
                s.epochs = 5;
        });
        const std::string line = "data-parallel: the ranks run different jobs: " + expected.toStdString()
                                 + "; start every rank with the same command and data";
        for (const RankRun& run : runs) {
            QCOMPARE(run.error, line);
            QCOMPARE(run.epochEvents, 0);
        }
    }

    // A rank that fails mid-run (its group goes away with it) makes the others stop with an error naming
    // their rank, not hang; the checkpoint rank 0 wrote before stays loadable.
    void aFailedRankStopsTheOthers()
    {
        QTemporaryDir dir;
        const std::string checkpoint = dir.filePath("c.safetensors").toStdString();
        const auto start = std::chrono::steady_clock::now();
        const auto runs = runRanks(2, 8, 20, [&](int r, CurveTask& task, LoopSettings& s) {
            s.checkpointPath = checkpoint;
            if (r == 1)
                task.throwAtStep = 12; // in epoch 2 of 7 steps each
        });
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        QCOMPARE(runs[1].error, std::string("rank failed on purpose"));
        QVERIFY2(runs[0].error.rfind("data-parallel rank 0 of 2: ", 0) == 0, runs[0].error.c_str());
        QVERIFY2(seconds < 25, qPrintable(QString::number(seconds)));
        QVERIFY(QFile::exists(QString::fromStdString(checkpoint)));
        QVERIFY(openModelArchive(checkpoint).tensor("0.weight").has_value());
    }

    // A rank whose peers never come is told so at the rendezvous, within the timeout.
    void aMissingRankFailsTheRendezvous()
    {
        ParallelSettings ps;
        ps.rank = 0;
        ps.worldSize = 2;
        ps.masterPort = archscope::test::freeLoopbackPort();
        ps.timeout = std::chrono::seconds(2);
        try {
            DataParallelGroup group(ps);
            QFAIL("joined without rank 1");
        } catch (const std::runtime_error& e) {
            QVERIFY2(std::string(e.what()).find("the rendezvous of 2 ranks at 127.0.0.1:") != std::string::npos, e.what());
            const std::string named = "failed: waited 2 s (ARCHSCOPE_DIST_TIMEOUT) for rank 1 to join";
            QVERIFY2(std::string(e.what()).size() > named.size()
                         && std::string(e.what()).compare(std::string(e.what()).size() - named.size(), named.size(), named) == 0,
                     e.what());
        }
    }

    void readsTheLaunchersVariables_data()
    {
        QTest::addColumn<Environment>("env");
        QTest::addColumn<int>("rank"); // -1: refused, -2: a plain run
        QTest::addColumn<int>("worldSize");
        QTest::addColumn<QString>("message");
        QTest::newRow("plain") << Environment{} << -2 << 1 << "";
        QTest::newRow("torchrun") << Environment{{"RANK", "1"}, {"WORLD_SIZE", "4"}, {"LOCAL_RANK", "1"}, {"MASTER_ADDR", "node1"},
                                                 {"MASTER_PORT", "29400"}} << 1 << 4 << "";
        QTest::newRow("no world size") << Environment{{"RANK", "0"}} << -1 << 0 << "WORLD_SIZE is not set";
        QTest::newRow("rank beyond") << Environment{{"RANK", "4"}, {"WORLD_SIZE", "4"}} << -1 << 0 << "RANK: '4' is not an integer from 0 to 3";
        QTest::newRow("bad port") << Environment{{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "70000"}} << -1 << 0 << "MASTER_PORT";
        QTest::newRow("bad timeout") << Environment{{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"ARCHSCOPE_DIST_TIMEOUT", "0"}} << -1 << 0
                                     << "ARCHSCOPE_DIST_TIMEOUT";
    }
    void readsTheLaunchersVariables()
    {
        QFETCH(Environment, env);
        QFETCH(int, rank);
        QFETCH(int, worldSize);
        QFETCH(QString, message);
        const auto getenv = [&env](const char* n) -> const char* {
            const auto it = env.find(n);
            return it == env.end() ? nullptr : it->second.c_str();
        };
        if (rank == -1) {
            try {
                parallelSettingsFrom(getenv);
                QFAIL("accepted");
            } catch (const std::invalid_argument& e) {
                QVERIFY2(std::string(e.what()).find(message.toStdString()) != std::string::npos, e.what());
            }
            return;
        }
        const auto s = parallelSettingsFrom(getenv);
        QCOMPARE(bool(s), rank >= 0);
        if (s) {
            QCOMPARE(s->rank, rank);
            QCOMPARE(s->worldSize, worldSize);
            QCOMPARE(s->masterAddr, std::string("node1"));
            QCOMPARE(s->masterPort, 29400);
        }
    }
};

QTEST_GUILESS_MAIN(DataParallelTest)
#include "tst_dataparallel.moc"
