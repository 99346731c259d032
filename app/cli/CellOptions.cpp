// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CellOptions.h"

#include "cell/ModuleHash.h"
#include "data/DatasetLoader.h"
#include "data/JsonlFormat.h"
#include "util/Errors.h"
#include "util/InputFile.h"

#include <fstream>
#include <iterator>

namespace archscope::cli {

CellChoiceOptions addCellChoiceOptions(CLI::App* cmd, CellChoice& choice)
{
    CellChoiceOptions o;
    o.hash = cmd->add_option("--hash", choice.hash, "the cell of this module hash in --data");
    cmd->add_option("--data", choice.data, "JSONL(.gz) or imported cache for --hash (default: the bundled sample)");
    o.cellFile = cmd->add_option("--cell", choice.cellFile, "a cell file ({\"ops\":[…],\"adjacency\":[[…]]})")->excludes(o.hash);
    o.ops = cmd->add_option("--ops", choice.ops, "the cell's ops, e.g. input,conv3x3-bn-relu,output")
                ->delimiter(',')
                ->excludes(o.hash)
                ->excludes(o.cellFile);
    auto* adjacency = cmd->add_option("--adjacency", choice.adjacency, "the cell's adjacency as JSON, e.g. [[0,1],[0,0]]");
    o.ops->needs(adjacency);
    adjacency->needs(o.ops);
    return o;
}

Cell chosenCell(const CellChoice& choice)
{
    if (!choice.hash.empty()) {
        const auto hash = ModuleHash::fromHex(choice.hash);
        if (!hash)
            throw std::invalid_argument("--hash: '" + choice.hash + "' is not 32 hexadecimal digits");
        const std::string path = choice.data.empty() ? defaultDatasetPath() : choice.data;
        const Dataset data = loadDataset(path);
        const Record* r = data.find(*hash);
        if (!r)
            throw std::invalid_argument("--hash: " + choice.hash + " is not in " + path);
        return r->cell;
    }
    if (!choice.cellFile.empty()) {
        requireRegularFile(choice.cellFile);
        std::ifstream in(choice.cellFile);
        if (!in)
            throw DataError(choice.cellFile + ": cannot open");
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return cellFromJson(text, choice.cellFile);
    }
    return cellFromJson(cellObjectFromOptions(choice.ops, choice.adjacency), "--ops/--adjacency");
}

} // namespace archscope::cli
