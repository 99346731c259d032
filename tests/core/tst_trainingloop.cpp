// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The shared training loop with a model it was not written for: a line fitted by plain SGD. If this
// fits through the TrainingTask interface, so do the next models (GHN, a cell's own network).

#include "model/ModelArchive.h"
#include "train/FusedAdam.h"
#include "train/OptimizerState.h"
#include "train/TrainingLoop.h"
#include "util/Errors.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>
#include <set>

using namespace archscope;

namespace {

constexpr std::int64_t kExamples = 50;

// y = 2x + 1 on 50 points, fitted by a Linear(1, 1) with SGD. Records what the loop asked of it.
class LineTask final : public TrainingTask {
public:
    std::string fingerprint = "fifty points";
    int nanAtStep = -1;                 // > 0: the loss of this (1-based, counted over the run) step is NaN
    bool everyEpochUnusable = false;    // validate() reports a problem
    std::vector<std::vector<std::int64_t>> batches;
    std::vector<double> learningRates;  // at each step
    std::vector<int> membersStarted;
    std::vector<float> memberInitialWeights;

    std::string configJson() const override { return R"({"task":"line"})"; }
    std::string dataFingerprint() const override { return fingerprint; }

    RunStartEvent prepare(const ModelArchive*, const std::function<void(const std::string&)>&) override
    {
        x_ = torch::linspace(-1, 1, kExamples).unsqueeze(1);
        y_ = 2 * x_ + 1;
        return {"cpu", 1, static_cast<std::size_t>(kExamples), static_cast<std::size_t>(kExamples)};
    }

    std::int64_t trainingExamples() const override { return kExamples; }

    torch::optim::Optimizer& startMember(int member) override
    {
        membersStarted.push_back(member);
        model_ = torch::nn::Linear(1, 1);
        memberInitialWeights.push_back(model_->weight.item<float>());
        optimizer_ = std::make_unique<torch::optim::SGD>(model_->parameters(), torch::optim::SGDOptions(0.1));
        return *optimizer_;
    }

    void restoreMembers(const ModelArchive& checkpoint, int) override
    {
        checkpoint.loadModule(*model_, "line checkpoint");
        best_ = weights();
    }

    torch::Tensor trainingLoss(const torch::Tensor& batch) override
    {
        learningRates.push_back(optimizer_->param_groups().front().options().get_lr());
        batches.emplace_back(batch.data_ptr<std::int64_t>(), batch.data_ptr<std::int64_t>() + batch.numel());
        const torch::Tensor loss = torch::mse_loss(model_->forward(x_.index_select(0, batch)), y_.index_select(0, batch));
        return static_cast<int>(batches.size()) == nanAtStep ? loss * std::nan("") : loss;
    }

    void validate(EpochEvent& ev) override
    {
        torch::NoGradGuard noGrad;
        ev.valLoss = torch::mse_loss(model_->forward(x_), y_).item<double>();
        if (everyEpochUnusable)
            ev.problem = "the line is unusable";
    }

    double selectionScore(const EpochEvent& ev) const override { return -ev.valLoss; }
    void keepBest() override { best_ = weights(); }

    void writeCheckpoint(ModelArchive& archive) const override
    {
        archive.write("weight", best_.first);
        archive.write("bias", best_.second);
    }

    std::pair<float, float> bestLine() const { return {best_.first.item<float>(), best_.second.item<float>()}; }

private:
    std::pair<torch::Tensor, torch::Tensor> weights() const
    {
        return {model_->weight.detach().clone(), model_->bias.detach().clone()};
    }

    torch::Tensor x_, y_;
    torch::nn::Linear model_{nullptr};
    std::unique_ptr<torch::optim::SGD> optimizer_;
    std::pair<torch::Tensor, torch::Tensor> best_;
};

LoopSettings settings(int epochs)
{
    LoopSettings s;
    s.epochs = epochs;
    s.batchSize = 8;
    s.learningRate = 0.3;
    s.seed = 11;
    return s;
}

QByteArray digest(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

} // namespace

class TrainingLoopTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fitsTheLine()
    {
        LineTask task;
        std::vector<EpochEvent> epochs;
        TrainingCallbacks cb;
        RunStartEvent started;
        cb.onStart = [&](const RunStartEvent& e) { started = e; };
        cb.onEpoch = [&](const EpochEvent& e) { epochs.push_back(e); };
        const LoopOutcome out = runTrainingLoop(task, settings(30), cb);
        QCOMPARE(out.stopReason, std::string("completed"));
        QVERIFY(out.kept);
        QCOMPARE(started.device, std::string("cpu"));
        QCOMPARE(int(epochs.size()), 30);
        QCOMPARE(epochs.back().device, std::string("cpu"));
        QCOMPARE(epochs.front().etaSeconds > 0, true);
        QCOMPARE(epochs.back().etaSeconds, 0.0);
        QVERIFY(epochs.back().valLoss < 1e-3 * epochs.front().valLoss);
        const auto [w, b] = task.bestLine();
        QVERIFY2(std::abs(w - 2) < 0.02 && std::abs(b - 1) < 0.02, qPrintable(QStringLiteral("%1 x + %2").arg(w).arg(b)));
    }

    // Each epoch visits every example once, in an order that changes from epoch to epoch and is the
    // same for the same seed.
    void batchesCoverEveryExampleOncePerEpoch()
    {
        LineTask task;
        runTrainingLoop(task, settings(3), {});
        const int stepsPerEpoch = int((kExamples + 7) / 8);
        QCOMPARE(int(task.batches.size()), 3 * stepsPerEpoch);
        std::vector<std::vector<std::int64_t>> orders;
        for (int e = 0; e < 3; ++e) {
            std::vector<std::int64_t> order;
            for (int s = 0; s < stepsPerEpoch; ++s)
                order.insert(order.end(), task.batches[std::size_t(e * stepsPerEpoch + s)].begin(),
                             task.batches[std::size_t(e * stepsPerEpoch + s)].end());
            QCOMPARE(std::set<std::int64_t>(order.begin(), order.end()).size(), std::size_t(kExamples));
            QCOMPARE(order.size(), std::size_t(kExamples));
            orders.push_back(order);
        }
        QVERIFY(orders[0] != orders[1]);
        LineTask again;
        runTrainingLoop(again, settings(3), {});
        QCOMPARE(again.batches, task.batches);
    }

    void learningRateFollowsHalfCosine()
    {
        LineTask task;
        runTrainingLoop(task, settings(4), {});
        const int stepsPerEpoch = int((kExamples + 7) / 8);
        for (int e = 0; e < 4; ++e)
            QCOMPARE(task.learningRates[std::size_t(e * stepsPerEpoch)], 0.3 * 0.5 * (1 + std::cos(M_PI * e / 4.0)));
    }

    void membersStartFromTheirOwnSeeds()
    {
        LineTask task;
        LoopSettings s = settings(2);
        s.members = 3;
        std::vector<int> epochNumbers;
        TrainingCallbacks cb;
        cb.onEpoch = [&](const EpochEvent& e) { epochNumbers.push_back(e.epoch); };
        runTrainingLoop(task, s, cb);
        QCOMPARE(task.membersStarted, (std::vector<int>{0, 1, 2}));
        QCOMPARE(epochNumbers, (std::vector<int>{1, 2, 3, 4, 5, 6}));
        QVERIFY(task.memberInitialWeights[0] != task.memberInitialWeights[1]);
        LineTask again;
        runTrainingLoop(again, s, {});
        QCOMPARE(again.memberInitialWeights, task.memberInitialWeights);
    }

    void cancelStopsWithinAStep()
    {
        LineTask task;
        std::atomic<bool> cancel{false};
        TrainingCallbacks cb;
        cb.cancel = &cancel;
        int steps = 0;
        cb.onStep = [&](const StepEvent&) {
            if (++steps == 10)
                cancel = true;
        };
        const LoopOutcome out = runTrainingLoop(task, settings(30), cb);
        QCOMPARE(out.stopReason, std::string("cancelled"));
        QCOMPARE(int(task.batches.size()), 10);
    }

    void divergenceStopsAndKeepsTheCheckpoint()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("line.ckpt"));
        LoopSettings s = settings(4);
        s.checkpointPath = path.toStdString();
        LineTask task;
        task.nanAtStep = 9; // in the second epoch: the first one wrote a checkpoint
        const LoopOutcome out = runTrainingLoop(task, s, {});
        QVERIFY2(out.stopReason.rfind("diverged", 0) == 0, out.stopReason.c_str());
        QVERIFY2(out.stopReason.find("in epoch 2, step 2") != std::string::npos, out.stopReason.c_str());
        QVERIFY(out.kept);
        QCOMPARE(int(out.history.size()), 1);
        const QByteArray before = digest(path);
        QVERIFY(!before.isEmpty());

        LineTask fromStart;
        fromStart.nanAtStep = 1;
        s.resume = false;
        const LoopOutcome none = runTrainingLoop(fromStart, s, {});
        QVERIFY(!none.kept);
        QCOMPARE(digest(path), before);
    }

    void unusableEpochsAreNeverKept()
    {
        QTemporaryDir dir;
        LoopSettings s = settings(3);
        s.checkpointPath = dir.filePath(QStringLiteral("line.ckpt")).toStdString();
        LineTask task;
        task.everyEpochUnusable = true;
        std::vector<bool> improved;
        TrainingCallbacks cb;
        cb.onEpoch = [&](const EpochEvent& e) { improved.push_back(e.improved); };
        const LoopOutcome out = runTrainingLoop(task, s, cb);
        QCOMPARE(out.stopReason, std::string("failed: the line is unusable"));
        QVERIFY(!out.kept);
        QCOMPARE(improved, (std::vector<bool>{false, false, false}));
        QVERIFY(!QFile::exists(QString::fromStdString(s.checkpointPath)));
    }

    void patienceStopsEarly()
    {
        LineTask task;
        LoopSettings s = settings(200);
        s.patience = 2;
        const LoopOutcome out = runTrainingLoop(task, s, {});
        QCOMPARE(out.stopReason, std::string("early stop"));
        QVERIFY(out.history.size() < 200);
        const auto& h = out.history;
        QVERIFY(!h[h.size() - 1].improved && !h[h.size() - 2].improved);
    }

    // A run cancelled after its 5th epoch and resumed ends with the same line as a run that was never
    // interrupted: same batches, same optimizer state.
    void resumeContinuesTheSameRun()
    {
        LineTask whole;
        runTrainingLoop(whole, settings(8), {});

        QTemporaryDir dir;
        LoopSettings s = settings(8);
        s.checkpointPath = dir.filePath(QStringLiteral("line.ckpt")).toStdString();
        std::atomic<bool> cancel{false};
        TrainingCallbacks cb;
        cb.cancel = &cancel;
        cb.onEpoch = [&](const EpochEvent& e) { cancel = e.epoch == 5; };
        LineTask first;
        QCOMPARE(runTrainingLoop(first, s, cb).stopReason, std::string("cancelled"));
        s.resume = true;
        LineTask rest;
        const LoopOutcome out = runTrainingLoop(rest, s, {});
        QCOMPARE(out.stopReason, std::string("completed"));
        QCOMPARE(int(out.history.size()), 8);
        QCOMPARE(int(rest.batches.size()), 3 * int((kExamples + 7) / 8));
        QCOMPARE(rest.bestLine(), whole.bestLine());
    }

    void resumeRefusesOtherData()
    {
        QTemporaryDir dir;
        LoopSettings s = settings(2);
        s.checkpointPath = dir.filePath(QStringLiteral("line.ckpt")).toStdString();
        LineTask task;
        runTrainingLoop(task, s, {});
        LineTask other;
        other.fingerprint = "fifty other points";
        s.resume = true;
        s.epochs = 3;
        QVERIFY_THROWS_EXCEPTION(DataError, runTrainingLoop(other, s, {}));
    }

    // FusedAdam's one pass per parameter takes torch::optim::Adam's steps: the same GNN-sized layer,
    // the same gradients, 20 steps. Where it cannot fuse (AMSGrad) it runs Adam's own step.
    void fusedAdamTakesAdamsSteps_data()
    {
        QTest::addColumn<double>("weightDecay");
        QTest::addColumn<bool>("amsgrad");
        QTest::newRow("no weight decay") << 0.0 << false;
        QTest::newRow("weight decay 3e-3") << 3e-3 << false;
        QTest::newRow("AMSGrad, Adam's own step") << 3e-3 << true;
    }

    void fusedAdamTakesAdamsSteps()
    {
        QFETCH(double, weightDecay);
        QFETCH(bool, amsgrad);
        torch::manual_seed(11);
        torch::nn::Linear plain(250, 2750), fused(250, 2750);
        {
            torch::NoGradGuard noGrad;
            fused->weight.copy_(plain->weight);
            fused->bias.copy_(plain->bias);
        }
        const auto options = torch::optim::AdamOptions(1e-3).weight_decay(weightDecay).amsgrad(amsgrad);
        torch::optim::Adam plainAdam(plain->parameters(), options);
        archscope::FusedAdam fusedAdam(fused->parameters(), options);
        const torch::Tensor x = torch::randn({64, 250});
        const torch::Tensor start = plain->weight.detach().clone();
        for (int step = 0; step < 20; ++step) {
            const torch::Tensor target = torch::randn({64, 2750});
            for (auto [layer, optimizer] : {std::pair<torch::nn::Linear*, torch::optim::Optimizer*>{&plain, &plainAdam},
                                            {&fused, &fusedAdam}}) {
                optimizer->zero_grad();
                torch::mse_loss((*layer)->forward(x), target).backward();
                optimizer->step();
            }
        }
        const double moved = (plain->weight - start).abs().max().item<double>();
        const double apart = std::max((plain->weight - fused->weight).abs().max().item<double>(),
                                      (plain->bias - fused->bias).abs().max().item<double>());
        // ATen's kernels fuse some multiply-adds that the loop rounds apart: 4e-8 to 3e-7 of 0.02 here.
        QVERIFY2(moved > 1e-3 && apart <= 1e-4 * moved,
                 qPrintable(QString("moved %1, apart %2").arg(moved).arg(apart)));
    }

    // Parameters whose only gradient is the weight decay (a GHN head's rows for kernel slices no drawn
    // cell uses) are driven to zero; on the way they and their moments must not stay subnormal, whose
    // arithmetic is many times slower on x86.
    void fusedAdamFlushesSubnormals()
    {
        const torch::Tensor p = torch::full({4096}, 0.01f).set_requires_grad(true);
        archscope::FusedAdam adam({p}, torch::optim::AdamOptions(1e-3).weight_decay(1e-5));
        const auto subnormals = [](const torch::Tensor& t) {
            const torch::Tensor a = t.detach().abs();
            return (a.gt(0) & a.lt(std::numeric_limits<float>::min())).sum().item<std::int64_t>();
        };
        std::int64_t seen = 0;
        for (int step = 0; step < 3000; ++step) {
            p.mutable_grad() = torch::zeros_like(p);
            adam.step();
            const auto& state = static_cast<const torch::optim::AdamParamState&>(
                *adam.state().at(archscope::optimizerStateKey(p)));
            seen += subnormals(p) + subnormals(state.exp_avg()) + subnormals(state.exp_avg_sq());
        }
        // Driven to zero, not left where it started.
        QVERIFY2(p.detach().abs().max().item<float>() < 1e-6f, qPrintable(QString::number(p.detach().abs().max().item<float>())));
        QCOMPARE(seen, std::int64_t(0));
    }

    void rejectsSettingsOutOfRange_data()
    {
        QTest::addColumn<int>("epochs");
        QTest::addColumn<int>("members");
        QTest::addColumn<int>("batch");
        QTest::addColumn<double>("lr");
        QTest::newRow("no epochs") << 0 << 1 << 8 << 0.1;
        QTest::newRow("no members") << 1 << 0 << 8 << 0.1;
        QTest::newRow("empty batch") << 1 << 1 << 0 << 0.1;
        QTest::newRow("negative rate") << 1 << 1 << 8 << -0.1;
        QTest::newRow("NaN rate") << 1 << 1 << 8 << std::nan("");
    }

    void rejectsSettingsOutOfRange()
    {
        QFETCH(int, epochs);
        QFETCH(int, members);
        QFETCH(int, batch);
        QFETCH(double, lr);
        LoopSettings s = settings(epochs);
        s.members = members;
        s.batchSize = batch;
        s.learningRate = lr;
        LineTask task;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runTrainingLoop(task, s, {}));
        QVERIFY(task.batches.empty());
    }
};

QTEST_GUILESS_MAIN(TrainingLoopTest)
#include "tst_trainingloop.moc"
