// Data-parallel training on libtorch's own distributed engine (c10d): a process group over a
// TCPStore rendezvous, and gradient averaging in buckets that are all-reduced while backward runs.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>
#include <torch/torch.h>
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>

namespace pixelcodec {

// Rank `rank` of `size` processes that meet at the TCPStore on master_host:master_port (rank 0
// serves it). Gloo on the CPU; NCCL for CUDA networks where the shim was built with it. Every
// collective, and the rendezvous itself, fails after `timeout` instead of waiting for a peer forever.
struct ProcessGroup {
    c10::intrusive_ptr<c10d::ProcessGroup> group;
    int rank;
    int size;
    torch::Device device;  // where the collectives' own small tensors (lengths, bytes, the loss) live
};

std::unique_ptr<ProcessGroup> create_process_group(const std::string& master_host, int master_port, int rank, int size,
                                                   std::chrono::milliseconds timeout, bool cuda);

// Averages the gradients of `parameters` over the group. Parameters are packed, in reverse order of
// registration (roughly the order backward produces their gradients), into buckets of about
// bucket_bytes; a hook on each parameter copies its gradient into its bucket, and the bucket's
// all-reduce starts as soon as its last gradient arrives, so communication overlaps the rest of
// backward. Invariant: between begin() and finish() every bucket is reduced exactly once.
class GradientAverager {
public:
    GradientAverager(std::vector<torch::Tensor> parameters, ProcessGroup& group, int64_t bucket_bytes);
    ~GradientAverager();
    GradientAverager(const GradientAverager&) = delete;
    GradientAverager& operator=(const GradientAverager&) = delete;

    // Call before backward: arms the hooks and zeroes the buckets.
    void begin();
    // Call after backward: reduces the buckets not yet started (parameters without a gradient
    // count as zero), waits for all, and writes the mean gradient into every parameter's .grad.
    void finish();
    // Seconds finish() spent blocked on all-reduces that backward had not hidden, since creation.
    double wait_seconds() const { return wait_seconds_; }
    int64_t bucket_count() const { return (int64_t)buckets_.size(); }

private:
    struct Bucket {
        torch::Tensor flat;
        std::vector<size_t> members;
        size_t pending = 0;
        c10::intrusive_ptr<c10d::Work> work;
    };
    struct Slot {
        size_t bucket;
        int64_t offset;
    };
    void on_gradient(size_t parameter, const torch::Tensor& gradient);
    void launch(Bucket& bucket);

    std::vector<torch::Tensor> parameters_;
    std::vector<Slot> slots_;
    std::vector<Bucket> buckets_;
    std::vector<unsigned> hooks_;
    ProcessGroup& group_;
    bool armed_ = false;
    double wait_seconds_ = 0;
};

// The mean over the group of a scalar tensor (for the loss every rank reports).
torch::Tensor mean_over(ProcessGroup& group, const torch::Tensor& scalar);

// Rank 0's bytes on every rank: `bytes` is resized to rank 0's length and filled.
void broadcast_bytes(ProcessGroup& group, std::string& bytes);

// Rank 0's values of `tensors` copied into every rank's (same shapes everywhere).
void broadcast_tensors(ProcessGroup& group, const std::vector<torch::Tensor>& tensors);

}  // namespace pixelcodec
