// SPDX-FileCopyrightText: 2026 The ArchScope authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "train/DataParallel.h"

#ifdef ARCHSCOPE_HAS_C10D
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif

#include <c10/util/Exception.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

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

// LibTorch's reason, without its backtrace.
std::string firstLine(const std::exception& e)
{
    const auto* c10 = dynamic_cast<const c10::Error*>(&e);
    std::string reason = c10 ? c10->what_without_backtrace() : e.what();
    if (const auto nl = reason.find('\n'); nl != std::string::npos)
        reason.resize(nl);
    return reason;
}

// What a rank's failed collective says: which rank, what it was doing, and LibTorch's reason (the
// part before its backtrace).
[[noreturn]] void failCollective(const ParallelSettings& s, const std::string& what, const std::exception& e, bool rendezvous = false)
{
    const std::string reason = firstLine(e);
    const std::string within = "within ARCHSCOPE_DIST_TIMEOUT=" + std::to_string(s.timeout.count()) + " s";
    // With two ranks the one waited for is the other; with more, Gloo's reason names its address.
    const std::string peer = s.worldSize == 2 ? "rank " + std::to_string(1 - s.rank) : std::string("another rank");
    throw std::runtime_error("data-parallel rank " + std::to_string(s.rank) + " of " + std::to_string(s.worldSize) + ": "
                             + what + " failed ("
                             + (rendezvous ? "the ranks did not all join " + within + ", or the port is taken"
                                           : peer + " died, or did not answer " + within)
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

// Runs `work` on a thread of its own and waits for it at most `limit`: c10d's TCPStore client waits
// without a time limit for a listener that accepts the connection and never answers, so only the caller
// can stop waiting. On time-out the thread is left blocked (detached; it ends with the process, which
// is about to stop with an error) and `onTimeout` throws.
void runWithin(std::chrono::milliseconds limit, std::function<void()> work, const std::function<void()>& onTimeout)
{
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> finished = done->get_future();
    std::thread([work = std::move(work), done] {
        try {
            work();
            done->set_value();
        } catch (...) {
            done->set_exception(std::current_exception());
        }
    }).detach();
    if (finished.wait_for(limit) != std::future_status::ready)
        onTimeout();
    finished.get();
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
    const std::string rendezvous = "the rendezvous of " + std::to_string(settings.worldSize) + " ranks at " + where;
    const std::string me = "data-parallel rank " + std::to_string(settings.rank) + " of " + std::to_string(settings.worldSize) + ": ";
    const std::string joinedKey = "archscope/joined/";
    // When rank 0 waited in vain: which ranks had joined (those missing are named in its error).
    auto joined = std::make_shared<std::vector<char>>();
    auto impl = std::make_shared<Impl>();
    // The whole rendezvous, connecting included, ends within the timeout and a quarter; every collective
    // after it is bounded by Gloo's own timeout.
    struct RendezvousTimedOut {};
    try {
        runWithin(
            timeout * 5 / 4,
            [settings, timeout, joinedKey, joined, impl] {
                c10d::TCPStoreOptions o;
                o.port = static_cast<std::uint16_t>(settings.masterPort);
                o.isServer = settings.rank == 0;
                o.numWorkers = static_cast<std::size_t>(settings.worldSize);
                o.waitWorkers = false;
                o.timeout = timeout;
                impl->store = c10::make_intrusive<c10d::TCPStore>(settings.masterAddr, o);
                impl->store->set(joinedKey + std::to_string(settings.rank), std::vector<std::uint8_t>{1});
                if (settings.rank == 0) {
                    std::vector<std::string> keys;
                    for (int r = 0; r < settings.worldSize; ++r)
                        keys.push_back(joinedKey + std::to_string(r));
                    try {
                        impl->store->wait(keys, timeout);
                    } catch (...) {
                        for (const std::string& key : keys)
                            joined->push_back(impl->store->check({key}) ? 1 : 0);
                        throw;
                    }
                }
                auto options = c10d::ProcessGroupGloo::Options::create(timeout);
                options->devices.push_back(glooDevice(settings));
                options->threads = 2;
                impl->group = c10::make_intrusive<c10d::ProcessGroupGloo>(impl->store, settings.rank, settings.worldSize, options);
            },
            [] { throw RendezvousTimedOut(); });
    } catch (const RendezvousTimedOut&) {
        throw std::runtime_error(me + rendezvous + " failed: waited " + std::to_string(settings.timeout.count())
                                 + " s (ARCHSCOPE_DIST_TIMEOUT) for "
                                 + (settings.rank == 0 ? std::string("the other ranks")
                                                       : "rank 0, which accepted the connection but never answered"));
    } catch (const std::exception& e) {
        std::string missing;
        for (std::size_t r = 1; r < joined->size(); ++r)
            if (!(*joined)[r])
                missing += (missing.empty() ? "" : ", ") + std::to_string(r);
        const std::string waited = me + rendezvous + " failed: waited " + std::to_string(settings.timeout.count())
                                   + " s (ARCHSCOPE_DIST_TIMEOUT) for rank";
        if (!missing.empty())
            throw std::runtime_error(waited + (missing.find(',') == std::string::npos ? " " : "s ") + missing + " to join");
        // Every other rank waits on rank 0, which serves the rendezvous.
        if (settings.rank != 0)
            throw std::runtime_error(waited + " 0: " + firstLine(e));
        failCollective(settings, rendezvous, e, true);
    }
    impl_->store = impl->store;
    impl_->group = impl->group;
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

namespace {

std::string fieldsText(const std::vector<std::pair<std::string, std::string>>& fields)
{
    std::string text;
    for (const auto& [name, value] : fields)
        text += name + '\n' + value + '\n';
    return text;
}

std::vector<std::pair<std::string, std::string>> fieldsOf(const std::vector<std::uint8_t>& bytes)
{
    std::vector<std::pair<std::string, std::string>> fields;
    std::string name, value;
    bool inValue = false;
    for (const std::uint8_t b : bytes) {
        const char c = static_cast<char>(b);
        if (c != '\n')
            (inValue ? value : name) += c;
        else if (!inValue)
            inValue = true;
        else {
            fields.emplace_back(std::move(name), std::move(value));
            name.clear();
            value.clear();
            inValue = false;
        }
    }
    return fields;
}

// The first difference of `theirs` (rank r's) from rank 0's `mine`, or "".
std::string difference(const std::vector<std::pair<std::string, std::string>>& mine,
                       const std::vector<std::pair<std::string, std::string>>& theirs, int r)
{
    const auto shown = [](const std::string& v) { return v.size() > 60 ? v.substr(0, 60) + "…" : v; };
    for (std::size_t i = 0; i < mine.size(); ++i) {
        if (i >= theirs.size() || theirs[i].first != mine[i].first)
            return "rank " + std::to_string(r) + " has no " + mine[i].first + " (another ArchScope or another command?)";
        if (theirs[i].second != mine[i].second)
            return "rank " + std::to_string(r) + "'s " + mine[i].first + " is " + shown(theirs[i].second) + ", rank 0's is "
                   + shown(mine[i].second);
    }
    if (theirs.size() > mine.size())
        return "rank " + std::to_string(r) + " has " + theirs[mine.size()].first + ", rank 0 has not";
    return {};
}

} // namespace

void DataParallelGroup::agreeOn(const std::vector<std::pair<std::string, std::string>>& fields)
{
    // Through the rendezvous's store, not a collective: a collective needs buffers of one size on every
    // rank, which is what may differ here.
    const std::string prefix = "archscope/agree/";
    const std::string verdictKey = prefix + "verdict";
    std::string verdict;
    try {
        const std::string text = fieldsText(fields);
        impl_->store->set(prefix + std::to_string(settings_.rank), std::vector<std::uint8_t>(text.begin(), text.end()));
        if (settings_.rank == 0) {
            for (int r = 1; r < settings_.worldSize && verdict.empty(); ++r)
                verdict = difference(fields, fieldsOf(impl_->store->get(prefix + std::to_string(r))), r);
            const std::string said = verdict.empty() ? std::string("agreed") : verdict;
            impl_->store->set(verdictKey, std::vector<std::uint8_t>(said.begin(), said.end()));
        } else {
            const auto said = impl_->store->get(verdictKey);
            verdict.assign(said.begin(), said.end());
            if (verdict == "agreed")
                verdict.clear();
        }
    } catch (const std::exception& e) {
        failCollective(settings_, "the check that every rank runs the same job", e);
    }
    if (!verdict.empty())
        throw std::runtime_error("data-parallel: the ranks run different jobs: " + verdict
                                 + "; start every rank with the same command and data");
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
void DataParallelGroup::agreeOn(const std::vector<std::pair<std::string, std::string>>&) {}
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
