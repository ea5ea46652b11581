// The three PixelRNN architectures of van den Oord et al. 2016 (Table 1): PixelCNN, Row LSTM and
// Diagonal BiLSTM, and the conditional Row LSTM of its Multi-Scale PixelRNN (section 3.6). Each maps
// images [N, 3, H, W] (uint8 as float, scaled to [-1, 1]) to logits [N, 3, 256, H, W]: the
// distribution of every sub-pixel given the ones before it (and, for the conditional network, given
// the image's subsample).
#pragma once
#include <memory>
#include <string>
#include <torch/torch.h>

namespace pixelcodec {

struct NetworkConfig {
    std::string architecture;  // "pixelcnn", "rowlstm", "diagbilstm" or "msrowlstm" (conditional part of a Multi-Scale PixelRNN)
    int64_t hidden;            // h: feature maps are 2h wide between layers, recurrent states h
    int64_t layers;            // residual blocks (PixelCNN) or LSTM layers
    int64_t head;              // width of the two ReLU + 1x1 output layers
};

struct PixelNetwork : torch::nn::Module {
    // Logits of every sub-pixel: head(trunk(images)).
    torch::Tensor forward(const torch::Tensor& images) { return head(trunk(images)); }
    // Everything before the head: the 2h-wide map the head reads, one position at a time.
    virtual torch::Tensor trunk(const torch::Tensor& images) = 0;
    // The per-position head (1x1 convolutions only), so it may run on any band of rows.
    virtual torch::Tensor head(const torch::Tensor& features) = 0;
};

// Channels of the Multi-Scale PixelRNN's condition map for a network of hidden size h: h / 2.
int64_t condition_channels(int64_t hidden);

// Throws std::invalid_argument for an unknown architecture or sizes too small to split into R, G, B.
std::shared_ptr<PixelNetwork> create_network(const NetworkConfig& config);

// Mean negative log-likelihood in bits per sub-pixel of uint8 images [N, H, W, 3].
torch::Tensor bits_per_subpixel(PixelNetwork& network, const torch::Tensor& images_nhwc);

// The same without gradients, in bounded memory for images of any size: the trunk runs on the
// whole batch, the head, softmax and loss on bands of rows of at most max_band_positions positions
// (N x rows x W), so the [N, 3, 256, rows, W] logits never exist for the whole image at once.
torch::Tensor bits_per_subpixel_banded(PixelNetwork& network, const torch::Tensor& images_nhwc, int64_t max_band_positions);

}  // namespace pixelcodec
