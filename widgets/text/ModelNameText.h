// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <string>

namespace archscope {

// A model's name in the user's language. core names what it trains in English, from the run's settings
// ("GNN (1000 cells, random, seed 0, ensemble of 3)", "GHN (5000 fashion-mnist images, seed 0)",
// "VS-GAE (168001 cells, ndim 64, seed 0)"), and model files keep that name; this words such a name
// anew. A name the user gave (Models panel ▸ rename) matches none of core's forms and stays as it is.
QString modelNameText(const std::string& name);

} // namespace archscope
