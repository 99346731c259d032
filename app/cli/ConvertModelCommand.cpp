// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Commands.h"

#include "registry/ModelConversion.h"
#include "util/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace archscope::cli {

namespace {

struct ConvertOptions {
    std::string from;
    std::string to;
};

int runConvert(const ConvertOptions& opt, const GlobalOptions& global)
{
    checkOutputPath(opt.to, {opt.from}, "NEW");
    const ConvertedModel converted = convertModelFile(opt.from, opt.to);
    const nlohmann::json summary = {{"from", opt.from}, {"to", opt.to}, {"kind", converted.kind},
                                    {"name", converted.name}, {"tensors", converted.tensors}};
    std::cout << (global.json ? summary.dump() : summary.dump(2)) << '\n';
    return 0;
}

} // namespace

void addConvertModelCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<ConvertOptions>();
    CLI::App* cmd = app.add_subcommand(
        "convert-model", "rewrite a model file of an older ArchScope (a LibTorch archive, which can run code when "
                         "read: convert only files you trust) as a data-only safetensors model file");
    cmd->add_option("OLD", opt->from, "the older model file")->required();
    cmd->add_option("NEW", opt->to, "the model file to write (not OLD)")->required();
    cmd->add_flag("--json", global.json, "print the summary as one JSON line");
    cmd->callback([opt, &global, &exitCode] { exitCode = runConvert(*opt, global); });
}

} // namespace archscope::cli
