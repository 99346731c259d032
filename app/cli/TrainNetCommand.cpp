#include "Commands.h"

#include "cell/ModuleHash.h"
#include "data/DatasetLoader.h"
#include "data/JsonlFormat.h"
#include "network/NetworkTraining.h"
#include "util/AtomicFile.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

namespace archscope::cli {

namespace {

struct TrainNetOptions {
    NetTrainingConfig config;
    std::string hash;
    std::string data;
    std::string cellFile;
    std::vector<std::string> ops;
    std::string adjacency;
    std::string out;
};

// The cell named by --hash (in --data), --cell (a cell file) or --ops with --adjacency.
Cell chosenCell(const TrainNetOptions& opt)
{
    if (!opt.hash.empty()) {
        const auto hash = ModuleHash::fromHex(opt.hash);
        if (!hash)
            throw std::invalid_argument("--hash: '" + opt.hash + "' is not 32 hexadecimal digits");
        const std::string path = opt.data.empty() ? defaultDatasetPath() : opt.data;
        const Dataset data = loadDataset(path);
        const Record* r = data.find(*hash);
        if (!r)
            throw std::invalid_argument("--hash: " + opt.hash + " is not in " + path);
        return r->cell;
    }
    if (!opt.cellFile.empty()) {
        std::ifstream in(opt.cellFile);
        if (!in)
            throw DataError(opt.cellFile + ": cannot open");
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return cellFromJson(text, opt.cellFile);
    }
    nlohmann::json ops = opt.ops;
    nlohmann::json cell = {{"ops", ops}};
    try {
        cell["adjacency"] = nlohmann::json::parse(opt.adjacency);
    } catch (const nlohmann::json::exception& e) {
        throw DataError("--adjacency: not JSON: " + std::string(e.what()));
    }
    return cellFromJson(cell.dump(), "--ops/--adjacency");
}

int runTrainNet(TrainNetOptions& opt, const GlobalOptions& global)
{
    opt.config.threads = global.threads;
    if (!opt.out.empty())
        checkOutputPath(opt.out, {opt.data, opt.cellFile, opt.config.checkpointPath});
    const Cell cell = chosenCell(opt);
    const CellValidation v = validateCell(cell);
    if (!v.ok())
        throw std::invalid_argument("invalid cell: " + v.message);
    TrainingCallbacks callbacks;
    callbacks.onLog = [](const std::string& line) { std::cerr << line << '\n'; };
    callbacks.onEpoch = [](const EpochEvent& e) {
        std::fprintf(stderr,
                     "epoch %3d/%d  train loss %.4f  val loss %.4f  val acc %.4f  test acc %.4f  lr %.2e  "
                     "%.0f images/s  %.0fs (eta %.0fs)\n",
                     e.epoch, e.epochs, e.trainLoss, e.valLoss, e.accuracy, e.testAccuracy, e.learningRate,
                     e.examplesPerSecond, e.seconds, e.etaSeconds);
    };
    const NetTrainingResult result = trainCellNetwork(cell, opt.config, callbacks);
    const std::string json = netTrainingResultJson(cell, opt.config, result);
    if (!opt.out.empty())
        writeFileAtomically(opt.out, [&](const std::string& temp) {
            std::ofstream f(temp);
            f << json << '\n';
            if (!f.flush())
                throw std::runtime_error(opt.out + ": write failed");
        });
    if (global.json)
        std::cout << json << '\n';
    else
        std::cout << moduleHash(canonicalCell(cell)).hex() << ": " << result.parameters << " parameters, validation accuracy "
                  << result.validationAccuracy << ", test accuracy " << result.testAccuracy << " after "
                  << result.history.size() << " epochs in " << result.seconds << " s on " << result.device << " ("
                  << result.stopReason << ")\n";
    return result.stopReason == "completed" ? 0 : 1;
}

} // namespace

void addTrainNetCommand(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto opt = std::make_shared<TrainNetOptions>();
    NetTrainingConfig& c = opt->config;
    CLI::App* cmd = app.add_subcommand(
        "train-net", "train a cell's own network on an image task with NAS-Bench-101's recipe; prints a line per epoch");
    auto* hash = cmd->add_option("--hash", opt->hash, "the cell of this module hash in --data");
    cmd->add_option("--data", opt->data, "JSONL(.gz) or imported cache for --hash (default: the bundled sample)");
    auto* cellFile = cmd->add_option("--cell", opt->cellFile, "a cell file ({\"ops\":[…],\"adjacency\":[[…]]})")->excludes(hash);
    auto* ops = cmd->add_option("--ops", opt->ops, "the cell's ops, e.g. input,conv3x3-bn-relu,output")
                    ->delimiter(',')
                    ->excludes(hash)
                    ->excludes(cellFile);
    auto* adjacency = cmd->add_option("--adjacency", opt->adjacency, "the cell's adjacency as JSON, e.g. [[0,1],[0,0]]");
    ops->needs(adjacency);
    adjacency->needs(ops);
    cmd->add_option("--task", c.task, "fashion-mnist (Debian's dataset-fashion-mnist) or cifar10")
        ->check(CLI::IsMember({"fashion-mnist", "cifar10"}))
        ->capture_default_str();
    cmd->add_option("--task-dir", c.taskDir, "folder of the task's files (cifar10: data_batch_1.bin …; default for fashion-mnist: /usr/share/datasets/fashion-mnist)");
    cmd->add_option("--stem", c.network.stemChannels, "stem channels")->capture_default_str();
    cmd->add_option("--stacks", c.network.numStacks, "stacks of modules")->capture_default_str();
    cmd->add_option("--modules", c.network.cellsPerStack, "modules per stack")->capture_default_str();
    cmd->add_option("--epochs", c.epochs, "epochs")->capture_default_str();
    cmd->add_option("--batch", c.batchSize, "batch size")->capture_default_str();
    cmd->add_option("--lr", c.learningRate, "base learning rate, cosine decay by step")->capture_default_str();
    cmd->add_option("--weight-decay", c.weightDecay, "L2 weight decay")->capture_default_str();
    cmd->add_option("--train-images", c.trainImages, "train on the first N training images (0: all)")->capture_default_str();
    cmd->add_option("--eval-images", c.evalImages, "validation and test images scored per epoch (0: all)")->capture_default_str();
    cmd->add_flag("--no-augment", [&c](std::int64_t) { c.augment = false; }, "no random crop and flip");
    cmd->add_option("--seed", c.seed, "seed of the initialisation and the batches")->capture_default_str();
    cmd->add_option("--device", c.device, "auto, cpu or cuda")->capture_default_str();
    cmd->add_option("--checkpoint", c.checkpointPath, "checkpoint file, written after every epoch");
    cmd->add_flag("--resume", c.resume, "continue from --checkpoint when it exists");
    cmd->add_option("--threads", global.threads, "CPU threads (default: all cores)");
    cmd->add_option("--out", opt->out, "write the result as one JSON line (the form eval-ghn --truth reads)");
    cmd->add_flag("--json", global.json, "print the result as one JSON line");
    cmd->callback([opt, &global, &exitCode] {
        if (opt->hash.empty() && opt->cellFile.empty() && opt->ops.empty())
            throw CLI::RequiredError("--hash, --cell or --ops with --adjacency");
        exitCode = runTrainNet(*opt, global);
    });
}

} // namespace archscope::cli
