// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target: the model-file loader (loadPredictor for predictor files, loadLatentModel for
// VS-GAE files), which reads safetensors (util/SafeTensors.h). Both read only from a path, so each
// input is written to a file of this process first. A model that loads must also answer: a prediction for a small cell (which reads the budget
// and the configuration the file gave), or an encode and decode. DataError is the loaders' answer to
// a bad file; anything else is a finding, and so is a non-finite prediction.
#include "model/LatentModel.h"
#include "model/Predictor.h"
#include "registry/PredictorRegistry.h"
#include "util/Errors.h"

#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

using namespace archscope;

namespace {

// /dev/shm when there is one: the loaders then read from memory, not the disk.
class InputFile {
public:
    InputFile()
    {
        const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        path_ = std::string(dir) + "/archscope-fuzz-model-" + std::to_string(getpid()) + ".safetensors";
    }
    ~InputFile() { std::remove(path_.c_str()); }
    const std::string& write(const std::uint8_t* data, std::size_t size)
    {
        std::FILE* f = std::fopen(path_.c_str(), "wb");
        if (!f || std::fwrite(data, 1, size, f) != size || std::fclose(f) != 0)
            throw std::runtime_error(path_ + ": cannot write the fuzz input");
        return path_;
    }

private:
    std::string path_;
};

const Cell& smallCell()
{
    static const Cell cell({Op::Input, Op::Conv3x3, Op::MaxPool3x3, Op::Output},
                           {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}});
    return cell;
}

void loadPredictorFrom(const std::string& path)
{
    std::shared_ptr<Predictor> predictor;
    try {
        predictor = loadPredictor(path);
    } catch (const DataError&) {
        return;
    }
    for (float p : predictor->predict({smallCell()}))
        if (!std::isfinite(p)) {
            std::fprintf(stderr, "a loaded %s model predicts %g\n", predictor->kind().c_str(), static_cast<double>(p));
            std::abort();
        }
}

void loadLatentModelFrom(const std::string& path)
{
    std::shared_ptr<LatentModel> model;
    try {
        model = loadLatentModel(path);
    } catch (const DataError&) {
        return;
    }
    model->decode(model->encode({smallCell()}));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static InputFile file;
    const std::string& path = file.write(data, size);
    loadPredictorFrom(path);
    loadLatentModelFrom(path);
    return 0;
}
