// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "data/CellText.h"

#include "data/JsonlFormat.h"
#include "util/Errors.h"

#include <nlohmann/json.hpp>

#include <cctype>

namespace archscope {

namespace {

// The constants of nasbench/api.py's examples.
std::string_view opOfConstant(std::string_view name)
{
    if (name == "INPUT")
        return "input";
    if (name == "OUTPUT")
        return "output";
    if (name == "CONV1X1")
        return "conv1x1-bn-relu";
    if (name == "CONV3X3")
        return "conv3x3-bn-relu";
    if (name == "MAXPOOL3X3")
        return "maxpool3x3";
    return {};
}

std::string withoutComments(std::string_view text)
{
    std::string out;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '#') {
            while (i < text.size() && text[i] != '\n')
                ++i;
            continue;
        }
        out += c;
    }
    return out;
}

// The bracketed list that follows `key=` (or `key =`), e.g. the [[…]] of matrix=np.array([[…]]).
std::string listAfter(const std::string& text, std::string_view key, const std::string& where)
{
    std::size_t at = 0;
    while ((at = text.find(key, at)) != std::string::npos) {
        const bool wordStart = at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_');
        std::size_t p = at + key.size();
        while (p < text.size() && std::isspace(static_cast<unsigned char>(text[p])))
            ++p;
        if (wordStart && p < text.size() && text[p] == '=')
            break;
        at += key.size();
    }
    if (at == std::string::npos)
        throw DataError(where + ": the ModelSpec has no " + std::string(key) + "=[…]");
    const std::size_t open = text.find('[', at);
    if (open == std::string::npos)
        throw DataError(where + ": " + std::string(key) + "= is not followed by a list");
    int depth = 0;
    for (std::size_t p = open; p < text.size(); ++p) {
        depth += text[p] == '[' ? 1 : text[p] == ']' ? -1 : 0;
        if (depth == 0)
            return text.substr(open, p - open + 1);
    }
    throw DataError(where + ": the list after " + std::string(key) + "= is not closed");
}

// Python list syntax to JSON: '…' strings in double quotes, constants as op names, no trailing commas.
std::string pythonListToJson(const std::string& list, const std::string& where)
{
    std::string out;
    for (std::size_t i = 0; i < list.size();) {
        const char c = list[i];
        if (c == '\'' || c == '"') {
            const std::size_t end = list.find(c, i + 1);
            if (end == std::string::npos)
                throw DataError(where + ": a string in the ModelSpec is not closed");
            out += nlohmann::json(list.substr(i + 1, end - i - 1)).dump();
            i = end + 1;
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            std::size_t end = i;
            while (end < list.size() && (std::isalnum(static_cast<unsigned char>(list[end])) || list[end] == '_' || list[end] == '.'))
                ++end;
            std::string name = list.substr(i, end - i);
            const std::size_t dot = name.rfind('.');
            const std::string_view op = opOfConstant(dot == std::string::npos ? name : name.substr(dot + 1));
            if (op.empty())
                throw DataError(where + ": unknown name " + name
                                + " in the ModelSpec (expected INPUT, CONV1X1, CONV3X3, MAXPOOL3X3, OUTPUT or an op in quotes)");
            out += nlohmann::json(std::string(op)).dump();
            i = end;
        } else if (c == ',') {
            std::size_t next = i + 1;
            while (next < list.size() && std::isspace(static_cast<unsigned char>(list[next])))
                ++next;
            if (next >= list.size() || list[next] != ']')
                out += c;
            ++i;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

} // namespace

std::string cellToModelSpec(const Cell& cell)
{
    std::string text = "ModelSpec(matrix=[";
    for (int i = 0; i < cell.numVertices(); ++i) {
        text += i ? ", [" : "[";
        for (int j = 0; j < cell.numVertices(); ++j)
            text += std::string(j ? ", " : "") + (cell.hasEdge(i, j) ? "1" : "0");
        text += "]";
    }
    text += "], ops=[";
    for (int v = 0; v < cell.numVertices(); ++v)
        text += std::string(v ? ", '" : "'") + std::string(opName(cell.op(v))) + "'";
    return text + "])";
}

Cell cellFromText(std::string_view text, const std::string& where)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        throw DataError(where + ": empty; expected a cell as JSON ({\"ops\": […], \"adjacency\": […]}) or a "
                                "ModelSpec(matrix=…, ops=…)");
    if (text[first] == '{')
        return cellFromJson(text.substr(first), where);
    const std::string code = withoutComments(text);
    if (code.find("ModelSpec") == std::string::npos && code.find("matrix") == std::string::npos)
        throw DataError(where + ": neither a cell as JSON ({\"ops\": […], \"adjacency\": […]}) nor a NAS-Bench-101 "
                                "ModelSpec(matrix=…, ops=…)");
    const std::string matrix = pythonListToJson(listAfter(code, "matrix", where), where);
    const std::string ops = pythonListToJson(listAfter(code, "ops", where), where);
    return cellFromJson("{\"adjacency\":" + matrix + ",\"ops\":" + ops + "}", where);
}

} // namespace archscope
