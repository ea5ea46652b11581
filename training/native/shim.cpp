// The C ABI between PixelCodec's C# training code and libtorch. Read me first:
// - Every function returns 0 (or a non-null handle) on success; on failure it returns -1 (or null)
//   and pcx_last_error() gives the message. No C++ exception crosses this boundary.
// - Handles are opaque: a tensor, a network, a trainer (a network plus its optimizer), or a process
//   group (the ranks of a data-parallel run).
//   pcx_live_tensors() and pcx_live_handles() (networks and trainers) count those alive, so tests can
//   prove that the C# side releases everything it creates.
// - Images cross as uint8 [N, H, W, 3] (RGB interleaved, rows top to bottom), as in a RasterImage,
//   copied into a tensor on the network's device; parameters cross as float32 on the CPU, whatever
//   device ("cpu", "cuda") the network lives on.
#include "distributed.h"
#include "networks.h"

#include <malloc.h>
#include <atomic>
#include <cstring>
#include <sstream>
#include <string>
#include <thread>

using namespace pixelcodec;

namespace {

thread_local std::string last_error;
std::atomic<int64_t> live_handles{0};
std::atomic<int64_t> live_tensors{0};

struct Tensor {
    torch::Tensor value;
};

void* new_tensor(torch::Tensor value) {
    ++live_tensors;
    return new Tensor{std::move(value)};
}

const torch::Tensor& images_of(void* handle) { return static_cast<Tensor*>(handle)->value; }

struct Network {
    std::shared_ptr<PixelNetwork> module;
    torch::Device device;
};

struct Group {
    std::shared_ptr<ProcessGroup> value;
};

struct Trainer {
    std::shared_ptr<PixelNetwork> module;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    double clip_norm;
    // Set by pcx_trainer_distribute: the group outlives the averager that reduces over it.
    std::shared_ptr<ProcessGroup> group;
    std::unique_ptr<GradientAverager> averager;
};

template <typename F>
int guarded(F&& body) {
    try {
        body();
        return 0;
    } catch (const c10::Error& e) {
        last_error = e.what_without_backtrace();
        return -1;
    } catch (const std::exception& e) {
        last_error = e.what();
        return -1;
    } catch (...) {
        last_error = "unknown C++ exception";
        return -1;
    }
}

std::vector<torch::Tensor> parameters_of(PixelNetwork& module) { return module.parameters(); }

}  // namespace

extern "C" {

const char* pcx_last_error() { return last_error.c_str(); }

int64_t pcx_live_handles() { return live_handles.load(); }

int64_t pcx_live_tensors() { return live_tensors.load(); }

// A copy of n RGB images [n, height, width, 3] on `device`.
int pcx_tensor_from_images(const uint8_t* images, int64_t n, int64_t height, int64_t width, const char* device, void** out) {
    return guarded([&] {
        auto host = torch::from_blob(const_cast<uint8_t*>(images), {n, height, width, 3}, torch::kUInt8);
        *out = new_tensor(host.to(torch::Device(device), /*non_blocking=*/false, /*copy=*/true));
    });
}

int pcx_tensor_item(void* handle, double* value) {
    return guarded([&] { *value = static_cast<Tensor*>(handle)->value.item<double>(); });
}

void pcx_tensor_free(void* handle) {
    if (handle == nullptr) return;
    delete static_cast<Tensor*>(handle);
    --live_tensors;
}

// Threads default to 1 in this libtorch. Large buffers churned through mmap slow training badly:
// every step would page-fault its activations in afresh. glibc caps M_MMAP_THRESHOLD at 32 MB and a
// batch of logits (16 x 768 x 32 x 32 floats) is 50 MB, so mmap is switched off altogether
// (M_MMAP_MAX 0); with trimming deferred to 1 GB, freed buffers are reused. Measured 4x faster.
int pcx_init(int32_t threads) {
    return guarded([&] {
        mallopt(M_TRIM_THRESHOLD, 1 << 30);
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_MMAP_MAX, 0);
        torch::set_num_threads(threads > 0 ? threads : (int)std::thread::hardware_concurrency());
    });
}

int pcx_network_create(const char* architecture, int64_t hidden, int64_t layers, int64_t head, int64_t seed, const char* device, void** out) {
    return guarded([&] {
        torch::manual_seed(seed);
        torch::Device where(device);
        if (where.is_cuda() && !torch::cuda::is_available())
            throw std::runtime_error("this libtorch has no CUDA device: build the shim against a CUDA libtorch on a GPU machine");
        auto module = create_network({architecture, hidden, layers, head});
        module->to(where);
        auto network = new Network{module, where};
        ++live_handles;
        *out = network;
    });
}

void pcx_network_free(void* handle) {
    if (handle == nullptr) return;
    delete static_cast<Network*>(handle);
    --live_handles;
}

int pcx_network_parameter_count(void* handle, int64_t* count) {
    return guarded([&] { *count = (int64_t)parameters_of(*static_cast<Network*>(handle)->module).size(); });
}

// Name, rank and up to 8 dimensions of parameter `index`, in the network's registration order.
int pcx_network_parameter_info(void* handle, int64_t index, char* name, int64_t name_capacity, int64_t* rank, int64_t* shape) {
    return guarded([&] {
        auto named = static_cast<Network*>(handle)->module->named_parameters();
        if (index < 0 || index >= (int64_t)named.size()) throw std::out_of_range("parameter index out of range");
        auto& item = named[index];
        if ((int64_t)item.key().size() + 1 > name_capacity) throw std::length_error("parameter name too long");
        std::strcpy(name, item.key().c_str());
        *rank = item.value().dim();
        if (*rank > 8) throw std::length_error("parameter rank above 8");
        for (int64_t d = 0; d < *rank; ++d) shape[d] = item.value().size(d);
    });
}

int pcx_network_parameter_read(void* handle, int64_t index, float* values, int64_t count) {
    return guarded([&] {
        auto p = parameters_of(*static_cast<Network*>(handle)->module).at(index).detach().to(torch::kCPU).contiguous();
        if (p.numel() != count) throw std::invalid_argument("buffer size does not match the parameter");
        std::memcpy(values, p.data_ptr<float>(), count * sizeof(float));
    });
}

int pcx_network_parameter_write(void* handle, int64_t index, const float* values, int64_t count) {
    return guarded([&] {
        torch::NoGradGuard no_grad;
        auto p = parameters_of(*static_cast<Network*>(handle)->module).at(index);
        if (p.numel() != count) throw std::invalid_argument("buffer size does not match the parameter");
        p.copy_(torch::from_blob(const_cast<float*>(values), p.sizes(), torch::kFloat));
    });
}

// *loss: a new scalar tensor, the mean NLL of the images in bits per sub-pixel, with the head run on
// bands of rows of at most max_band_positions positions (images x rows x width; at least one row).
int pcx_network_evaluate(void* handle, void* images, int64_t max_band_positions, void** loss) {
    return guarded([&] {
        auto& network = *static_cast<Network*>(handle);
        network.module->eval();
        *loss = new_tensor(bits_per_subpixel_banded(*network.module, images_of(images), max_band_positions));
    });
}

// For causality checks: dependence[y, x, c] = 1 where the logits of sub-pixel (row, column, channel)
// have a non-zero gradient with respect to input sub-pixel (y, x, c), for one random image.
int pcx_network_dependence(void* handle, int64_t height, int64_t width, int64_t row, int64_t column, int64_t channel, uint8_t* dependence) {
    return guarded([&] {
        auto& network = *static_cast<Network*>(handle);
        auto input = (torch::rand({1, 3, height, width}, network.device) * 255).requires_grad_(true);
        auto logits = network.module->forward(input);
        logits.index({0, channel, torch::indexing::Slice(), row, column}).sum().backward();
        auto nonzero = (input.grad()[0].permute({1, 2, 0}) != 0).to(torch::kUInt8).to(torch::kCPU).contiguous();
        std::memcpy(dependence, nonzero.data_ptr<uint8_t>(), height * width * 3);
    });
}

int pcx_trainer_create(void* network, const char* optimizer, double learning_rate, double clip_norm, void** out) {
    return guarded([&] {
        auto& owner = *static_cast<Network*>(network);
        auto module = owner.module;
        std::unique_ptr<torch::optim::Optimizer> opt;
        std::string kind = optimizer;
        if (kind == "adam")
            opt = std::make_unique<torch::optim::Adam>(module->parameters(), torch::optim::AdamOptions(learning_rate));
        else if (kind == "rmsprop")
            opt = std::make_unique<torch::optim::RMSprop>(module->parameters(), torch::optim::RMSpropOptions(learning_rate));
        else
            throw std::invalid_argument("unknown optimizer '" + kind + "' (adam, rmsprop)");
        *out = new Trainer{module, std::move(opt), clip_norm, nullptr, nullptr};
        ++live_handles;
    });
}

void pcx_trainer_free(void* handle) {
    if (handle == nullptr) return;
    auto trainer = static_cast<Trainer*>(handle);
    trainer->averager.reset();
    delete trainer;
    --live_handles;
}

int pcx_trainer_set_learning_rate(void* handle, double learning_rate) {
    return guarded([&] {
        for (auto& group : static_cast<Trainer*>(handle)->optimizer->param_groups())
            group.options().set_lr(learning_rate);
    });
}

// One optimisation step on a batch of images; *loss: a new scalar tensor, the batch's loss before
// the step in bits per sub-pixel (in a distributed run, the mean over the ranks' shards, and the
// gradient the step follows is the mean of theirs). A non-finite loss fails before the weights change,
// on every rank alike.
int pcx_trainer_step(void* handle, void* images, void** loss) {
    return guarded([&] {
        auto& trainer = *static_cast<Trainer*>(handle);
        trainer.module->train();
        trainer.optimizer->zero_grad();
        auto bits = bits_per_subpixel(*trainer.module, images_of(images));
        auto reported = trainer.group ? mean_over(*trainer.group, bits) : bits.detach();
        if (!std::isfinite(reported.item<double>())) throw std::runtime_error("the loss is not finite (NaN or infinity)");
        if (trainer.averager) trainer.averager->begin();
        bits.backward();
        if (trainer.averager) trainer.averager->finish();
        if (trainer.clip_norm > 0) torch::nn::utils::clip_grad_norm_(trainer.module->parameters(), trainer.clip_norm);
        trainer.optimizer->step();
        *loss = new_tensor(reported);
    });
}

int pcx_trainer_save(void* handle, const char* path) {
    return guarded([&] { torch::save(*static_cast<Trainer*>(handle)->optimizer, path); });
}

int pcx_trainer_load(void* handle, const char* path) {
    return guarded([&] { torch::load(*static_cast<Trainer*>(handle)->optimizer, path); });
}

// Rank `rank` of `size`, meeting at master_host:master_port (rank 0 serves the TCPStore there).
// The rendezvous and every collective fail after timeout_ms instead of waiting on a lost peer.
int pcx_group_create(const char* master_host, int32_t master_port, int32_t rank, int32_t size, int64_t timeout_ms, const char* device, void** out) {
    return guarded([&] {
        bool cuda = torch::Device(device).is_cuda();
        auto group = create_process_group(master_host, master_port, rank, size, std::chrono::milliseconds(timeout_ms), cuda);
        *out = new Group{std::move(group)};
        ++live_handles;
    });
}

void pcx_group_free(void* handle) {
    if (handle == nullptr) return;
    delete static_cast<Group*>(handle);
    --live_handles;
}

// Rank 0's `length` bytes into every rank's buffer (the same length everywhere).
int pcx_group_broadcast(void* handle, uint8_t* data, int64_t length) {
    return guarded([&] {
        auto& group = *static_cast<Group*>(handle)->value;
        std::string bytes(reinterpret_cast<const char*>(data), (size_t)length);
        broadcast_bytes(group, bytes);
        if ((int64_t)bytes.size() != length) throw std::runtime_error("rank 0 broadcast a different number of bytes");
        std::memcpy(data, bytes.data(), bytes.size());
    });
}

// values[i] = the sum of values[i] over the ranks.
int pcx_group_sum(void* handle, double* values, int64_t count) {
    return guarded([&] {
        auto& group = *static_cast<Group*>(handle)->value;
        auto tensor = torch::from_blob(values, {count}, torch::kFloat64);
        std::vector<torch::Tensor> tensors{tensor.to(group.device)};
        group.group->allreduce(tensors)->wait();
        tensor.copy_(tensors[0]);
    });
}

// From now on every step averages the gradients over the group, in buckets of about bucket_bytes.
int pcx_trainer_distribute(void* handle, void* group, int64_t bucket_bytes) {
    return guarded([&] {
        auto& trainer = *static_cast<Trainer*>(handle);
        if (trainer.group) throw std::logic_error("the trainer is already distributed");
        auto shared = static_cast<Group*>(group)->value;
        trainer.averager = std::make_unique<GradientAverager>(trainer.module->parameters(), *shared, bucket_bytes);
        trainer.group = std::move(shared);
    });
}

// Rank 0's weights, and with with_optimizer its optimizer's state (moments, step counts), on every rank.
int pcx_trainer_broadcast(void* handle, int32_t with_optimizer) {
    return guarded([&] {
        auto& trainer = *static_cast<Trainer*>(handle);
        if (!trainer.group) throw std::logic_error("the trainer is not distributed");
        broadcast_tensors(*trainer.group, trainer.module->parameters());
        if (!with_optimizer) return;
        std::string state;
        if (trainer.group->rank == 0) {
            torch::serialize::OutputArchive archive;
            trainer.optimizer->save(archive);
            std::ostringstream stream;
            archive.save_to(stream);
            state = stream.str();
        }
        broadcast_bytes(*trainer.group, state);
        if (trainer.group->rank != 0) {
            torch::serialize::InputArchive archive;
            std::istringstream stream(state);
            archive.load_from(stream);
            trainer.optimizer->load(archive);
        }
    });
}

// How the gradient all-reduce went: its bucket count, and the seconds steps spent waiting on it
// after backward (what overlapping with backward did not hide).
int pcx_trainer_allreduce_stats(void* handle, int64_t* buckets, double* wait_seconds) {
    return guarded([&] {
        auto& trainer = *static_cast<Trainer*>(handle);
        *buckets = trainer.averager ? trainer.averager->bucket_count() : 0;
        *wait_seconds = trainer.averager ? trainer.averager->wait_seconds() : 0;
    });
}

}  // extern "C"
