#include "masked_conv.h"

namespace pixelcodec {

MaskedConv2dImpl::MaskedConv2dImpl(int64_t in_channels, int64_t out_channels, int64_t kernel_height,
                                   int64_t kernel_width, MaskType type, int64_t out_period, int64_t in_period) {
    if (out_period == 0) out_period = out_channels;
    if (in_period == 0) in_period = in_channels;
    // Only the centre row and the rows above it can ever be seen: the kernel is cut there and the
    // map padded above, so no multiply is spent on weights that are always zero.
    int64_t rows = kernel_height / 2 + 1;
    int64_t centre_column = kernel_width / 2;
    conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, {rows, kernel_width})));
    pad_top = rows - 1;
    pad_left = centre_column;
    pad_right = kernel_width - 1 - centre_column;

    auto m = torch::zeros({out_channels, in_channels, rows, kernel_width});
    auto accessor = m.accessor<float, 4>();
    for (int64_t o = 0; o < out_channels; ++o) {
        int64_t out_group = colour_group(o, out_period);
        for (int64_t i = 0; i < in_channels; ++i) {
            int64_t in_group = colour_group(i, in_period);
            for (int64_t r = 0; r < rows; ++r)
                for (int64_t c = 0; c < kernel_width; ++c) {
                    bool seen;
                    if (r < rows - 1 || c < centre_column) seen = true;
                    else if (c > centre_column) seen = false;
                    else seen = type == MaskType::A ? in_group < out_group : in_group <= out_group;
                    accessor[o][i][r][c] = seen ? 1.0f : 0.0f;
                }
        }
    }
    mask = register_buffer("mask", m);
    // Zero what the mask hides from the start: its gradient is always zero, so it stays zero under
    // Adam and RMSProp, and saved weights are exactly the weights in use (the export relies on it).
    torch::NoGradGuard no_grad;
    conv->weight.mul_(mask);
}

torch::Tensor MaskedConv2dImpl::forward(const torch::Tensor& x) {
    auto padded = torch::constant_pad_nd(x, {pad_left, pad_right, pad_top, 0});
    return torch::conv2d(padded, conv->weight * mask, conv->bias);
}

}  // namespace pixelcodec
