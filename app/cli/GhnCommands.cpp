#include "Commands.h"

#include "data/DatasetLoader.h"
#include "data/JsonlFormat.h"
#include "ghn/GhnPredictor.h"
#include "ghn/GhnTrainer.h"
#include "metrics/Metrics.h"
#include "model/PredictorRegistry.h"
#include "model/Runtime.h"
#include "train/Trainer.h"
#include "util/AtomicFile.h"
#include "util/Errors.h"
#include "util/GzipFile.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

namespace archscope::cli {

namespace {

struct TrainGhnOptions {
    TrainingConfig config = ghnTrainingDefaults();
    std::string data;
    std::string out;
};

int runTrainGhn(TrainGhnOptions& opt, const GlobalOptions& global)
{
    opt.config.threads = global.threads;
    const std::string dataPath = opt.data.empty() ? defaultDatasetPath() : opt.data;
    checkOutputPath(opt.out, {dataPath, opt.config.checkpointPath});
    const Dataset data = loadDataset(dataPath);
    TrainingCallbacks callbacks;
    callbacks.onLog = [](const std::string& line) { std::cerr << line << '\n'; };
    callbacks.onEpoch = [](const EpochEvent& e) {
        std::fprintf(stderr,
                     "epoch %3d/%d  train loss %.4f  probe loss %.4f  probe acc %.4f  tau %.4f  pearson %.4f  "
                     "%.0f images/s  %.0fs (eta %.0fs)%s\n",
                     e.epoch, e.epochs, e.trainLoss, e.valLoss, e.accuracy, e.kendallTau, e.pearson,
                     e.examplesPerSecond, e.seconds, e.etaSeconds, e.improved ? "  *" : "");
    };
    const TrainingResult result = trainPredictor(opt.config, data, callbacks);
    if (!result.ok()) {
        std::cerr << "archscope-cli train-ghn: no model: " << result.stopReason << '\n';
        return 1;
    }
    result.predictor->save(opt.out);
    const nlohmann::json summary = {{"model", opt.out}, {"stop_reason", result.stopReason}, {"device", result.device},
                                    {"epochs_run", result.history.size()},
                                    {"seconds", result.history.empty() ? 0.0 : result.history.back().seconds},
                                    {"probe_kendall_tau", result.history.empty() ? 0.0 : result.history.back().kendallTau}};
    std::cout << (global.json ? summary.dump() : summary.dump(2)) << '\n';
    return result.stopReason == "completed" || result.stopReason == "early stop" ? 0 : 1;
}

struct EvalGhnOptions {
    std::string model;
    std::string data;
    std::string truth;
    std::size_t limit = 0;
    std::string scoresOut;
};

// Cells and their ground truth: a train-net results file (validation accuracy of each line), or the
// 108-epoch validation accuracy of the first `limit` records of a dataset.
void readTruth(const EvalGhnOptions& opt, std::vector<Cell>& cells, std::vector<double>& truth)
{
    if (!opt.truth.empty()) {
        GzipLineReader reader(opt.truth);
        std::string line;
        while (reader.next(line) && (opt.limit == 0 || cells.size() < opt.limit)) {
            if (line.find_first_not_of(" \t") == std::string::npos)
                continue;
            const std::string at = opt.truth + ":" + std::to_string(reader.lineNumber());
            try {
                const auto j = nlohmann::json::parse(line);
                cells.push_back(cellFromJson(line, at));
                truth.push_back(j.at("validation_accuracy").get<double>());
            } catch (const nlohmann::json::exception& e) {
                throw DataError(at + ": not a train-net result: " + e.what());
            }
        }
        return;
    }
    const Dataset data = loadDataset(opt.data.empty() ? defaultDatasetPath() : opt.data);
    for (const Record& r : data.records()) {
        if (opt.limit > 0 && cells.size() >= opt.limit)
            break;
        const float acc = r.validationAccuracy(budgetIndex(108));
        if (std::isnan(acc))
            continue;
        cells.push_back(r.cell);
        truth.push_back(acc);
    }
}

int runEvalGhn(const EvalGhnOptions& opt, const GlobalOptions& global)
{
    setComputeThreads(global.threads);
    if (!opt.scoresOut.empty())
        checkOutputPath(opt.scoresOut, {opt.model, opt.data, opt.truth}, "--scores");
    const auto predictor = std::dynamic_pointer_cast<GhnPredictor>(loadPredictor(opt.model));
    if (!predictor)
        throw DataError(opt.model + ": not a Graph HyperNetwork (kind \"ghn\")");
    std::vector<Cell> cells;
    std::vector<double> truth;
    readTruth(opt, cells, truth);
    if (cells.size() < 2)
        throw DataError("eval-ghn: fewer than 2 cells with a ground truth to correlate");
    predictor->score({cells.front()}); // loads the images: not part of the per-cell time
    const auto start = std::chrono::steady_clock::now();
    const std::vector<GhnScore> scores = predictor->score(cells);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<double> acc;
    for (const GhnScore& s : scores)
        acc.push_back(s.accuracy);
    const RegressionMetrics m = evaluateRegression(acc, truth);
    if (!opt.scoresOut.empty())
        writeFileAtomically(opt.scoresOut, [&](const std::string& temp) {
            std::FILE* f = std::fopen(temp.c_str(), "w");
            if (!f)
                throw std::runtime_error(temp + ": cannot open for writing");
            std::fprintf(f, "hash,ghn_accuracy,ghn_loss,truth\n");
            for (std::size_t i = 0; i < cells.size(); ++i)
                std::fprintf(f, "%s,%.6f,%.6f,%.6f\n", moduleHash(cells[i]).hex().c_str(), scores[i].accuracy,
                             scores[i].loss, truth[i]);
            if (std::fclose(f) != 0)
                throw std::runtime_error(opt.scoresOut + ": write failed");
        });
    const nlohmann::json j = {{"n", m.n}, {"kendall_tau", m.kendallTau}, {"spearman", m.spearman},
                              {"pearson", m.pearson},
                              {"seconds_per_cell", seconds / static_cast<double>(cells.size())}};
    std::cout << (global.json ? j.dump() : predictor->name() + ": " + j.dump(2)) << '\n';
    return 0;
}

} // namespace

void addGhnCommands(CLI::App& app, GlobalOptions& global, int& exitCode)
{
    auto train = std::make_shared<TrainGhnOptions>();
    TrainingConfig& c = train->config;
    c.model = "ghn";
    CLI::App* cmd = app.add_subcommand(
        "train-ghn", "train a Graph HyperNetwork on random cells of the space and an image task; a line per epoch");
    cmd->add_option("--data", train->data, "JSONL(.gz) or cache whose cells probe the GHN each epoch (default: the bundled sample)");
    cmd->add_option("--task", c.imageTask, "fashion-mnist or cifar10")->check(CLI::IsMember({"fashion-mnist", "cifar10"}))->capture_default_str();
    cmd->add_option("--task-dir", c.imageTaskDir, "folder of the task's files (default for fashion-mnist: Debian's)");
    cmd->add_option("--train-images", c.trainImages, "training images per epoch")->capture_default_str();
    cmd->add_option("--epochs", c.epochs, "epochs")->capture_default_str();
    cmd->add_option("--batch", c.batchSize, "images per step (each step draws a new cell)")->capture_default_str();
    cmd->add_option("--lr", c.learningRate, "peak learning rate of Adam, cosine decay")->capture_default_str();
    cmd->add_option("--weight-decay", c.weightDecay, "Adam weight decay")->capture_default_str();
    cmd->add_option("--hidden", c.nodeDim, "GHN node state size")->capture_default_str();
    cmd->add_option("--probes", c.valSize, "probe cells scored after each epoch")->capture_default_str();
    cmd->add_option("--patience", c.patience, "stop after this many epochs without a lower probe loss (0: off)");
    cmd->add_option("--seed", c.seed, "seed of the cells drawn, the initialisation and the batches")->capture_default_str();
    cmd->add_option("--device", c.device, "auto, cpu or cuda")->capture_default_str();
    cmd->add_option("--checkpoint", c.checkpointPath, "checkpoint file, written after each improving epoch");
    cmd->add_flag("--resume", c.resume, "continue from --checkpoint when it exists");
    cmd->add_option("--threads", global.threads, "CPU threads (default: all cores)");
    cmd->add_option("--out", train->out, "model file to write")->required();
    cmd->add_flag("--json", global.json, "print the summary as one JSON line");
    cmd->callback([train, &global, &exitCode] { exitCode = runTrainGhn(*train, global); });

    auto eval = std::make_shared<EvalGhnOptions>();
    CLI::App* ev = app.add_subcommand("eval-ghn", "rank cells by GHN score and correlate with their accuracy");
    ev->add_option("--model", eval->model, "GHN model file (train-ghn)")->required();
    auto* data = ev->add_option("--data", eval->data, "JSONL(.gz) or cache: correlate with its 108-epoch validation accuracy (default: the bundled sample)");
    ev->add_option("--truth", eval->truth, "train-net results (one JSON line per cell): correlate with their validation accuracy")->excludes(data);
    ev->add_option("--limit", eval->limit, "only the first N cells (0: all)");
    ev->add_option("--scores", eval->scoresOut, "also write hash,ghn_accuracy,ghn_loss,truth as CSV");
    ev->add_option("--threads", global.threads, "CPU threads (default: all cores)");
    ev->add_flag("--json", global.json, "print one JSON object");
    ev->callback([eval, &global, &exitCode] { exitCode = runEvalGhn(*eval, global); });
}

} // namespace archscope::cli
