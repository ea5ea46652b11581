using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;

namespace PixelCodec.Container;

/// <param name="ColourModel">Codes the grey or RGB plane where it supports that channel count; the baseline codes the rest (alpha, and what the model cannot).</param>
/// <param name="TileSize">0: the image is coded whole; otherwise independent square tiles of this size, decodable in parallel.</param>
/// <param name="Threads">Tiles and planes coded at once. The output does not depend on it.</param>
public sealed record PrnnEncodeOptions(IProbabilityModel ColourModel, int TileSize = 0, int Threads = 1);

/// <param name="IdealBits">What the models' tables say the payload should cost; the payload's real size minus this is the coding overhead.</param>
public sealed record PrnnEncodeResult(PrnnHeader Header, long FileBytes, long PayloadBytes, double IdealBits);

public static class PrnnEncoder
{
    public static PrnnEncodeResult Encode(RasterImage image, PrnnEncodeOptions options, Stream output)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.TileSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);

        PlaneLayout[] layouts = PlaneLayout.For(image.Format);
        IProbabilityModel[] models = layouts.Select((l, p) => ChooseModel(options.ColourModel, l, isAlpha: p > 0)).ToArray();
        var grid = new TileGrid(image.Width, image.Height, options.TileSize, options.TileSize);

        var segments = new CodedPlane[layouts.Length * grid.Count];
        Parallel.For(0, segments.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, s =>
        {
            int p = s / grid.Count;
            Tile tile = grid[s % grid.Count];
            byte[] plane = PlaneSplitter.Extract(image, tile, layouts[p].FirstChannel, layouts[p].Channels);
            segments[s] = PlaneCoder.Encode(models[p], plane, PlaneSplitter.Shape(tile, layouts[p].Channels));
        });

        var header = new PrnnHeader(
            PrnnHeaderCodec.CurrentVersion, image.Format, image.Width, image.Height, options.TileSize, options.TileSize,
            layouts.Select((l, p) => new PlaneEntry(l.Channels, models[p].Identity.Id.ToArray())).ToArray(),
            segments.Select(s => s.Bytes.Length).ToArray(),
            PrnnHeaderCodec.PixelChecksum(image.Pixels));
        byte[] headerBytes = PrnnHeaderCodec.Write(header);
        output.Write(headerBytes);
        foreach (CodedPlane segment in segments)
            output.Write(segment.Bytes);
        long payload = header.PayloadLength;
        return new PrnnEncodeResult(header, headerBytes.Length + payload, payload, segments.Sum(s => s.IdealBits));
    }

    private static IProbabilityModel ChooseModel(IProbabilityModel colourModel, PlaneLayout layout, bool isAlpha) =>
        !isAlpha && colourModel.SupportsChannels(layout.Channels) ? colourModel : ContextModel.Instance;
}
