// The C ABI between PixelCodec's C# training code and libtorch. Read me first:
// - Every function returns 0 (or a non-null handle) on success; on failure it returns -1 (or null)
//   and pcx_last_error() gives the message. No C++ exception crosses this boundary.
// - Handles are opaque: a tensor, a network, or a trainer (a network plus its optimizer).
//   pcx_live_tensors() and pcx_live_handles() (networks and trainers) count those alive, so tests can
//   prove that the C# side releases everything it creates.
// - Images cross as uint8 [N, H, W, 3] (RGB interleaved, rows top to bottom), as in a RasterImage,
//   copied into a tensor on the network's device; parameters cross as float32 on the CPU, whatever
//   device ("cpu", "cuda") the network lives on.
#include "networks.h"

#include <malloc.h>
#include <atomic>
#include <cstring>
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

struct Trainer {
    std::shared_ptr<PixelNetwork> module;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    double clip_norm;
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
        *out = new Trainer{module, std::move(opt), clip_norm};
        ++live_handles;
    });
}

void pcx_trainer_free(void* handle) {
    if (handle == nullptr) return;
    delete static_cast<Trainer*>(handle);
    --live_handles;
}

int pcx_trainer_set_learning_rate(void* handle, double learning_rate) {
    return guarded([&] {
        for (auto& group : static_cast<Trainer*>(handle)->optimizer->param_groups())
            group.options().set_lr(learning_rate);
    });
}

// One optimisation step on a batch of images; *loss: a new scalar tensor, the batch's loss before
// the step in bits per sub-pixel. A non-finite loss fails before the weights change.
int pcx_trainer_step(void* handle, void* images, void** loss) {
    return guarded([&] {
        auto& trainer = *static_cast<Trainer*>(handle);
        trainer.module->train();
        trainer.optimizer->zero_grad();
        auto bits = bits_per_subpixel(*trainer.module, images_of(images));
        if (!std::isfinite(bits.item<double>())) throw std::runtime_error("the loss is not finite (NaN or infinity)");
        bits.backward();
        if (trainer.clip_norm > 0) torch::nn::utils::clip_grad_norm_(trainer.module->parameters(), trainer.clip_norm);
        trainer.optimizer->step();
        *loss = new_tensor(bits.detach());
    });
}

int pcx_trainer_save(void* handle, const char* path) {
    return guarded([&] { torch::save(*static_cast<Trainer*>(handle)->optimizer, path); });
}

int pcx_trainer_load(void* handle, const char* path) {
    return guarded([&] { torch::load(*static_cast<Trainer*>(handle)->optimizer, path); });
}

}  // extern "C"
