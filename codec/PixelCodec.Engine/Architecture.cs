namespace PixelCodec.Engine;

/// <summary>The three PixelRNN architectures of van den Oord et al. 2016, Table 1.</summary>
public enum Architecture
{
    PixelCnn,
    RowLstm,
    DiagonalBiLstm,
}

/// <summary>
/// The largest network sizes a model file may declare (the paper's largest is h = 128, 12 layers):
/// checked before anything is allocated from them, so a small hostile file cannot ask for gigabytes.
/// </summary>
public static class NetworkLimits
{
    public const int MaxHidden = 1024;
    public const int MaxLayers = 64;
    public const int MaxHead = 4096;

    /// <summary>Null when the sizes are a network this engine builds, else why not.</summary>
    public static string? Problem(int hidden, int layers, int head) =>
        hidden < 3 || head < 3 || layers < 1 ? $"sizes hidden {hidden}, layers {layers}, head {head} are not a valid network"
        : hidden > MaxHidden || layers > MaxLayers || head > MaxHead ? $"sizes hidden {hidden}, layers {layers}, head {head} exceed the limits ({MaxHidden}, {MaxLayers}, {MaxHead})"
        : null;
}
