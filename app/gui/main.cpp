// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AppSettings.h"
#include "MainWindow.h"
#include "runtime/BlasKernels.h"
#include "runtime/Runtime.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    archscope::relaunchWithBetterBlasKernels(argv);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ArchScope"));
    QApplication::setApplicationName(QStringLiteral("ArchScope"));
    QApplication::setApplicationVersion(QStringLiteral(ARCHSCOPE_VERSION));

    archscope::AppSettings settings;
    archscope::installTranslation(app, settings.language());
    archscope::applyPalette(app, settings.palette());
    // Debian's LibTorch starts with one thread; predictions and training may use every core.
    archscope::setComputeThreads(0);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Explorer for the NAS-Bench-101 search space"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Save a picture of the window and quit."),
                                        QStringLiteral("file"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                   QApplication::translate("main", "Wait this long before the picture (ms)."),
                                   QStringLiteral("ms"), QStringLiteral("8000"));
    const QCommandLineOption demo(QStringLiteral("demo-training"),
                                  QApplication::translate("main", "Start a short training run at launch."));
    const QCommandLineOption demoLatent(QStringLiteral("demo-latent"),
                                        QApplication::translate("main", "Show a path and a climb on the latent map at launch."));
    parser.addOptions({screenshot, delay, demo, demoLatent});
    parser.process(app);

    archscope::MainWindow window;
    window.show();
    window.openDefaults();
    if (parser.isSet(demo)) {
        archscope::TrainingConfig config;
        config.trainSize = 400;
        config.valSize = 200;
        config.epochs = 300; // long enough to be still running when the screenshot is taken
        config.nodeDim = 32;
        config.graphDim = 16;
        // The dataset loads in the background; start once it is there.
        QObject::connect(&window, &archscope::MainWindow::datasetLoaded, &window,
                         [&window, config] {
                             window.showBestCell();
                             window.startTraining(config);
                         },
                         Qt::SingleShotConnection);
    }
    if (parser.isSet(demoLatent))
        window.showLatentDemo();
    if (parser.isSet(screenshot))
        window.scheduleScreenshot(parser.value(screenshot), parser.value(delay).toInt());
    return app.exec();
}
