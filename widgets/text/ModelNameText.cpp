// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "text/ModelNameText.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

namespace archscope {
namespace {

// Gives the texts below one translation context, as a class's tr() would.
struct ModelNameWords {
    Q_DECLARE_TR_FUNCTIONS(archscope::ModelNameText)

public:
    static QString of(const QString& name);
    static QString sampler(const QString& id);
};

// Counts as the user's language writes them (1.000 in German); seeds and sizes stay as they are.
QString count(const QString& digits) { return QLocale().toString(digits.toLongLong()); }

QString ModelNameWords::sampler(const QString& id)
{
    if (id == QLatin1String("random"))
        return tr("random", "training cells drawn at random");
    if (id == QLatin1String("even"))
        return tr("even", "training cells drawn evenly over the vertex counts");
    if (id == QLatin1String("edit"))
        return tr("edit", "training cells drawn far apart in edit distance");
    return id;
}

QString ModelNameWords::of(const QString& name)
{
    // The forms of core/train/GnnTrainer.cpp, core/ghn/GhnTrainer.cpp and core/train/VsGaeTrainer.cpp.
    static const QRegularExpression predictor(QStringLiteral(
        "^(GNN|VS-GAE latent) \\((\\d+) cells, (\\w+), seed (\\d+)(?:, <= (\\d+) vertices)?(?:, ensemble of (\\d+))?\\)$"));
    static const QRegularExpression ghn(QStringLiteral("^GHN \\((\\d+) (\\S+) images, seed (\\d+)\\)$"));
    static const QRegularExpression vsgae(QStringLiteral("^VS-GAE \\((\\d+) cells, ndim (\\d+), seed (\\d+)\\)$"));
    if (const auto m = predictor.match(name); m.hasMatch()) {
        QStringList parts{tr("%1 cells").arg(count(m.captured(2))), sampler(m.captured(3)), tr("seed %1").arg(m.captured(4))};
        if (!m.captured(5).isEmpty())
            parts << tr("≤ %1 vertices").arg(m.captured(5));
        if (!m.captured(6).isEmpty())
            parts << tr("ensemble of %1").arg(m.captured(6));
        const QString kind = m.captured(1) == QLatin1String("GNN") ? m.captured(1) : tr("VS-GAE latent");
        return QStringLiteral("%1 (%2)").arg(kind, parts.join(QStringLiteral(", ")));
    }
    if (const auto m = ghn.match(name); m.hasMatch())
        return QStringLiteral("GHN (%1, %2)")
            .arg(tr("%1 %2 images").arg(count(m.captured(1)), m.captured(2)), tr("seed %1").arg(m.captured(3)));
    if (const auto m = vsgae.match(name); m.hasMatch())
        return QStringLiteral("VS-GAE (%1, %2, %3)")
            .arg(tr("%1 cells").arg(count(m.captured(1))), tr("ndim %1").arg(m.captured(2)), tr("seed %1").arg(m.captured(3)));
    return name;
}

} // namespace

QString modelNameText(const std::string& name) { return ModelNameWords::of(QString::fromStdString(name)); }

} // namespace archscope
