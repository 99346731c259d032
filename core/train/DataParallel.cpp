#include "train/DataParallel.h"

#ifdef ARCHSCOPE_HAS_C10D
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif

#include <c10/util/Exception.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace archscope {

namespace {

// DDP's default: gradients go out in buckets of about 25 MB.
constexpr std::int64_t kBucketBytes = 25 << 20;

} // namespace

#ifdef ARCHSCOPE_HAS_C10D

struct DataParallelGroup::Impl {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
};

namespace {

// What a rank's failed collective says: which rank, what it was doing, and LibTorch's reason (the
// part before its backtrace).
[[noreturn]] void failCollective(const ParallelSettings& s, const std::string& what, const std::exception& e, bool rendezvous = false)
{
    const auto* c10 = dynamic_cast<const c10::Error*>(&e);
    std::string reason = c10 ? c10->what_without_backtrace() : e.what();
    if (const auto nl = reason.find('\n'); nl != std::string::npos)
        reason.resize(nl);
    const std::string within = "within ARCHSCOPE_DIST_TIMEOUT=" + std::to_string(s.timeout.count()) + " s";
    throw std::runtime_error("data-parallel rank " + std::to_string(s.rank) + " of " + std::to_string(s.worldSize) + ": "
                             + what + " failed ("
                             + (rendezvous ? "the ranks did not all join " + within + ", or the port is taken"
                                           : "another rank died, or did not answer " + within)
                             + "): " + reason);
}

std::shared_ptr<::gloo::transport::Device> glooDevice(const ParallelSettings& s)
{
    if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"))
        return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
    // One machine: the loopback device, which needs no resolvable host name.
    if (s.masterAddr == "127.0.0.1" || s.masterAddr == "localhost")
        return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
    return c10d::ProcessGroupGloo::createDefaultDevice();
}

template <class Work>
void waitFor(const Work& work, const ParallelSettings& s, const std::string& what)
{
    try {
        work->wait();
    } catch (const std::exception& e) {
        failCollective(s, what, e);
    }
}

} // namespace

DataParallelGroup::DataParallelGroup(const ParallelSettings& settings) : settings_(settings), impl_(std::make_unique<Impl>())
{
    // Gloo writes to its peers with writev(), which raises SIGPIPE once a peer has died, and that signal's
    // default kills this rank before Gloo can report the broken pipe. Python ignores SIGPIPE for every
    // PyTorch user; a C++ program has to do it itself, so the write fails with EPIPE and the rank stops
    // with its one-line error instead.
    std::signal(SIGPIPE, SIG_IGN);
    const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(settings.timeout);
    const std::string where = settings.masterAddr + ":" + std::to_string(settings.masterPort);
    try {
        c10d::TCPStoreOptions o;
        o.port = static_cast<std::uint16_t>(settings.masterPort);
        o.isServer = settings.rank == 0;
        o.numWorkers = static_cast<std::size_t>(settings.worldSize);
        o.waitWorkers = true;
        o.timeout = timeout;
        impl_->store = c10::make_intrusive<c10d::TCPStore>(settings.masterAddr, o);
        auto options = c10d::ProcessGroupGloo::Options::create(timeout);
        options->devices.push_back(glooDevice(settings));
        options->threads = 2;
        impl_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(impl_->store, settings.rank, settings.worldSize, options);
    } catch (const std::exception& e) {
        failCollective(settings, "the rendezvous of " + std::to_string(settings.worldSize) + " ranks at " + where, e, true);
    }
}

DataParallelGroup::~DataParallelGroup() = default;

void DataParallelGroup::broadcast(const std::vector<torch::Tensor>& tensors, const std::string& what)
{
    torch::NoGradGuard noGrad;
    for (const torch::Tensor& t : tensors) {
        std::vector<at::Tensor> one{t.data()};
        waitFor(impl_->group->broadcast(one), settings_, "broadcasting " + what);
    }
}

void DataParallelGroup::allReduceGradients(const std::vector<torch::Tensor>& parameters)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> grads;
    for (const torch::Tensor& p : parameters) {
        if (!p.requires_grad())
            continue;
        if (!p.grad().defined())
            p.mutable_grad() = torch::zeros_like(p);
        grads.push_back(p.grad());
    }
    // Buckets of one dtype and device, each flattened into one tensor: all go out, then all are waited for.
    std::vector<std::vector<torch::Tensor>> buckets;
    std::int64_t bytes = 0;
    for (const torch::Tensor& g : grads) {
        const std::int64_t size = g.numel() * static_cast<std::int64_t>(g.element_size());
        if (buckets.empty() || bytes + size > kBucketBytes || buckets.back().front().scalar_type() != g.scalar_type()
            || buckets.back().front().device() != g.device()) {
            buckets.emplace_back();
            bytes = 0;
        }
        buckets.back().push_back(g);
        bytes += size;
    }
    std::vector<torch::Tensor> flat;
    std::vector<c10::intrusive_ptr<c10d::Work>> pending;
    for (const auto& bucket : buckets) {
        std::vector<torch::Tensor> pieces;
        for (const torch::Tensor& g : bucket)
            pieces.push_back(g.reshape(-1));
        flat.push_back(torch::cat(pieces));
        std::vector<at::Tensor> one{flat.back()};
        try {
            pending.push_back(impl_->group->allreduce(one));
        } catch (const std::exception& e) {
            failCollective(settings_, "the all-reduce of the gradients", e);
        }
    }
    for (std::size_t b = 0; b < buckets.size(); ++b) {
        waitFor(pending[b], settings_, "the all-reduce of the gradients");
        std::int64_t at = 0;
        for (const torch::Tensor& g : buckets[b]) {
            g.copy_(flat[b].slice(0, at, at + g.numel()).view_as(g));
            at += g.numel();
        }
    }
}

std::vector<double> DataParallelGroup::allReduce(const std::vector<double>& values, bool maximum, const std::string& what)
{
    std::vector<at::Tensor> one{torch::tensor(values, torch::kFloat64)};
    c10d::AllreduceOptions o;
    o.reduceOp = maximum ? c10d::ReduceOp::MAX : c10d::ReduceOp::SUM;
    waitFor(impl_->group->allreduce(one, o), settings_, what);
    const double* p = one.front().data_ptr<double>();
    return {p, p + values.size()};
}

torch::Tensor DataParallelGroup::allGatherRows(const torch::Tensor& mine, const std::vector<std::int64_t>& counts,
                                             const std::string& what)
{
    torch::NoGradGuard noGrad;
    const std::int64_t widest = *std::max_element(counts.begin(), counts.end());
    std::vector<std::int64_t> shape = mine.sizes().vec();
    shape[0] = widest;
    std::vector<at::Tensor> input{torch::zeros(shape, mine.options())};
    input.front().slice(0, 0, mine.size(0)).copy_(mine.detach());
    std::vector<std::vector<at::Tensor>> output(1);
    for (std::size_t r = 0; r < counts.size(); ++r)
        output.front().push_back(torch::empty(shape, mine.options()));
    waitFor(impl_->group->allgather(output, input), settings_, what);
    std::vector<torch::Tensor> parts;
    for (std::size_t r = 0; r < counts.size(); ++r)
        parts.push_back(output.front()[r].slice(0, 0, counts[r]));
    return torch::cat(parts);
}

std::vector<double> DataParallelGroup::broadcast(const std::vector<double>& values, const std::string& what)
{
    std::vector<at::Tensor> one{torch::tensor(values, torch::kFloat64)};
    waitFor(impl_->group->broadcast(one), settings_, "broadcasting " + what);
    const double* p = one.front().data_ptr<double>();
    return {p, p + values.size()};
}

#else

struct DataParallelGroup::Impl {};

DataParallelGroup::DataParallelGroup(const ParallelSettings& settings) : settings_(settings)
{
    throw std::runtime_error("RANK/WORLD_SIZE ask for a data-parallel run, but this build has no LibTorch c10d with Gloo "
                             "(see docs/CLUSTER.md)");
}

DataParallelGroup::~DataParallelGroup() = default;
void DataParallelGroup::broadcast(const std::vector<torch::Tensor>&, const std::string&) {}
void DataParallelGroup::allReduceGradients(const std::vector<torch::Tensor>&) {}
std::vector<double> DataParallelGroup::allReduce(const std::vector<double>& v, bool, const std::string&) { return v; }
std::vector<double> DataParallelGroup::broadcast(const std::vector<double>& v, const std::string&) { return v; }
torch::Tensor DataParallelGroup::allGatherRows(const torch::Tensor& mine, const std::vector<std::int64_t>&, const std::string&)
{
    return mine.detach();
}

#endif

std::shared_ptr<DataParallelGroup> environmentParallelGroup()
{
    static std::mutex mutex;
    static std::shared_ptr<DataParallelGroup> group;
    static bool joined = false;
    const std::lock_guard<std::mutex> lock(mutex);
    if (!joined) {
        if (const auto s = parallelSettingsFrom([](const char* n) { return std::getenv(n); }); s && s->worldSize > 1)
            group = std::make_shared<DataParallelGroup>(*s);
        joined = true;
    }
    return group;
}

} // namespace archscope
