using PixelCodec.Container;

namespace PixelCodec;

/// <summary>How <see cref="PrnnCodec"/> decodes. The pixels never depend on these: a file names the model it needs.</summary>
public sealed record DecodeOptions
{
    /// <summary>Tiles and planes decoded at once; threads left over go inside a plane coded in a wavefront.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Integer model files (.pxim) that may have coded the file, besides the classical, shipped and retired models, which are always known.</summary>
    public IReadOnlyList<string> ModelFiles { get; init; } = [];

    /// <summary>
    /// Decode a file of the first format version even where it claims more pixels than its bytes
    /// could hold in today's format: a near-constant image may, and so may a hostile file, whose work
    /// is then bounded only by the image-size limit (docs/limits.md).
    /// </summary>
    public bool AllowDenseVersion1 { get; init; }

    /// <summary>Counts the sub-pixels decoded while the decode runs, for a progress display; null for none.</summary>
    public CodingProgress? Progress { get; init; }
}
