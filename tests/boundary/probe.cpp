// Compiled as a widgets file would be: it must fail, as LibTorch's headers are private to core.
#include "model/GnnPredictor.h"
