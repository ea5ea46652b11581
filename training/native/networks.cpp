#include "networks.h"
#include "masked_conv.h"

#include <cmath>
#include <stdexcept>

namespace pixelcodec {
namespace {

using torch::Tensor;

// The shared trunk: 7x7 mask-A input layer, the architecture's layers, then ReLU + 1x1 mask-B twice.
struct Head : torch::nn::Module {
    Head(int64_t width, int64_t head) {
        hidden = register_module("hidden", MaskedConv2d(width, head, 1, 1, MaskType::B));
        logits = register_module("logits", MaskedConv2d(head, 3 * 256, 1, 1, MaskType::B));
    }
    Tensor forward(const Tensor& x) {
        auto y = logits(torch::relu(hidden(torch::relu(x))));
        return y.view({y.size(0), 3, 256, y.size(2), y.size(3)});
    }
    MaskedConv2d hidden{nullptr}, logits{nullptr};
};

Tensor lstm_update(const Tensor& gates, Tensor& cell) {
    auto chunks = gates.chunk(4, 1);
    cell = torch::sigmoid(chunks[1]) * cell + torch::sigmoid(chunks[0]) * torch::tanh(chunks[3]);
    return torch::sigmoid(chunks[2]) * torch::tanh(cell);
}

struct ResidualBlock : torch::nn::Module {
    explicit ResidualBlock(int64_t h) {
        reduce = register_module("reduce", MaskedConv2d(2 * h, h, 1, 1, MaskType::B));
        spatial = register_module("spatial", MaskedConv2d(h, h, 3, 3, MaskType::B));
        expand = register_module("expand", MaskedConv2d(h, 2 * h, 1, 1, MaskType::B));
    }
    Tensor forward(const Tensor& x) {
        return x + expand(torch::relu(spatial(torch::relu(reduce(torch::relu(x))))));
    }
    MaskedConv2d reduce{nullptr}, spatial{nullptr}, expand{nullptr};
};

// Input-to-state: 1x3 mask-B convolution along the row, for the whole map at once. State-to-state:
// 1x3 convolution of the previous row's hidden state, one row per step (a triangular receptive field).
// With condition_channels > 0 (the Multi-Scale PixelRNN's conditional network), a 1x1 unmasked
// convolution of the condition map is added to the input-to-state map; it starts at zero, so a
// network initialised from an unconditional Row LSTM starts as that network.
struct RowLstmLayer : torch::nn::Module {
    explicit RowLstmLayer(int64_t h, int64_t condition_channels = 0) : h(h) {
        input_to_state = register_module("input_to_state", MaskedConv2d(2 * h, 4 * h, 1, 3, MaskType::B, h));
        state_to_state = register_module("state_to_state", torch::nn::Conv1d(torch::nn::Conv1dOptions(h, 4 * h, 3).padding(1)));
        output = register_module("output", MaskedConv2d(h, 2 * h, 1, 1, MaskType::B));
        initial_hidden = register_parameter("initial_hidden", torch::zeros({1, h, 1}));
        initial_cell = register_parameter("initial_cell", torch::zeros({1, h, 1}));
        if (condition_channels > 0) {
            condition = register_module("condition", torch::nn::Conv2d(torch::nn::Conv2dOptions(condition_channels, 4 * h, 1)));
            torch::NoGradGuard no_grad;
            condition->weight.zero_();
            condition->bias.zero_();
        }
    }
    Tensor forward(const Tensor& x, const Tensor& condition_map = {}) {
        int64_t n = x.size(0), width = x.size(3);
        auto gates_in = input_to_state(x);
        if (condition_map.defined()) gates_in = gates_in + condition(condition_map);
        auto rows = gates_in.unbind(2);
        auto hidden = initial_hidden.expand({n, h, width});
        auto cell = initial_cell.expand({n, h, width}).contiguous();
        std::vector<Tensor> out;
        out.reserve(rows.size());
        for (auto& row : rows) {
            hidden = lstm_update(row + state_to_state(hidden), cell);
            out.push_back(hidden);
        }
        return x + output(torch::stack(out, 2));
    }
    int64_t h;
    MaskedConv2d input_to_state{nullptr}, output{nullptr};
    torch::nn::Conv1d state_to_state{nullptr};
    torch::nn::Conv2d condition{nullptr};
    Tensor initial_hidden, initial_cell;
};

// Multi-Scale PixelRNN (section 3.6), the conditional part: a Row LSTM over the n x n image whose
// every layer's input-to-state map is biased by a map of its s x s subsample, which a decoder has in
// full before the image. The subsample is the image's 2x2 box filter (sides rounded up by repeating
// the last row and column; (sum + 2) / 4 in integers, as the codec computes it) and is computed here
// from the image, detached: the network is a model of the image given the subsample, so gradients
// (and causality checks) see only the masked path from the image.
Tensor box_subsample(const Tensor& images) {
    int64_t pad_bottom = images.size(2) % 2, pad_right = images.size(3) % 2;
    auto padded = torch::replication_pad2d(images.detach(), {0, pad_right, 0, pad_bottom});
    auto sums = torch::avg_pool2d(padded, 2, 2) * 4;
    return torch::floor((sums + 2) / 4);
}

// The small network over the subsample: two 3x3 convolutions at s x s, then a 2x2 stride-2
// deconvolution to c x 2s x 2s (written as a 1x1 convolution to 4c channels and a pixel shuffle, which
// is the same operation), cropped to the image's size; each layer reads it through its own 1x1 convolution.
struct ConditionNetwork : torch::nn::Module {
    explicit ConditionNetwork(int64_t channels) {
        small0 = register_module("small0", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, channels, 3).padding(1)));
        small1 = register_module("small1", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, channels, 3).padding(1)));
        up = register_module("up", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, 4 * channels, 1)));
    }
    Tensor forward(const Tensor& images) {
        auto small = box_subsample(images) / 127.5 - 1.0;
        auto x = torch::relu(small1(torch::relu(small0(small))));
        auto upsampled = torch::relu(torch::pixel_shuffle(up(x), 2));
        return upsampled.narrow(2, 0, images.size(2)).narrow(3, 0, images.size(3));
    }
    torch::nn::Conv2d small0{nullptr}, small1{nullptr}, up{nullptr};
};

// Row r shifted right by r: every diagonal of the image becomes a column.
Tensor skew(const Tensor& x) {
    int64_t height = x.size(2);
    std::vector<Tensor> rows;
    rows.reserve(height);
    auto split = x.unbind(2);
    for (int64_t r = 0; r < height; ++r)
        rows.push_back(torch::constant_pad_nd(split[r], {r, height - 1 - r}));
    return torch::stack(rows, 2);
}

Tensor unskew(const Tensor& x, int64_t width) {
    std::vector<Tensor> rows;
    auto split = x.unbind(2);
    for (int64_t r = 0; r < (int64_t)split.size(); ++r)
        rows.push_back(split[r].narrow(2, r, width));
    return torch::stack(rows, 2);
}

// One direction of a Diagonal BiLSTM over the skewed map: 1x1 mask-B input-to-state, and a 2x1
// convolution down the previous diagonal's state (the pixel above and the pixel to the left).
struct DiagonalLstm : torch::nn::Module {
    explicit DiagonalLstm(int64_t h) : h(h) {
        input_to_state = register_module("input_to_state", MaskedConv2d(2 * h, 4 * h, 1, 1, MaskType::B, h));
        state_to_state = register_module("state_to_state", torch::nn::Conv1d(torch::nn::Conv1dOptions(h, 4 * h, 2)));
        initial_hidden = register_parameter("initial_hidden", torch::zeros({1, h, 1}));
        initial_cell = register_parameter("initial_cell", torch::zeros({1, h, 1}));
    }
    // Cells of the skewed map outside the image hold the learned initial state, so the state that
    // enters every row from the left is that state (and a decoder needs no state from outside the image).
    Tensor forward(const Tensor& x) {
        int64_t n = x.size(0), height = x.size(2), width = x.size(3);
        auto columns = skew(input_to_state(x)).unbind(3);
        auto initial_h = initial_hidden.expand({n, h, height});
        auto initial_c = initial_cell.expand({n, h, height});
        auto rows = torch::arange(height, x.options().dtype(torch::kLong)).view({1, 1, height});
        Tensor hidden = initial_h, cell = initial_c.contiguous();
        std::vector<Tensor> out;
        out.reserve(columns.size());
        for (int64_t t = 0; t < (int64_t)columns.size(); ++t) {
            hidden = lstm_update(columns[t] + state_to_state(torch::constant_pad_nd(hidden, {1, 0})), cell);
            auto inside = (rows <= t).logical_and(rows > t - width);
            hidden = torch::where(inside, hidden, initial_h);
            cell = torch::where(inside, cell, initial_c);
            out.push_back(hidden);
        }
        return unskew(torch::stack(out, 3), width);
    }
    int64_t h;
    MaskedConv2d input_to_state{nullptr};
    torch::nn::Conv1d state_to_state{nullptr};
    Tensor initial_hidden, initial_cell;
};

// Left-to-right on the image, right-to-left on its mirror; the right-to-left map is shifted down
// one row before the two are added, so a pixel sees only rows above from that direction.
struct DiagonalBiLstmLayer : torch::nn::Module {
    explicit DiagonalBiLstmLayer(int64_t h) {
        left = register_module("left", std::make_shared<DiagonalLstm>(h));
        right = register_module("right", std::make_shared<DiagonalLstm>(h));
        output = register_module("output", MaskedConv2d(h, 2 * h, 1, 1, MaskType::B));
    }
    Tensor forward(const Tensor& x) {
        auto from_right = right->forward(x.flip(3)).flip(3);
        auto shifted = torch::constant_pad_nd(from_right, {0, 0, 1, 0}).narrow(2, 0, x.size(2));
        return x + output(left->forward(x) + shifted);
    }
    std::shared_ptr<DiagonalLstm> left, right;
    MaskedConv2d output{nullptr};
};

template <typename Layer>
struct LayeredNetwork : PixelNetwork {
    explicit LayeredNetwork(const NetworkConfig& c) {
        input = register_module("input", MaskedConv2d(3, 2 * c.hidden, 7, 7, MaskType::A));
        for (int64_t i = 0; i < c.layers; ++i)
            layers.push_back(register_module("layer" + std::to_string(i), std::make_shared<Layer>(c.hidden)));
        output = register_module("head", std::make_shared<Head>(2 * c.hidden, c.head));
    }
    Tensor trunk(const Tensor& images) override {
        auto x = input(images / 127.5 - 1.0);
        for (auto& layer : layers) x = layer->forward(x);
        return x;
    }
    Tensor head(const Tensor& features) override { return output->forward(features); }
    MaskedConv2d input{nullptr};
    std::vector<std::shared_ptr<Layer>> layers;
    std::shared_ptr<Head> output;
};

// The conditional Row LSTM of the Multi-Scale PixelRNN: the unconditional one's parameters under the
// same names (so it may start from one), plus "condition.*" and each layer's "condition".
struct MultiScaleRowLstm : PixelNetwork {
    explicit MultiScaleRowLstm(const NetworkConfig& c) {
        int64_t channels = condition_channels(c.hidden);
        input = register_module("input", MaskedConv2d(3, 2 * c.hidden, 7, 7, MaskType::A));
        for (int64_t i = 0; i < c.layers; ++i)
            layers.push_back(register_module("layer" + std::to_string(i), std::make_shared<RowLstmLayer>(c.hidden, channels)));
        output = register_module("head", std::make_shared<Head>(2 * c.hidden, c.head));
        condition = register_module("condition", std::make_shared<ConditionNetwork>(channels));
    }
    Tensor trunk(const Tensor& images) override {
        auto map = condition->forward(images);
        auto x = input(images / 127.5 - 1.0);
        for (auto& layer : layers) x = layer->forward(x, map);
        return x;
    }
    Tensor head(const Tensor& features) override { return output->forward(features); }
    MaskedConv2d input{nullptr};
    std::vector<std::shared_ptr<RowLstmLayer>> layers;
    std::shared_ptr<Head> output;
    std::shared_ptr<ConditionNetwork> condition;
};

}  // namespace

int64_t condition_channels(int64_t hidden) { return std::max<int64_t>(1, hidden / 2); }

std::shared_ptr<PixelNetwork> create_network(const NetworkConfig& config) {
    if (config.hidden < 3 || config.head < 3)
        throw std::invalid_argument("hidden size and head width must be at least 3 (one channel per colour group)");
    if (config.layers < 1)
        throw std::invalid_argument("a network needs at least one layer");
    if (config.architecture == "pixelcnn") return std::make_shared<LayeredNetwork<ResidualBlock>>(config);
    if (config.architecture == "rowlstm") return std::make_shared<LayeredNetwork<RowLstmLayer>>(config);
    if (config.architecture == "diagbilstm") return std::make_shared<LayeredNetwork<DiagonalBiLstmLayer>>(config);
    if (config.architecture == "msrowlstm") return std::make_shared<MultiScaleRowLstm>(config);
    throw std::invalid_argument("unknown architecture '" + config.architecture + "' (pixelcnn, rowlstm, diagbilstm, msrowlstm)");
}

namespace {
// Summed NLL in nats of the sub-pixels whose logits [N, 3, 256, H, W] are given.
Tensor summed_nats(const Tensor& logits, const Tensor& images_nchw_long) {
    // Softmax over the 256 values where they lie (dim 2), not cross_entropy on a transposed copy.
    return -torch::log_softmax(logits, 2).gather(2, images_nchw_long.unsqueeze(2)).sum();
}
}  // namespace

torch::Tensor bits_per_subpixel(PixelNetwork& network, const torch::Tensor& images_nhwc) {
    auto images = images_nhwc.permute({0, 3, 1, 2});
    auto logits = network.forward(images.to(torch::kFloat));
    return summed_nats(logits, images.to(torch::kLong)) / (double(images.numel()) * std::log(2.0));
}

torch::Tensor bits_per_subpixel_banded(PixelNetwork& network, const torch::Tensor& images_nhwc, int64_t max_band_positions) {
    torch::NoGradGuard no_grad;
    auto images = images_nhwc.permute({0, 3, 1, 2});
    auto targets = images.to(torch::kLong);
    auto features = network.trunk(images.to(torch::kFloat));
    int64_t height = images.size(2), per_row = images.size(0) * images.size(3);
    int64_t band = std::max<int64_t>(1, max_band_positions / per_row);
    auto total = torch::zeros({}, features.options().dtype(torch::kDouble));
    for (int64_t row = 0; row < height; row += band) {
        int64_t rows = std::min(band, height - row);
        total += summed_nats(network.head(features.narrow(2, row, rows)), targets.narrow(2, row, rows)).to(torch::kDouble);
    }
    return (total / (double(images.numel()) * std::log(2.0))).to(torch::kFloat);
}

}  // namespace pixelcodec
