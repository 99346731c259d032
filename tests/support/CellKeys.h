// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "editor/CellScene.h"

#include <QApplication>
#include <QMenu>
#include <QTimer>
#include <QtTest>

namespace archscope::test {

// The cell editor without the mouse, as a keyboard user works it: the arrow keys walk the selection
// to a vertex (the first press selects the input), and E opens the menu of the other vertices, whose
// entry adds or removes the edge to it.
inline void selectVertexByKeys(QWidget* view, const CellScene& scene, int v)
{
    if (scene.selectedVertex() < 0)
        QTest::keyClick(view, Qt::Key_Right);
    while (scene.selectedVertex() != v)
        QTest::keyClick(view, scene.selectedVertex() < v ? Qt::Key_Right : Qt::Key_Left);
}

inline void toggleEdgeByKeys(QWidget* view, const CellScene& scene, int from, int to)
{
    selectVertexByKeys(view, scene, from);
    // The menu lists the other vertices in order; once it is on screen the arrow keys walk to the
    // entry and Return takes it (the offscreen platform shows no mnemonics).
    QTimer::singleShot(0, view, [to, from] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        QVERIFY(menu && menu->objectName() == QLatin1String("edgeMenu"));
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        for (int k = 0; k <= (to < from ? to : to - 1); ++k)
            QTest::keyClick(menu, Qt::Key_Down);
        QTest::keyClick(menu, Qt::Key_Return);
    });
    QTest::keyClick(view, Qt::Key_E);
}

} // namespace archscope::test
