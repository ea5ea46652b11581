using PixelCodec.Imaging;
using PixelCodec.Modeling;

namespace PixelCodec.Container;

/// <summary>One coded plane: its channel count and the id of the model that coded it (<see cref="Modeling.ModelIdentity.Id"/>).</summary>
public sealed record PlaneEntry(int Channels, byte[] ModelId);

/// <summary>
/// Everything a .prnn file says before its payload. See <see cref="PrnnHeaderCodec"/> for the bytes.
/// </summary>
/// <param name="Version">The format version (<see cref="PrnnHeaderCodec.VersionFor"/>).</param>
/// <param name="Format">The image's channels.</param>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="TileWidth">0 when the image is coded whole, else the width of the independently coded tiles.</param>
/// <param name="TileHeight">0 when the image is coded whole, else the height of the tiles.</param>
/// <param name="SegmentLengths">Payload bytes of the subsample (multi-scale files only), then of every (plane, tile) pair, plane-major, tiles in raster order.</param>
/// <param name="Planes">The coded planes: colour, then alpha if the format has it; for 16-bit samples those of the high bytes, then those of the low bytes.</param>
/// <param name="PixelChecksum">The first 8 bytes of the SHA-256 of the decoded pixels (<see cref="RasterImage.Pixels"/>; 16-bit samples high byte first).</param>
/// <param name="BitDepth">8, or 16 (format version 3 and later).</param>
/// <param name="SubsampleChecksum">
/// Multi-scale files only (format version 4): the colour plane's model is a <see cref="MultiScaleModel"/>,
/// the first segment codes the colour plane's subsample (<see cref="Subsample"/>), and this is the first
/// 8 bytes of the subsample's SHA-256, so a preview is checked too. Null otherwise.
/// </param>
/// <param name="ColourOrder">
/// The order the colour plane's sub-pixels (of 16-bit samples: of their high bytes) are coded in, in every
/// tile: a wavefront from format version 5 on (<see cref="CodingOrder"/>); null for raster order. Every other
/// plane is coded in raster order.
/// </param>
public sealed record PrnnHeader(
    int Version,
    PixelFormat Format,
    int Width,
    int Height,
    int TileWidth,
    int TileHeight,
    IReadOnlyList<PlaneEntry> Planes,
    IReadOnlyList<int> SegmentLengths,
    byte[] PixelChecksum,
    int BitDepth = 8,
    byte[]? SubsampleChecksum = null,
    CodingOrder? ColourOrder = null)
{
    /// <summary>The order plane <paramref name="plane"/> is coded in.</summary>
    public CodingOrder OrderOf(int plane) => plane == 0 ? ColourOrder ?? CodingOrder.Raster : CodingOrder.Raster;

    /// <summary>Whether the file codes its colour plane's subsample first (a multi-scale model coded it).</summary>
    public bool IsMultiScale => SubsampleChecksum is not null;

    /// <summary>The segment of plane <paramref name="plane"/>, tile <paramref name="tile"/>: after the subsample's, if there is one.</summary>
    public int SegmentOf(int plane, int tile) => (IsMultiScale ? 1 : 0) + plane * Tiles.Count + tile;

    /// <summary>The shape of the colour plane's subsample (multi-scale files).</summary>
    public PlaneShape SubsampleShape => Subsample.ShapeOf(new(Width, Height, Planes[0].Channels));

    /// <summary>The tiles the planes are split into (one when the image is coded whole).</summary>
    public TileGrid Tiles => new(Width, Height, TileWidth, TileHeight);

    /// <summary>The bytes after the header: every segment.</summary>
    public long PayloadLength => SegmentLengths.Sum(l => (long)l);

    /// <summary>What plane <paramref name="plane"/> holds, for people: "colour", "alpha", "colour low bytes", ...</summary>
    public string PlaneName(int plane)
    {
        int perByte = Format.HasAlpha() ? 2 : 1;
        string name = plane % perByte == 0 ? "colour" : "alpha";
        return BitDepth == 16 ? $"{name} {(plane < perByte ? "high" : "low")} bytes" : name;
    }
}
