// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// What the CLI suites share besides the runner (CliRunner.h): the bundled files and golden records of
// the bundled sample.

#include "CliRunner.h"

#include <QRegularExpression>

#include <iterator>

namespace clitest {

inline const QString kSample = QStringLiteral(ARCHSCOPE_TEST_DATA);
inline const QString kGnn = QStringLiteral(ARCHSCOPE_RESOURCES "/models/gnn-default.safetensors");
inline const QString kVsgae = QStringLiteral(ARCHSCOPE_RESOURCES "/models/vsgae-default.safetensors");

struct GoldenRecord {
    const char* hash;
    int vertices;
    double valAcc108;
    const char* line; // verbatim from resources/data/nb101-dev.jsonl.gz
};

// One record of each vertex count from 2 to 7 of the bundled sample; the 7-vertex one has the sample's highest
// 108-epoch validation accuracy.
inline const GoldenRecord kGolden[] = {
    {"043721b9c7fe8c5fad811d47d83132ec", 2, 0.8358373641967773,
     R"({"hash":"043721b9c7fe8c5fad811d47d83132ec","ops":["input","output"],"adjacency":[[0,1],[0,0]],"params":882570,"training_time":284.24298095703125,"val_acc":{"4":0.5404647588729858,"12":0.6940104365348816,"36":0.815504789352417,"108":0.8358373641967773}})"},
    {"09fc2d10bdd6225e167a6f81a22a3f06", 3, 0.8405448794364929,
     R"({"hash":"09fc2d10bdd6225e167a6f81a22a3f06","ops":["input","conv1x1-bn-relu","output"],"adjacency":[[0,1,1],[0,0,1],[0,0,0]],"params":2793866,"training_time":732.7000122070312,"val_acc":{"4":0.4447115361690521,"12":0.5343549847602844,"36":0.7894631624221802,"108":0.8405448794364929}})"},
    {"03d84046b0ce567b2b59e85903aa2f5f", 4, 0.9429086446762085,
     R"({"hash":"03d84046b0ce567b2b59e85903aa2f5f","ops":["input","conv3x3-bn-relu","conv3x3-bn-relu","output"],"adjacency":[[0,1,1,1],[0,0,0,1],[0,0,0,1],[0,0,0,0]],"params":6406538,"training_time":1686.487060546875,"val_acc":{"4":0.6202924847602844,"12":0.8219150900840759,"36":0.9196714758872986,"108":0.9429086446762085}})"},
    {"001ea832563f8d635ef7d0af25926274", 5, 0.9341946840286255,
     R"({"hash":"001ea832563f8d635ef7d0af25926274","ops":["input","maxpool3x3","conv3x3-bn-relu","conv3x3-bn-relu","output"],"adjacency":[[0,1,1,1,1],[0,0,1,1,1],[0,0,0,1,0],[0,0,0,0,1],[0,0,0,0,0]],"params":6843402,"training_time":2355.36083984375,"val_acc":{"4":0.2016225904226303,"12":0.7368789911270142,"36":0.8721955418586731,"108":0.9341946840286255}})"},
    {"00040b38293651f17fb665401c671bbb", 6, 0.9271835088729858,
     R"({"hash":"00040b38293651f17fb665401c671bbb","ops":["input","conv3x3-bn-relu","conv3x3-bn-relu","maxpool3x3","conv3x3-bn-relu","output"],"adjacency":[[0,1,0,1,1,0],[0,0,1,0,0,1],[0,0,0,1,0,0],[0,0,0,0,1,1],[0,0,0,0,0,1],[0,0,0,0,0,0]],"params":3984576,"training_time":1367.35498046875,"val_acc":{"4":0.22586138546466827,"12":0.3982371687889099,"36":0.8838140964508057,"108":0.9271835088729858}})"},
    {"096f593e0f12d65f6220bf8565b764a9", 7, 0.9491186141967773,
     R"({"hash":"096f593e0f12d65f6220bf8565b764a9","ops":["input","conv3x3-bn-relu","maxpool3x3","conv3x3-bn-relu","conv1x1-bn-relu","conv3x3-bn-relu","output"],"adjacency":[[0,1,0,0,0,1,1],[0,0,1,0,0,0,0],[0,0,0,1,0,0,0],[0,0,0,0,1,1,0],[0,0,0,0,0,1,0],[0,0,0,0,0,0,1],[0,0,0,0,0,0,0]],"params":31552906,"training_time":4100.5703125,"val_acc":{"4":0.5239382982254028,"12":0.7859575152397156,"36":0.9109575152397156,"108":0.9491186141967773}})"},
};
constexpr int kGoldenCount = int(std::size(kGolden));

inline QByteArray goldenJsonl()
{
    QByteArray text;
    for (const GoldenRecord& g : kGolden)
        text += QByteArray(g.line) + '\n';
    return text;
}

inline bool isModuleHash(const QString& s)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{32}$"));
    return hex.match(s).hasMatch();
}

} // namespace clitest
