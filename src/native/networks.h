// The three PixelRNN architectures of van den Oord et al. 2016 (Table 1): PixelCNN, Row LSTM and
// Diagonal BiLSTM. Each maps images [N, 3, H, W] (uint8 as float, scaled to [-1, 1]) to logits
// [N, 3, 256, H, W]: the distribution of every sub-pixel given the ones before it.
#pragma once
#include <memory>
#include <string>
#include <torch/torch.h>

namespace pixelcodec {

struct NetworkConfig {
    std::string architecture;  // "pixelcnn", "rowlstm" or "diagbilstm"
    int64_t hidden;            // h: feature maps are 2h wide between layers, recurrent states h
    int64_t layers;            // residual blocks (PixelCNN) or LSTM layers
    int64_t head;              // width of the two ReLU + 1x1 output layers
};

struct PixelNetwork : torch::nn::Module {
    virtual torch::Tensor forward(const torch::Tensor& images) = 0;
};

// Throws std::invalid_argument for an unknown architecture or sizes too small to split into R, G, B.
std::shared_ptr<PixelNetwork> create_network(const NetworkConfig& config);

// Mean negative log-likelihood in bits per sub-pixel of uint8 images [N, H, W, 3].
torch::Tensor bits_per_subpixel(PixelNetwork& network, const torch::Tensor& images_nhwc);

}  // namespace pixelcodec
