// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

namespace archscope {

class ProxyContext;

// One function per zero-cost proxy, each in its own file; ZeroCostProxies.cpp lists them. Each
// returns its score for the context's cell, higher meaning a better cell by the proxy's own
// reading (the sign is the paper's: some proxies correlate negatively with accuracy).
double paramsScore(const ProxyContext& c);
double flopsScore(const ProxyContext& c);
double l2NormScore(const ProxyContext& c);
double synflowScore(const ProxyContext& c);
double zenScore(const ProxyContext& c);
double gradNormScore(const ProxyContext& c);
double snipScore(const ProxyContext& c);
double plainScore(const ProxyContext& c);
double graspScore(const ProxyContext& c);
double fisherScore(const ProxyContext& c);
double jacovScore(const ProxyContext& c);
double epeNasScore(const ProxyContext& c);
double nwotScore(const ProxyContext& c);
double zicoScore(const ProxyContext& c);

} // namespace archscope
