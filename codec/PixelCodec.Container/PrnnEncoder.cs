using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Weighted;

namespace PixelCodec.Container;

/// <param name="ColourModel">Codes the grey or RGB plane where it supports that channel count; <see cref="OtherPlanesModel"/> codes the rest (alpha, and what the model cannot).</param>
/// <param name="TileSize">0: the image is coded whole; otherwise independent square tiles of this size, decodable in parallel.</param>
/// <param name="Threads">Tiles and planes coded at once. The output does not depend on it.</param>
/// <param name="ColourAlternatives">Also code the colour plane with each of these and keep whichever is smallest (higher effort: the file names the model, so decoding costs what the chosen model costs).</param>
public sealed record PrnnEncodeOptions(IProbabilityModel ColourModel, int TileSize = 0, int Threads = 1, IReadOnlyList<IProbabilityModel>? ColourAlternatives = null)
{
    /// <summary>The model of alpha planes and of planes the colour model cannot code: the weighted-predictor model.</summary>
    public static IProbabilityModel OtherPlanesModel => WeightedPredictorModel.Instance;
}

/// <param name="IdealBits">What the models' tables say the payload should cost; the payload's real size minus this is the coding overhead.</param>
public sealed record PrnnEncodeResult(PrnnHeader Header, long FileBytes, long PayloadBytes, double IdealBits);

public static class PrnnEncoder
{
    public static PrnnEncodeResult Encode(RasterImage image, PrnnEncodeOptions options, Stream output)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.TileSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);
        if (image.Width > PrnnHeaderCodec.MaxSide || image.Height > PrnnHeaderCodec.MaxSide)
            throw new PrnnFormatException($"a .prnn file holds images of at most {PrnnHeaderCodec.MaxSide} pixels a side; this one is {image.Width}x{image.Height}");

        PlaneLayout[] layouts = PlaneLayout.For(image.Format);
        IProbabilityModel[][] candidates = [.. layouts.Select((l, p) => Candidates(options, l, isAlpha: p > 0))];
        var grid = new TileGrid(image.Width, image.Height, options.TileSize, options.TileSize);

        // Every (plane, candidate model, tile) is one job; then each plane keeps its smallest candidate.
        var jobs = new List<(int Plane, int Candidate, int Tile)>();
        for (int p = 0; p < layouts.Length; p++)
            for (int m = 0; m < candidates[p].Length; m++)
                for (int t = 0; t < grid.Count; t++)
                    jobs.Add((p, m, t));
        var coded = new CodedPlane[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, j =>
        {
            (int p, int m, int t) = jobs[j];
            Tile tile = grid[t];
            byte[] plane = PlaneSplitter.Extract(image, tile, layouts[p].FirstChannel, layouts[p].Channels);
            coded[j] = PlaneCoder.Encode(candidates[p][m], plane, PlaneSplitter.Shape(tile, layouts[p].Channels));
        });
        var models = new IProbabilityModel[layouts.Length];
        var segments = new CodedPlane[layouts.Length * grid.Count];
        int first = 0;
        for (int p = 0; p < layouts.Length; p++)
        {
            int best = 0;
            long Size(int m) => Enumerable.Range(0, grid.Count).Sum(t => (long)coded[first + m * grid.Count + t].Bytes.Length);
            for (int m = 1; m < candidates[p].Length; m++)
                if (Size(m) < Size(best))
                    best = m;
            models[p] = candidates[p][best];
            Array.Copy(coded, first + best * grid.Count, segments, p * grid.Count, grid.Count);
            first += candidates[p].Length * grid.Count;
        }

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

    private static IProbabilityModel[] Candidates(PrnnEncodeOptions options, PlaneLayout layout, bool isAlpha) => isAlpha
        ? [PrnnEncodeOptions.OtherPlanesModel]
        : [.. new[] { options.ColourModel }.Concat(options.ColourAlternatives ?? []).Where(m => m.SupportsChannels(layout.Channels))
              .DefaultIfEmpty(PrnnEncodeOptions.OtherPlanesModel)];
}
