#include "data/JsonlFormat.h"

#include "util/AtomicFile.h"
#include "util/Errors.h"
#include "util/GzipFile.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace archscope {

namespace {

using nlohmann::json;

bool endsWith(const std::string& s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Cell cellFromJsonObject(const json& j, const std::string& where)
{
    if (!j.contains("ops") || !j["ops"].is_array())
        throw DataError(where + ": missing \"ops\" array");
    if (!j.contains("adjacency") || !j["adjacency"].is_array())
        throw DataError(where + ": missing \"adjacency\" matrix");
    std::vector<Op> ops;
    for (std::size_t v = 0; v < j["ops"].size(); ++v) {
        const json& name = j["ops"][v];
        if (!name.is_string())
            throw DataError(where + ": op of vertex " + std::to_string(v) + " is not a string");
        const auto op = opFromName(name.get<std::string>());
        if (!op)
            throw DataError(where + ": unknown op \"" + name.get<std::string>() + "\" at vertex " + std::to_string(v)
                            + " (expected input, conv3x3-bn-relu, conv1x1-bn-relu, maxpool3x3 or output)");
        ops.push_back(*op);
    }
    std::vector<std::vector<int>> adjacency;
    for (std::size_t i = 0; i < j["adjacency"].size(); ++i) {
        const json& row = j["adjacency"][i];
        if (!row.is_array())
            throw DataError(where + ": adjacency row " + std::to_string(i) + " is not an array");
        std::vector<int> r;
        for (const json& e : row) {
            if (!e.is_number_integer())
                throw DataError(where + ": adjacency row " + std::to_string(i) + " holds a non-integer");
            r.push_back(e.get<int>());
        }
        adjacency.push_back(std::move(r));
    }
    try {
        return Cell(std::move(ops), adjacency);
    } catch (const std::invalid_argument& e) {
        throw DataError(where + ": " + e.what());
    }
}

json cellJson(const Cell& cell)
{
    json ops = json::array();
    for (Op op : cell.ops())
        ops.push_back(std::string(opName(op)));
    return json{{"ops", ops}, {"adjacency", cell.adjacency()}};
}

float numberOrUnknown(const json& j)
{
    return j.is_number() ? j.get<float>() : kUnknown;
}

} // namespace

Record parseRecordLine(std::string_view line, const std::string& where)
{
    json j;
    try {
        j = json::parse(line.begin(), line.end());
    } catch (const json::parse_error& e) {
        throw DataError(where + ": malformed JSON: " + e.what());
    }
    if (!j.is_object())
        throw DataError(where + ": expected a JSON object");
    Record r;
    const Cell cell = cellFromJsonObject(j, where);
    const CellValidation validation = validateCell(cell);
    if (!validation.ok())
        throw DataError(where + ": invalid cell: " + validation.message);
    r.cell = *pruneCell(cell);
    if (j.contains("hash")) {
        const auto hash = j["hash"].is_string() ? ModuleHash::fromHex(j["hash"].get<std::string>()) : std::nullopt;
        if (!hash)
            throw DataError(where + ": \"hash\" is not 32 hex digits");
        r.hash = *hash;
    } else {
        r.hash = moduleHash(r.cell);
    }
    if (j.contains("params")) {
        if (!j["params"].is_number_integer())
            throw DataError(where + ": \"params\" is not an integer");
        r.params = j["params"].get<std::int64_t>();
    }
    const float trainingTime = j.contains("training_time") ? numberOrUnknown(j["training_time"]) : kUnknown;
    if (j.contains("val_acc")) {
        const json& acc = j["val_acc"];
        if (!acc.is_object())
            throw DataError(where + ": \"val_acc\" is not an object of epochs");
        for (const auto& [key, value] : acc.items()) {
            int epochs = -1;
            try {
                epochs = std::stoi(key);
            } catch (const std::exception&) {
            }
            const int b = budgetIndex(epochs);
            if (b < 0)
                throw DataError(where + ": \"val_acc\" has budget \"" + key + "\", expected 4, 12, 36 or 108");
            if (!value.is_number())
                throw DataError(where + ": val_acc[\"" + key + "\"] is not a number");
            BudgetRuns& runs = r.budgets[static_cast<std::size_t>(b)];
            runs.count = 1;
            runs.runs[0].final.epoch = static_cast<float>(epochs);
            runs.runs[0].final.validationAccuracy = value.get<float>();
            if (b == kBudget108)
                runs.runs[0].final.trainingTime = trainingTime;
        }
    }
    return r;
}

std::string recordToJsonLine(const Record& record)
{
    json j = cellJson(record.cell);
    json out = {{"hash", record.hash.hex()}, {"ops", j["ops"]}, {"adjacency", j["adjacency"]},
                {"params", record.params}};
    const float time = record.hasBudget(kBudget108) ? record.budgets[kBudget108].runs[0].final.trainingTime : kUnknown;
    if (!std::isnan(time))
        out["training_time"] = time;
    json acc = json::object();
    for (int b = 0; b < kNumBudgets; ++b)
        if (record.hasBudget(b))
            acc[std::to_string(kBudgetEpochs[b])] = record.budgets[static_cast<std::size_t>(b)].runs[0].final.validationAccuracy;
    if (!acc.empty())
        out["val_acc"] = acc;
    return out.dump();
}

Dataset loadJsonl(const std::string& path, const std::atomic<bool>* cancel)
{
    GzipLineReader reader(path);
    std::vector<Record> records;
    std::string line;
    while (reader.next(line)) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw Cancelled();
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        records.push_back(parseRecordLine(line, path + ":" + std::to_string(reader.lineNumber())));
    }
    return Dataset(std::move(records), path);
}

void writeJsonl(const std::string& path, const std::vector<Record>& records)
{
    writeFileAtomically(path, [&](const std::string& temp) {
        std::string text;
        for (const Record& r : records) {
            text += recordToJsonLine(r);
            text += '\n';
        }
        if (endsWith(path, ".gz")) {
            GzipWriter out(temp);
            out.write(text);
            out.close();
        } else {
            std::FILE* f = std::fopen(temp.c_str(), "wb");
            if (!f)
                throw std::runtime_error(temp + ": cannot open for writing");
            const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
            if (std::fclose(f) != 0 || !ok)
                throw std::runtime_error(path + ": write failed");
        }
    });
}

std::string cellToJson(const Cell& cell) { return cellJson(cell).dump(); }

Cell cellFromJson(std::string_view text, const std::string& where)
{
    json j;
    try {
        j = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        throw DataError(where + ": malformed JSON: " + e.what());
    }
    if (!j.is_object())
        throw DataError(where + ": expected a JSON object with \"ops\" and \"adjacency\"");
    return cellFromJsonObject(j, where);
}

} // namespace archscope
