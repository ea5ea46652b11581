namespace PixelCodec.Engine;

/// <summary>The three PixelRNN architectures of van den Oord et al. 2016, Table 1.</summary>
public enum Architecture
{
    /// <summary>Masked convolutions only: residual blocks of 1x1 reduce, 3x3 mask B, 1x1 expand.</summary>
    PixelCnn,

    /// <summary>An LSTM over rows: each row's state from the row above's (taps dx = -1..1) and the input.</summary>
    RowLstm,

    /// <summary>Two LSTMs along the diagonals of the skewed image, one per direction, whose states are averaged.</summary>
    DiagonalBiLstm,

    /// <summary>
    /// The conditional network of a Multi-Scale PixelRNN (section 3.6): a Row LSTM over the image given
    /// its 2x2 subsample (<see cref="Modeling.Subsample"/>), whose features bias every layer's gates.
    /// </summary>
    MultiScaleRowLstm,
}

/// <summary>
/// The largest network sizes a model file may declare (the paper's largest is h = 128, 12 layers):
/// checked before anything is allocated from them, so a small hostile file cannot ask for gigabytes.
/// </summary>
public static class NetworkLimits
{
    /// <summary>The largest h: channels of the hidden state (the stream between layers has 2h).</summary>
    public const int MaxHidden = 1024;

    /// <summary>The most trunk layers.</summary>
    public const int MaxLayers = 64;

    /// <summary>The widest output head (channels of head.hidden).</summary>
    public const int MaxHead = 4096;

    /// <summary>Null when the sizes are a network this engine builds, else why not.</summary>
    public static string? Problem(int hidden, int layers, int head) =>
        hidden < 3 || head < 3 || layers < 1 ? $"sizes hidden {hidden}, layers {layers}, head {head} are not a valid network"
        : hidden > MaxHidden || layers > MaxLayers || head > MaxHead ? $"sizes hidden {hidden}, layers {layers}, head {head} exceed the limits ({MaxHidden}, {MaxLayers}, {MaxHead})"
        : null;
}
