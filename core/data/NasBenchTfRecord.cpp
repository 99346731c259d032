// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "data/NasBenchTfRecord.h"

#include "data/DatasetCache.h"
#include "data/nasbench_metrics.pb.h"
#include "util/AtomicFile.h"
#include "util/Base64.h"
#include "util/Errors.h"
#include "util/JsonDepth.h"
#include "util/MappedFile.h"
#include "util/Parallel.h"
#include "util/TfRecordFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace archscope {

namespace {

using nlohmann::json;

// A row after parsing, before grouping by hash: the pruned cell is held inline (at most 7 vertices
// once validated) so that a million rows cost no allocations of their own.
struct ParsedRow {
    ModuleHash hash;
    std::int64_t params = 0;
    RunMetrics run;
    std::uint8_t budget = 0;
    std::uint8_t numVertices = 0;
    std::array<Op, kMaxVertices> ops{};
    std::array<std::uint8_t, kMaxVertices> rows{};
};

std::string recordWhere(const std::string& path, std::size_t index, std::size_t offset)
{
    return path + ":record " + std::to_string(index + 1) + " (byte " + std::to_string(offset) + ")";
}

const json& field(const json& row, std::size_t i, bool (json::*isType)() const noexcept, const char* what)
{
    if (!(row[i].*isType)())
        throw DataError(std::string(what) + " (element " + std::to_string(i) + ") has the wrong type");
    return row[i];
}

// A value the row holds must be a real one: NaN would read as "unknown" and infinity as a result.
float checkedValue(double v, double lo, double hi, const char* name, const char* when)
{
    if (!(v >= lo && v <= hi)) {
        char text[96];
        std::snprintf(text, sizeof text, " is %g, expected %g to %g", v, lo, hi);
        throw DataError(std::string(when) + " " + name + text);
    }
    return static_cast<float>(v);
}

Evaluation toEvaluation(const nasbench::EvaluationData& e, const char* when)
{
    constexpr double kMaxTime = std::numeric_limits<float>::max();
    Evaluation out;
    if (e.has_current_epoch())
        out.epoch = checkedValue(e.current_epoch(), 0, kBudgetEpochs[kBudget108], "epoch", when);
    if (e.has_training_time())
        out.trainingTime = checkedValue(e.training_time(), 0, kMaxTime, "training_time", when);
    if (e.has_train_accuracy())
        out.trainAccuracy = checkedValue(e.train_accuracy(), 0, 1, "train_accuracy", when);
    if (e.has_validation_accuracy())
        out.validationAccuracy = checkedValue(e.validation_accuracy(), 0, 1, "validation_accuracy", when);
    if (e.has_test_accuracy())
        out.testAccuracy = checkedValue(e.test_accuracy(), 0, 1, "test_accuracy", when);
    return out;
}

void fromEvaluation(const Evaluation& e, nasbench::EvaluationData* out)
{
    if (!std::isnan(e.epoch))
        out->set_current_epoch(e.epoch);
    if (!std::isnan(e.trainingTime))
        out->set_training_time(e.trainingTime);
    if (!std::isnan(e.trainAccuracy))
        out->set_train_accuracy(e.trainAccuracy);
    if (!std::isnan(e.validationAccuracy))
        out->set_validation_accuracy(e.validationAccuracy);
    if (!std::isnan(e.testAccuracy))
        out->set_test_accuracy(e.testAccuracy);
}

// Per-thread scratch space, reused from row to row.
struct RowParser {
    std::string metricsBytes;
    nasbench::ModelMetrics metrics;
    std::vector<Op> ops;
    std::vector<std::uint32_t> rows;

    // Throws DataError with the reason only; the caller adds where.
    void parse(std::string_view data, ParsedRow& out)
    {
        checkJsonDepth(data, "malformed JSON row");
        json row;
        try {
            row = json::parse(data.begin(), data.end());
        } catch (const json::exception& e) {
            // Not only parse_error: a number beyond a double, e.g. 3e3439874, is out_of_range.406.
            throw DataError(std::string("malformed JSON row: ") + e.what());
        }
        if (!row.is_array() || row.size() != 5)
            throw DataError("expected a JSON array [module_hash, epochs, raw_adjacency, raw_operations, raw_metrics]");

        const auto hash = ModuleHash::fromHex(field(row, 0, &json::is_string, "module_hash").get_ref<const std::string&>());
        if (!hash)
            throw DataError("module_hash is not 32 hex digits");
        out.hash = *hash;

        const json& epochs = field(row, 1, &json::is_number_integer, "epochs");
        // As written, however large: get<int>() would wrap 4294967404 to 108.
        const std::int64_t epochCount = epochs.get<std::int64_t>();
        const int budget = epochCount > 0 && epochCount <= kBudgetEpochs[kNumBudgets - 1]
                               ? budgetIndex(static_cast<int>(epochCount))
                               : -1;
        if (budget < 0)
            throw DataError("epochs is " + epochs.dump() + ", expected 4, 12, 36 or 108");
        out.budget = static_cast<std::uint8_t>(budget);

        parseCell(field(row, 2, &json::is_string, "raw_adjacency").get_ref<const std::string&>(),
                  field(row, 3, &json::is_string, "raw_operations").get_ref<const std::string&>(), out);

        if (!base64Decode(field(row, 4, &json::is_string, "raw_metrics").get_ref<const std::string&>(), metricsBytes))
            throw DataError("raw_metrics is not base64");
        if (!metrics.ParseFromString(metricsBytes))
            throw DataError("raw_metrics is not a serialized nasbench.ModelMetrics");
        if (metrics.evaluation_data_size() != 3)
            throw DataError("ModelMetrics holds " + std::to_string(metrics.evaluation_data_size())
                            + " evaluations, expected 3 (initial, halfway, final)");
        if (!metrics.has_trainable_parameters())
            throw DataError("ModelMetrics has no trainable_parameters");
        if (metrics.trainable_parameters() < 1)
            throw DataError("trainable_parameters is " + std::to_string(metrics.trainable_parameters())
                            + ", expected a positive count");
        out.params = metrics.trainable_parameters();
        out.run.halfway = toEvaluation(metrics.evaluation_data(1), "halfway");
        out.run.final = toEvaluation(metrics.evaluation_data(2), "final");
    }

    void parseCell(const std::string& adjacency, const std::string& opNames, ParsedRow& out)
    {
        const auto n = static_cast<std::size_t>(std::lround(std::sqrt(static_cast<double>(adjacency.size()))));
        if (n * n != adjacency.size())
            throw DataError("raw_adjacency has " + std::to_string(adjacency.size()) + " entries, not n x n");
        ops.clear();
        std::string_view rest = opNames;
        for (;;) {
            const std::size_t comma = rest.find(',');
            const std::string_view name = rest.substr(0, comma);
            const auto op = opFromName(name);
            if (!op)
                throw DataError("unknown op \"" + std::string(name) + "\" at vertex " + std::to_string(ops.size()));
            ops.push_back(*op);
            if (comma == std::string_view::npos)
                break;
            rest.remove_prefix(comma + 1);
        }
        if (ops.size() != n)
            throw DataError("raw_operations names " + std::to_string(ops.size()) + " ops for a " + std::to_string(n)
                            + " x " + std::to_string(n) + " adjacency");
        if (n > static_cast<std::size_t>(kCellCapacity))
            throw DataError("cell has " + std::to_string(n) + " vertices");
        rows.assign(n, 0u);
        for (std::size_t i = 0; i < n * n; ++i) {
            const char c = adjacency[i];
            if (c != '0' && c != '1')
                throw DataError("raw_adjacency holds '" + std::string(1, c) + "', expected only '0' and '1'");
            if (c == '1')
                rows[i / n] |= 1u << (i % n);
        }
        const Cell cell(ops, rows);
        const CellValidation validation = validateCell(cell);
        if (!validation.ok())
            throw DataError("invalid cell: " + validation.message);
        const Cell pruned = *pruneCell(cell);
        out.numVertices = static_cast<std::uint8_t>(pruned.numVertices());
        for (int v = 0; v < pruned.numVertices(); ++v) {
            out.ops[static_cast<std::size_t>(v)] = pruned.op(v);
            out.rows[static_cast<std::size_t>(v)] = static_cast<std::uint8_t>(pruned.outMask(v));
        }
    }
};

Cell cellOf(const ParsedRow& row)
{
    std::uint32_t rows[kMaxVertices];
    std::copy(row.rows.begin(), row.rows.end(), rows);
    return Cell(row.ops.data(), rows, row.numVertices);
}

bool sameCell(const Cell& cell, const ParsedRow& row)
{
    if (cell.numVertices() != row.numVertices)
        return false;
    for (int v = 0; v < cell.numVertices(); ++v)
        if (cell.op(v) != row.ops[static_cast<std::size_t>(v)] || cell.outMask(v) != row.rows[static_cast<std::size_t>(v)])
            return false;
    return true;
}

struct ModuleHashHasher {
    std::size_t operator()(const ModuleHash& h) const
    {
        std::size_t v;
        std::memcpy(&v, h.bytes.data(), sizeof v); // MD5 bytes are already well mixed
        return v;
    }
};

std::string adjacencyString(const Cell& cell)
{
    std::string s;
    for (int i = 0; i < cell.numVertices(); ++i)
        for (int j = 0; j < cell.numVertices(); ++j)
            s += cell.hasEdge(i, j) ? '1' : '0';
    return s;
}

std::string opsString(const Cell& cell)
{
    std::string s;
    for (Op op : cell.ops()) {
        if (!s.empty())
            s += ',';
        s += opName(op);
    }
    return s;
}

} // namespace

TfRecordImport readNasBenchTfRecord(const std::string& path, int threads, const std::atomic<bool>* cancel)
{
    const MappedFile file(path);
    return parseNasBenchTfRecord(file.bytes(), path, threads, cancel);
}

TfRecordImport parseNasBenchTfRecord(std::string_view bytes, const std::string& path, int threads,
                                     const std::atomic<bool>* cancel)
{
    // Rows are framed and parsed a block at a time, the parsing in parallel, and grouped by hash in
    // file order; the per-row storage is reused across blocks, so memory does not grow with the file.
    constexpr std::size_t kBlock = 1 << 16;
    TfRecordImport result;
    std::unordered_map<ModuleHash, std::uint32_t, ModuleHashHasher> byHash;
    std::vector<std::size_t> firstRow;
    TfRecordScan scan;
    std::vector<ParsedRow> parsed; // grown to the largest block, so a small file pays only for its rows
    std::size_t base = 0; // index of the block's first row in the file
    for (std::size_t pos = 0;;) {
        scanTfRecords(bytes, pos, kBlock, scan);
        const std::size_t n = scan.records.size();
        if (parsed.size() < n)
            parsed.resize(n);
        if (base == 0 && n > 0) {
            // Both official files hold at least three rows per hash; reserving that many spares the
            // copies of a growing vector of half-kilobyte records.
            const std::size_t rowsEstimate = bytes.size() / (scan.next / n);
            result.records.reserve(rowsEstimate / kMaxRuns + 1);
            byHash.reserve(rowsEstimate / kMaxRuns + 1);
        }

        // The error reported must be the first in the file, not the first some thread happened to meet.
        std::size_t errorIndex = n;
        std::string errorText;
        std::mutex errorMutex;
        parallelFor(n, 2048, threads, [&](std::size_t begin, std::size_t end) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                throw Cancelled();
            {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (begin > errorIndex)
                    return;
            }
            RowParser parser;
            for (std::size_t i = begin; i < end; ++i) {
                const TfRecordSpan& span = scan.records[i];
                try {
                    if (!span.dataCrcOk())
                        throw DataError("bad data CRC");
                    parser.parse(span.data, parsed[i]);
                } catch (const DataError& e) {
                    std::lock_guard<std::mutex> lock(errorMutex);
                    if (i < errorIndex) {
                        errorIndex = i;
                        errorText = recordWhere(path, base + i, span.offset) + ": " + e.what();
                    }
                    return;
                }
            }
        });

        for (std::size_t i = 0; i < errorIndex; ++i) {
            const ParsedRow& row = parsed[i];
            const auto [it, added] = byHash.emplace(row.hash, static_cast<std::uint32_t>(result.records.size()));
            if (added) {
                Record r;
                r.hash = row.hash;
                r.cell = cellOf(row);
                r.params = row.params;
                result.records.push_back(std::move(r));
                firstRow.push_back(base + i);
            }
            Record& r = result.records[it->second];
            const auto where = [&] { return recordWhere(path, base + i, scan.records[i].offset); };
            if (!added && !sameCell(r.cell, row))
                throw DataError(where() + ": the cell of hash " + row.hash.hex() + " differs from that at record "
                                + std::to_string(firstRow[it->second] + 1));
            if (!added && r.params != row.params)
                throw DataError(where() + ": trainable_parameters of hash " + row.hash.hex() + " is "
                                + std::to_string(row.params) + ", but " + std::to_string(r.params) + " at record "
                                + std::to_string(firstRow[it->second] + 1));
            BudgetRuns& runs = r.budgets[row.budget];
            if (runs.count == kMaxRuns)
                throw DataError(where() + ": hash " + row.hash.hex() + " has more than " + std::to_string(kMaxRuns)
                                + " runs at " + std::to_string(kBudgetEpochs[row.budget]) + " epochs");
            runs.runs[runs.count++] = row.run;
        }
        if (errorIndex < n)
            throw DataError(errorText);
        if (!scan.error.empty())
            throw DataError(recordWhere(path, base + n, scan.errorOffset) + ": " + scan.error);
        base += n;
        pos = scan.next;
        if (pos == bytes.size())
            break;
    }
    result.rows = base;
    return result;
}

std::string nasBenchRow(const Record& record, int budget, int run)
{
    if (record.params < 0 || record.params > std::numeric_limits<std::int32_t>::max())
        throw std::invalid_argument("params " + std::to_string(record.params) + " do not fit ModelMetrics' int32");
    const RunMetrics& metrics = record.budgets[static_cast<std::size_t>(budget)].runs[static_cast<std::size_t>(run)];
    nasbench::ModelMetrics m;
    nasbench::EvaluationData* initial = m.add_evaluation_data();
    initial->set_current_epoch(0);
    initial->set_training_time(0);
    fromEvaluation(metrics.halfway, m.add_evaluation_data());
    fromEvaluation(metrics.final, m.add_evaluation_data());
    m.set_trainable_parameters(static_cast<std::int32_t>(record.params));
    return json::array({record.hash.hex(), kBudgetEpochs[budget], adjacencyString(record.cell), opsString(record.cell),
                        base64Encode(m.SerializeAsString())})
        .dump();
}

void writeNasBenchTfRecord(const std::string& path, const std::vector<Record>& records, int threads)
{
    // Rows are formatted in parallel a block at a time and written in order, so memory stays bounded.
    constexpr std::size_t kBlock = 1 << 15;
    writeFileAtomically(path, [&](const std::string& temp) {
        TfRecordWriter out(temp);
        std::vector<std::vector<std::string>> rows(kBlock);
        for (std::size_t start = 0; start < records.size(); start += kBlock) {
            const std::size_t count = std::min(kBlock, records.size() - start);
            parallelFor(count, 256, threads, [&](std::size_t begin, std::size_t end) {
                for (std::size_t i = begin; i < end; ++i) {
                    const Record& r = records[start + i];
                    rows[i].clear();
                    for (int b = 0; b < kNumBudgets; ++b)
                        for (int k = 0; k < r.budgets[static_cast<std::size_t>(b)].count; ++k)
                            rows[i].push_back(nasBenchRow(r, b, k));
                }
            });
            for (std::size_t i = 0; i < count; ++i)
                for (const std::string& row : rows[i])
                    out.write(row);
        }
        out.close();
    });
}

ImportSummary importNasBenchTfRecord(const std::string& tfrecordPath, const std::string& cachePath, int threads,
                                     const std::atomic<bool>* cancel)
{
    const TfRecordImport data = readNasBenchTfRecord(tfrecordPath, threads, cancel);
    writeDatasetCache(cachePath, data.records, threads);
    return {data.records.size(), data.rows};
}

} // namespace archscope
