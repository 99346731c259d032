// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "cell/Cell.h"
#include "cell/NetworkParams.h"

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace archscope {

class ProxyContext;
struct ProxyImages;

// A label-free score of a cell computed on its network at initialisation (docs/ZERO-COST.md).
struct ZeroCostProxy {
    std::string_view name;          // as eval-zc's --proxies and its CSV columns spell it
    bool needsImages;               // false: data-free (no images, no labels)
    double (*score)(const ProxyContext&);
};

// The one table of proxies, in the order eval-zc writes them: a new proxy is one file in measures/
// and one entry here.
const std::vector<ZeroCostProxy>& zeroCostProxies();

// "all", or names separated by commas, each once; std::invalid_argument naming an unknown one and
// listing the known.
std::vector<const ZeroCostProxy*> parseProxyList(const std::string& text);

// How the proxies run: the network's configuration (input size and classes from the images), the
// batch's size and the seed of the initialisation, the batch and the Gaussian inputs.
struct ProxySettings {
    NetworkConfig network;
    int batchSize = 64;
    std::uint64_t seed = 0;
};

// A proxy whose score for a cell is not a finite number: the message names the proxy and the cell.
struct ProxyError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One score per proxy for `cell` (validated and pruned first; std::invalid_argument when invalid),
// and each proxy's seconds in `seconds` when given. `images` may be null when every proxy is
// data-free.
std::vector<double> scoreCellProxies(const Cell& cell, const std::vector<const ZeroCostProxy*>& proxies,
                                     const ProxySettings& settings, const ProxyImages* images,
                                     std::vector<double>* seconds = nullptr);

// What scores many cells one after another with the same proxies: the network's input and classes
// set from the image task ("fashion-mnist" or "cifar10"; `taskDir` "" for the default files), whose
// fixed batch is drawn once when a proxy needs images. Only data-free proxies on CIFAR-10 from its
// default place run without reading its files. score() may be called from several threads.
class ProxyScorer {
public:
    ProxyScorer(std::vector<const ZeroCostProxy*> proxies, ProxySettings settings, const std::string& task,
                const std::string& taskDir);
    // The settings the proxies run at, the task's input shape included.
    const ProxySettings& settings() const { return settings_; }
    std::vector<double> score(const Cell& cell, std::vector<double>* seconds = nullptr) const
    {
        return scoreCellProxies(cell, proxies_, settings_, images_.get(), seconds);
    }

private:
    std::vector<const ZeroCostProxy*> proxies_;
    ProxySettings settings_;
    std::shared_ptr<const ProxyImages> images_;
};

} // namespace archscope
