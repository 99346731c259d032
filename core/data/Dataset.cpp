#include "data/Dataset.h"

#include <algorithm>
#include <numeric>

namespace archscope {

Dataset::Dataset(std::vector<Record> records, std::string source)
    : records_(std::move(records)), source_(std::move(source)), byHash_(records_.size())
{
    std::iota(byHash_.begin(), byHash_.end(), 0u);
    std::sort(byHash_.begin(), byHash_.end(),
              [this](std::uint32_t a, std::uint32_t b) { return records_[a].hash < records_[b].hash; });
}

const Record* Dataset::find(const ModuleHash& hash) const
{
    auto it = std::lower_bound(byHash_.begin(), byHash_.end(), hash,
                               [this](std::uint32_t i, const ModuleHash& h) { return records_[i].hash < h; });
    if (it == byHash_.end() || records_[*it].hash != hash)
        return nullptr;
    return &records_[*it];
}

} // namespace archscope
