// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "proxies/ZeroCostProxies.h"

#include "cell/ModuleHash.h"
#include "network/ImageData.h"
#include "network/NetworkPlan.h"
#include "proxies/ProxyContext.h"
#include "proxies/measures/Measures.h"
#include "util/Errors.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace archscope {

const std::vector<ZeroCostProxy>& zeroCostProxies()
{
    static const std::vector<ZeroCostProxy> table = {
        {"params", false, paramsScore},
        {"flops", false, flopsScore},
        {"synflow", false, synflowScore},
        {"snip", true, snipScore},
        {"grasp", true, graspScore},
        {"fisher", true, fisherScore},
        {"grad_norm", true, gradNormScore},
        {"jacov", true, jacovScore},
        {"nwot", true, nwotScore},
        {"l2_norm", false, l2NormScore},
        {"zen", false, zenScore},
        {"plain", true, plainScore},
        {"epe_nas", true, epeNasScore},
        {"zico", true, zicoScore},
    };
    return table;
}

std::vector<const ZeroCostProxy*> parseProxyList(const std::string& text)
{
    std::vector<const ZeroCostProxy*> out;
    if (text == "all") {
        for (const ZeroCostProxy& p : zeroCostProxies())
            out.push_back(&p);
        return out;
    }
    std::string known;
    for (const ZeroCostProxy& p : zeroCostProxies())
        known += (known.empty() ? "" : ", ") + std::string(p.name);
    std::stringstream items(text);
    std::string name;
    while (std::getline(items, name, ',')) {
        const ZeroCostProxy* found = nullptr;
        for (const ZeroCostProxy& p : zeroCostProxies())
            if (p.name == name)
                found = &p;
        if (!found)
            throw std::invalid_argument("--proxies: unknown proxy '" + name + "'; the proxies are all, or some of: " + known);
        for (const ZeroCostProxy* p : out)
            if (p == found)
                throw std::invalid_argument("--proxies: " + name + " twice");
        out.push_back(found);
    }
    if (out.empty())
        throw std::invalid_argument("--proxies: none named; the proxies are all, or some of: " + known);
    return out;
}

std::vector<double> scoreCellProxies(const Cell& cell, const std::vector<const ZeroCostProxy*>& proxies,
                                     const ProxySettings& settings, const ProxyImages* images, std::vector<double>* seconds)
{
    const NetworkPlan plan = buildNetworkPlan(cell, settings.network);
    std::vector<double> scores;
    if (seconds)
        seconds->clear();
    for (const ZeroCostProxy* proxy : proxies) {
        if (proxy->needsImages && !images)
            throw std::logic_error(std::string(proxy->name) + " needs images and was given none");
        const auto start = std::chrono::steady_clock::now();
        // Each proxy on a network of its own, so its seconds are what it costs alone.
        const ProxyContext context(plan, images, settings.seed, settings.batchSize);
        const double value = proxy->score(context);
        if (seconds)
            seconds->push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        if (!std::isfinite(value))
            throw ProxyError(std::string(proxy->name) + " of cell " + moduleHash(cell).hex() + " is " + std::to_string(value)
                             + ", not a number that ranks; the cell cannot be scored by it");
        scores.push_back(value);
    }
    return scores;
}

ProxyScorer::ProxyScorer(std::vector<const ZeroCostProxy*> proxies, ProxySettings settings, const std::string& task,
                         const std::string& taskDir)
    : proxies_(std::move(proxies)), settings_(std::move(settings))
{
    const bool needsImages = std::any_of(proxies_.begin(), proxies_.end(), [](const ZeroCostProxy* p) { return p->needsImages; });
    if (needsImages || task != "cifar10" || !taskDir.empty()) {
        const ImageTask images = loadImageTask(task, taskDir);
        NetworkConfig& c = settings_.network;
        c.inputChannels = images.channels;
        c.inputHeight = images.height;
        c.inputWidth = images.width;
        c.numClasses = images.classes;
        if (needsImages)
            images_ = std::make_shared<const ProxyImages>(proxyImages(images, settings_.batchSize, settings_.seed));
    } else {
        setTaskInput(settings_.network, "cifar10");
    }
    settings_.network.check();
}

} // namespace archscope
