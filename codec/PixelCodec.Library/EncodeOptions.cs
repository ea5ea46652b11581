using PixelCodec.Container;

namespace PixelCodec;

/// <summary>How <see cref="PrnnCodec"/> encodes. The bytes written depend on the model, tile size and effort, never on the thread count.</summary>
public sealed record EncodeOptions
{
    /// <summary>The model of the colour plane (grey or RGB), by name: <see cref="ModelChoice.Help"/>. Alpha planes are coded with the weighted-predictor model.</summary>
    public string Model { get; init; } = ModelChoice.Default;

    /// <summary>0 codes the image whole; otherwise independent square tiles of this size, which decode in parallel at some cost in size.</summary>
    public int TileSize { get; init; }

    /// <summary>Tiles, planes and candidate models coded at once.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>1 codes with <see cref="Model"/>; 2 (for the default model) also tries the classical models and lighter blends and keeps the smallest file, which decodes no slower.</summary>
    public int Effort { get; init; } = 1;

    /// <summary>Counts the sub-pixels coded while the encode runs, for a progress display; null for none.</summary>
    public CodingProgress? Progress { get; init; }
}
