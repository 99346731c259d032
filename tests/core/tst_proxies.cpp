// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "../support/TestData.h"

#include "cell/ModuleHash.h"
#include "network/ImageData.h"
#include "network/NetworkPlan.h"
#include "proxies/ProxyContext.h"
#include "proxies/ZeroCostProxies.h"

#include <QtTest>

#include <cmath>
#include <cstring>

using namespace archscope;

namespace {

NetworkConfig smallNetwork()
{
    NetworkConfig c;
    c.stemChannels = 8;
    c.numStacks = 2;
    c.cellsPerStack = 1;
    c.inputChannels = 1;
    c.inputHeight = c.inputWidth = 12;
    return c;
}

// Random byte images with random labels, in an ImageTask as loadFashionMnist makes one.
ImageTask randomTask(int n)
{
    torch::manual_seed(1234);
    ImageTask t;
    t.name = "random";
    t.channels = 1;
    t.height = t.width = 12;
    t.classes = 10;
    t.mean = {127.5f};
    t.stddev = {64.0f};
    t.train.images = torch::randint(0, 256, {n, 1, 12, 12}, torch::kInt64).to(torch::kUInt8);
    t.train.labels = torch::randint(0, 10, {n}, torch::kInt64);
    return t;
}

const ZeroCostProxy& proxy(std::string_view name)
{
    return *parseProxyList(std::string(name)).front();
}

double score(const Cell& cell, std::string_view name, const ProxySettings& s, const ProxyImages* images)
{
    return scoreCellProxies(cell, {&proxy(name)}, s, images).front();
}

std::uint64_t bits(double v)
{
    std::uint64_t b = 0;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

double nanScore(const ProxyContext&) { return std::nan(""); }

} // namespace

class TestProxies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // At NAS-Bench-101's configuration (stem 128, 3 x 3 modules, 32x32x3, 10 classes) the params proxy
    // is the benchmark's own trainable_parameters for every 50th bundled record.
    void paramsAreTheRecordsAtNasBench101sConfiguration()
    {
        ProxySettings s; // NetworkConfig's defaults are NAS-Bench-101's
        int checked = 0;
        const auto& records = test::sample().records();
        for (std::size_t i = 0; i < records.size(); i += 50, ++checked)
            QCOMPARE(score(records[i].cell, "params", s, nullptr), static_cast<double>(records[i].params));
        QVERIFY(checked > 300);
    }

    // flops by hand for the smallest cell (input -> conv3x3 -> output) at NAS-Bench-101's configuration:
    // stem 3x3x3x128 at 32x32; per module a 1x1 projection of the input to the vertex and the 3x3 conv,
    // stacks of 128, 256, 512 channels at 32, 16, 8 pixels; the dense 512 -> 10.
    void flopsOfTheSmallestCellByHand()
    {
        const Cell cell = test::cellOf({Op::Input, Op::Conv3x3, Op::Output}, {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}});
        double expected = 9.0 * 3 * 128 * 32 * 32;
        int in = 128;
        for (int stack = 0; stack < 3; ++stack) {
            const int channels = 128 << stack, side = 32 >> stack;
            for (int module = 0; module < 3; ++module) {
                expected += 1.0 * in * channels * side * side + 9.0 * channels * channels * side * side;
                in = channels;
            }
        }
        expected += 512.0 * 10;
        QCOMPARE(score(cell, "flops", ProxySettings{}, nullptr), expected);
    }

    void dataFreeProxiesAreBitReproducible_data()
    {
        QTest::addColumn<QString>("name");
        for (const ZeroCostProxy& p : zeroCostProxies())
            if (!p.needsImages)
                QTest::newRow(std::string(p.name).c_str()) << QString::fromUtf8(p.name.data(), static_cast<int>(p.name.size()));
    }

    // Data-free proxies need no images and give the same bits every time, whatever ran before them;
    // another seed initialises another network (params and flops excepted, which count).
    void dataFreeProxiesAreBitReproducible()
    {
        QFETCH(QString, name);
        const std::string n = name.toStdString();
        ProxySettings s;
        s.network = smallNetwork();
        s.batchSize = 16;
        const Cell& cell = test::sample().records()[7].cell;
        const double first = score(cell, n, s, nullptr);
        torch::randn({100}); // the global generator moves on
        score(test::sample().records()[8].cell, n, s, nullptr);
        QCOMPARE(bits(score(cell, n, s, nullptr)), bits(first));
        QVERIFY(std::isfinite(first));
        s.seed = 1;
        if (n != "params" && n != "flops")
            QVERIFY(score(cell, n, s, nullptr) != first);
    }

    void imageProxiesAreReproducibleWithASeed_data()
    {
        QTest::addColumn<QString>("name");
        for (const ZeroCostProxy& p : zeroCostProxies())
            if (p.needsImages)
                QTest::newRow(std::string(p.name).c_str()) << QString::fromUtf8(p.name.data(), static_cast<int>(p.name.size()));
    }

    // The same seed draws the same batch and initialises the same network: the same score. Another
    // seed gives another.
    void imageProxiesAreReproducibleWithASeed()
    {
        QFETCH(QString, name);
        const std::string n = name.toStdString();
        const ImageTask task = randomTask(200);
        ProxySettings s;
        s.network = smallNetwork();
        const ProxyImages images = proxyImages(task, 32, 5);
        s.seed = 5;
        const Cell& cell = test::sample().records()[11].cell;
        const double first = score(cell, n, s, &images);
        QVERIFY(std::isfinite(first));
        const ProxyImages again = proxyImages(task, 32, 5);
        QVERIFY(torch::equal(again.images, images.images));
        QCOMPARE(score(cell, n, s, &again), first);
        const ProxyImages other = proxyImages(task, 32, 6);
        s.seed = 6;
        QVERIFY(score(cell, n, s, &other) != first);
    }

    // Bounds that follow from the definitions, on real cells: snip is plain without signs; the
    // eigenvalues of a correlation matrix sum to the batch size, so jacov is at most −B (log(1 + k) +
    // 1/(1 + k)); K of NASWOT has the unit count on its diagonal, so log det K ≤ B log(units)
    // (Hadamard); norms and EPE-NAS's absolute differences are not negative.
    void scoresKeepTheBoundsOfTheirDefinitions()
    {
        const ImageTask task = randomTask(100);
        ProxySettings s;
        s.network = smallNetwork();
        const ProxyImages images = proxyImages(task, 24, 0);
        for (std::size_t r = 0; r < 5; ++r) {
            const Cell& cell = test::sample().records()[r * 997].cell;
            const auto v = [&](std::string_view n) { return score(cell, n, s, &images); };
            QVERIFY(v("snip") >= std::abs(v("plain")));
            QVERIFY(v("jacov") <= -24 * (std::log(1 + 1e-5) + 1 / (1 + 1e-5)) + 1e-6);
            std::int64_t units = 0;
            for (const Layer& l : buildNetworkPlan(cell, s.network).layers)
                if (l.kind == LayerKind::ConvBnRelu)
                    units += static_cast<std::int64_t>(l.outChannels) * l.height * l.width;
            QVERIFY(v("nwot") <= 24 * std::log(static_cast<double>(units)));
            QVERIFY(v("grad_norm") > 0);
            QVERIFY(v("fisher") > 0);
            QVERIFY(v("l2_norm") > 0);
            QVERIFY(v("epe_nas") >= 0);
        }
    }

    // GraSP's Hessian-gradient product against a finite difference of the gradient: −θ·Hg ≈
    // −θ·(g(θ + εg) − g(θ − εg))/2ε, computed here in double precision on the proxy's own network and batch.
    void graspMatchesAFiniteDifference()
    {
        const ImageTask task = randomTask(100);
        ProxySettings s;
        s.network = smallNetwork();
        const ProxyImages images = proxyImages(task, 16, 3);
        const Cell& cell = test::sample().records()[42].cell;
        const ProxyContext c(buildNetworkPlan(cell, s.network), &images, s.seed, 16);
        const torch::Tensor x = images.images.to(torch::kFloat64);
        const auto gradientAt = [&](double eps, const std::vector<torch::Tensor>& direction) {
            PlanWeights w = c.weights();
            for (auto& layer : w.tensors)
                for (torch::Tensor& t : layer)
                    t = t.detach().to(torch::kFloat64);
            std::vector<torch::Tensor> measured;
            for (std::size_t k = 0; k < c.measuredLayers().size(); ++k) {
                torch::Tensor& t = w.tensors[c.measuredLayers()[k]][0];
                if (!direction.empty())
                    t = t + eps * direction[k];
                t.requires_grad_(true);
                measured.push_back(t);
            }
            return std::make_pair(torch::autograd::grad({c.loss(w, x, images.labels)}, measured), measured);
        };
        const auto [g, theta] = gradientAt(0, {});
        const double eps = 1e-6;
        const auto [ahead, unusedAhead] = gradientAt(eps, g);
        const auto [behind, unusedBehind] = gradientAt(-eps, g);
        double expected = 0;
        for (std::size_t k = 0; k < g.size(); ++k)
            expected -= (theta[k].detach() * (ahead[k] - behind[k]) / (2 * eps)).sum().item<double>();
        const double grasp = score(cell, "grasp", s, &images);
        QVERIFY2(std::abs(grasp - expected) <= 0.02 * std::abs(expected) + 1e-6,
                 qPrintable(QString("grasp %1, finite difference %2").arg(grasp).arg(expected)));
    }

    // A score that is not a number is an error that names the proxy and the cell, never a value.
    void aScoreThatIsNotANumberNamesTheCell()
    {
        const ZeroCostProxy broken{"broken", false, nanScore};
        const Cell& cell = test::sample().records()[3].cell;
        ProxySettings s;
        s.network = smallNetwork();
        try {
            scoreCellProxies(cell, {&broken}, s, nullptr);
            QFAIL("no error");
        } catch (const ProxyError& e) {
            QVERIFY(std::string(e.what()).find("broken of cell " + moduleHash(cell).hex()) != std::string::npos);
        }
    }

    void proxyListsAreChecked_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown") << "synflow,naswot" << "unknown proxy 'naswot'";
        QTest::newRow("twice") << "snip,snip" << "snip twice";
        QTest::newRow("empty") << "" << "none named";
    }

    void proxyListsAreChecked()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        try {
            parseProxyList(text.toStdString());
            QFAIL("accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(error), e.what());
        }
        QCOMPARE(parseProxyList("all").size(), zeroCostProxies().size());
        QCOMPARE(std::string(parseProxyList("zico,params")[1]->name), std::string("params"));
    }
};

QTEST_GUILESS_MAIN(TestProxies)
#include "tst_proxies.moc"
