#include "Commands.h"

#include <exception>
#include <iostream>

int main(int argc, char** argv)
{
    CLI::App app{"archscope-cli: the ArchScope engine for NAS-Bench-101 without a GUI"};
    app.require_subcommand(1);
    archscope::cli::GlobalOptions global;
    int exitCode = 0;
    archscope::cli::addCheckCommand(app, global, exitCode);
    archscope::cli::addEnumerateCommand(app, global, exitCode);
    archscope::cli::addStatsCommand(app, global, exitCode);
    archscope::cli::addImportCommand(app, global, exitCode);
    archscope::cli::addBenchCommand(app, global, exitCode);
    archscope::cli::addTrainCommand(app, global, exitCode);
    archscope::cli::addEvalCommand(app, global, exitCode);
    archscope::cli::addPredictCommand(app, global, exitCode);
    archscope::cli::addVsGaeCommands(app, global, exitCode);
    archscope::cli::addAscendCommand(app, global, exitCode);
    archscope::cli::addTrainNetCommand(app, global, exitCode);
    archscope::cli::addGhnCommands(app, global, exitCode);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        std::cerr << "archscope-cli: " << e.what() << '\n';
        return 1;
    }
    return exitCode;
}
