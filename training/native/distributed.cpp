#include "distributed.h"

#include <cstdlib>
#include <stdexcept>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef PIXELCODEC_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

namespace pixelcodec {

namespace {

bool is_loopback(const std::string& host) { return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1"; }

// Where this rank listens for its peers. GLOO_SOCKET_IFNAME names an interface, as it does for
// PyTorch; a loopback master means every rank is on this machine; otherwise the address this
// machine's hostname resolves to (which must not be a loopback alias on a multi-machine run).
std::shared_ptr<::gloo::transport::Device> gloo_device(const std::string& master_host) {
    if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface != nullptr && *interface != '\0')
        return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
    if (is_loopback(master_host)) return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
    return c10d::ProcessGroupGloo::createDefaultDevice();
}

void wait(c10::intrusive_ptr<c10d::Work> work) { work->wait(); }

}  // namespace

std::unique_ptr<ProcessGroup> create_process_group(const std::string& master_host, int master_port, int rank, int size,
                                                   std::chrono::milliseconds timeout, bool cuda) {
    if (size < 1 || rank < 0 || rank >= size) throw std::invalid_argument("rank must be in [0, world size)");
    if (master_port < 1 || master_port > 65535) throw std::invalid_argument("the master port must be in [1, 65535]");
    c10d::TCPStoreOptions store_options;
    store_options.port = (std::uint16_t)master_port;
    store_options.isServer = rank == 0;
    store_options.numWorkers = (size_t)size;
    store_options.waitWorkers = true;
    store_options.timeout = timeout;
    auto store = c10::make_intrusive<c10d::TCPStore>(master_host, store_options);
#ifdef PIXELCODEC_NCCL
    if (cuda) {
        auto options = c10d::ProcessGroupNCCL::Options::create();
        options->timeout = timeout;
        return std::make_unique<ProcessGroup>(ProcessGroup{c10::make_intrusive<c10d::ProcessGroupNCCL>(store, rank, size, options), rank, size, torch::Device(torch::kCUDA)});
    }
#endif
    auto options = c10d::ProcessGroupGloo::Options::create(timeout);
    options->devices.push_back(gloo_device(master_host));
    options->threads = 2;
    return std::make_unique<ProcessGroup>(ProcessGroup{c10::make_intrusive<c10d::ProcessGroupGloo>(store, rank, size, options), rank, size, torch::Device(torch::kCPU)});
}

GradientAverager::GradientAverager(std::vector<torch::Tensor> parameters, ProcessGroup& group, int64_t bucket_bytes)
    : parameters_(std::move(parameters)), slots_(parameters_.size()), group_(group) {
    if (bucket_bytes < 1) throw std::invalid_argument("the bucket size must be positive");
    std::vector<int64_t> sizes;
    for (size_t p = parameters_.size(); p-- > 0;) {
        const auto& parameter = parameters_[p];
        if (parameter.scalar_type() != torch::kFloat) throw std::invalid_argument("gradient buckets hold float32 parameters only");
        int64_t bytes = parameter.numel() * (int64_t)sizeof(float);
        if (buckets_.empty() || (sizes.back() > 0 && sizes.back() + bytes > bucket_bytes)) {
            buckets_.emplace_back();
            sizes.push_back(0);
        }
        slots_[p] = Slot{buckets_.size() - 1, sizes.back() / (int64_t)sizeof(float)};
        buckets_.back().members.push_back(p);
        sizes.back() += bytes;
    }
    for (size_t b = 0; b < buckets_.size(); ++b)
        buckets_[b].flat = torch::zeros({sizes[b] / (int64_t)sizeof(float)}, parameters_.front().options().requires_grad(false));
    for (size_t p = 0; p < parameters_.size(); ++p)
        hooks_.push_back(parameters_[p].register_hook([this, p](torch::Tensor gradient) { on_gradient(p, gradient); }));
}

GradientAverager::~GradientAverager() {
    for (size_t p = 0; p < hooks_.size(); ++p) parameters_[p].remove_hook(hooks_[p]);
}

void GradientAverager::begin() {
    for (auto& bucket : buckets_) {
        bucket.flat.zero_();
        bucket.pending = bucket.members.size();
        bucket.work.reset();
    }
    armed_ = true;
}

void GradientAverager::on_gradient(size_t parameter, const torch::Tensor& gradient) {
    if (!armed_) return;
    const Slot& slot = slots_[parameter];
    Bucket& bucket = buckets_[slot.bucket];
    if (bucket.work) throw std::logic_error("a gradient arrived for a bucket already being reduced");
    bucket.flat.narrow(0, slot.offset, gradient.numel()).copy_(gradient.reshape(-1));
    if (--bucket.pending == 0) launch(bucket);
}

void GradientAverager::launch(Bucket& bucket) {
    std::vector<torch::Tensor> tensors{bucket.flat};
    bucket.work = group_.group->allreduce(tensors);
}

void GradientAverager::finish() {
    armed_ = false;
    for (auto& bucket : buckets_)
        if (!bucket.work) launch(bucket);
    auto start = std::chrono::steady_clock::now();
    for (auto& bucket : buckets_) wait(bucket.work);
    wait_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    torch::NoGradGuard no_grad;
    for (size_t p = 0; p < parameters_.size(); ++p) {
        auto& parameter = parameters_[p];
        const Slot& slot = slots_[p];
        parameter.mutable_grad() = buckets_[slot.bucket].flat.narrow(0, slot.offset, parameter.numel()).view(parameter.sizes()).div(group_.size);
    }
}

torch::Tensor mean_over(ProcessGroup& group, const torch::Tensor& scalar) {
    std::vector<torch::Tensor> tensors{scalar.detach().to(group.device, torch::kFloat64).reshape({1}).clone()};
    wait(group.group->allreduce(tensors));
    return tensors[0].div(group.size).reshape({}).to(scalar.device());
}

void broadcast_bytes(ProcessGroup& group, std::string& bytes) {
    std::vector<torch::Tensor> length{torch::tensor({(int64_t)bytes.size()}, torch::kInt64).to(group.device)};
    wait(group.group->broadcast(length));
    bytes.resize((size_t)length[0].item<int64_t>());
    if (bytes.empty()) return;
    auto host = torch::from_blob(bytes.data(), {(int64_t)bytes.size()}, torch::kUInt8);
    std::vector<torch::Tensor> data{host.to(group.device)};
    wait(group.group->broadcast(data));
    if (!group.device.is_cpu()) host.copy_(data[0]);
}

void broadcast_tensors(ProcessGroup& group, const std::vector<torch::Tensor>& tensors) {
    torch::NoGradGuard no_grad;
    for (const auto& tensor : tensors) {
        std::vector<torch::Tensor> one{tensor.detach()};
        wait(group.group->broadcast(one));
    }
}

}  // namespace pixelcodec
