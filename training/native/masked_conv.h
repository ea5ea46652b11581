// Masked convolutions of PixelRNN (van den Oord et al. 2016, section 3.4).
//
// Feature maps are split into three colour groups, R, G and B, each a contiguous third of the
// channels (of every `period` channels, for layouts like an LSTM's four stacked gates). At the
// kernel centre an output of group g sees inputs of groups < g (mask A, first layer only) or <= g
// (mask B); rows above the centre and pixels left of it in its row are seen by all; the rest by none.
#pragma once
#include <torch/torch.h>

namespace pixelcodec {

enum class MaskType { A, B };

inline int64_t colour_group(int64_t channel, int64_t period) { return (channel % period) * 3 / period; }

struct MaskedConv2dImpl : torch::nn::Module {
    MaskedConv2dImpl(int64_t in_channels, int64_t out_channels, int64_t kernel_height, int64_t kernel_width,
                     MaskType type, int64_t out_period = 0, int64_t in_period = 0);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Conv2d conv{nullptr};
    torch::Tensor mask;
    int64_t pad_top, pad_left, pad_right;
};
TORCH_MODULE(MaskedConv2d);

}  // namespace pixelcodec
