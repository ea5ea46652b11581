using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.LowByte;
using PixelCodec.Modeling.Weighted;

namespace PixelCodec.Container;

/// <param name="ColourModel">Codes the grey or RGB plane where it supports that channel count; <see cref="OtherPlanesModel"/> codes the rest (alpha, and what the model cannot). Of 16-bit samples these models code the high bytes, <see cref="LowByteModel"/> the low bytes. A <see cref="MultiScaleModel"/> codes the RGB plane's subsample first and then the plane (format version 4; whole 8-bit images only).</param>
/// <param name="TileSize">0: the image is coded whole; otherwise independent square tiles of this size, decodable in parallel.</param>
/// <param name="Threads">Tiles and planes coded at once; threads left over go inside a plane coded in a wavefront. The output does not depend on it.</param>
/// <param name="ColourAlternatives">Also code the colour plane with each of these and keep whichever is smallest (higher effort: the file names the model, so decoding costs what the chosen model costs).</param>
/// <param name="Progress">Counts the sub-pixels coded, for a progress display.</param>
public sealed record PrnnEncodeOptions(IProbabilityModel ColourModel, int TileSize = 0, int Threads = 1, IReadOnlyList<IProbabilityModel>? ColourAlternatives = null, CodingProgress? Progress = null)
{
    /// <summary>The model of alpha planes and of planes the colour model cannot code: the weighted-predictor model.</summary>
    public static IProbabilityModel OtherPlanesModel => WeightedPredictorModel.Instance;
}

/// <param name="Header">The header written.</param>
/// <param name="FileBytes">The whole file's size.</param>
/// <param name="PayloadBytes">The segments' size.</param>
/// <param name="IdealBits">What the models' tables say the payload should cost; the payload's real size minus this is the coding overhead.</param>
public sealed record PrnnEncodeResult(PrnnHeader Header, long FileBytes, long PayloadBytes, double IdealBits);

/// <summary>Writes .prnn files: every plane and tile coded with its model, in parallel; the bytes never depend on the thread count.</summary>
public static class PrnnEncoder
{
    private const int LowByteJob = -1;

    /// <summary>Codes <paramref name="image"/> and writes the whole file to <paramref name="output"/>.</summary>
    /// <exception cref="PrnnFormatException">The image is wider or taller than a file holds (<see cref="PrnnHeaderCodec.MaxSide"/>).</exception>
    public static PrnnEncodeResult Encode(RasterImage image, PrnnEncodeOptions options, Stream output)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.TileSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);
        if (image.Width > PrnnHeaderCodec.MaxSide || image.Height > PrnnHeaderCodec.MaxSide)
            throw new PrnnFormatException($"a .prnn file holds images of at most {PrnnHeaderCodec.MaxSide} pixels a side; this one is {image.Width}x{image.Height}");

        bool wide = image.BitDepth == 16;
        (RasterImage high, RasterImage? low) = wide ? WideSamples.Split(image) : (image, null);
        PlaneLayout[] layouts = PlaneLayout.For(image.Format);
        IProbabilityModel[][] candidates = [.. layouts.Select((l, p) => Candidates(options, l, isAlpha: p > 0))];
        var grid = new TileGrid(image.Width, image.Height, options.TileSize, options.TileSize);
        if (candidates[0].Any(m => m is MultiScaleModel) && (grid.Count > 1 || wide))
            throw new PrnnFormatException($"a multi-scale model codes whole 8-bit images: {(wide ? "this one has 16-bit samples" : "leave out the tiles")}");

        // The colour plane in the order its model prefers (a PixelRNN's wavefront) where the widest tile
        // fits it; every other plane in raster order.
        CodingOrder[][] orders = [.. candidates.Select((models, p) => models.Select(m => p == 0 && m.PreferredOrder.Fits(PlaneSplitter.Shape(grid[0], layouts[p].Channels)) ? m.PreferredOrder : CodingOrder.Raster).ToArray())];

        // Every (plane, candidate model, tile) is one job, then every (plane, tile) of low bytes;
        // each plane keeps its smallest candidate.
        var jobs = new List<(int Plane, int Candidate, int Tile)>();
        for (int p = 0; p < layouts.Length; p++)
            for (int m = 0; m < candidates[p].Length; m++)
                for (int t = 0; t < grid.Count; t++)
                    jobs.Add((p, m, t));
        int highJobs = jobs.Count;
        if (wide)
            for (int p = 0; p < layouts.Length; p++)
                for (int t = 0; t < grid.Count; t++)
                    jobs.Add((p, LowByteJob, t));
        var coded = new CodedPlane[jobs.Count];
        var subsamples = new (CodedPlane Coded, byte[] Pixels)?[jobs.Count];   // of the jobs of a multi-scale model
        options.Progress?.Start(jobs.Sum(j => Subpixels(PlaneSplitter.Shape(grid[j.Tile], layouts[j.Plane].Channels), j.Candidate >= 0 ? candidates[j.Plane][j.Candidate] : null)));
        int planeThreads = Math.Max(1, options.Threads / jobs.Count);   // threads left over go inside the planes
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, j =>
        {
            (int p, int m, int t) = jobs[j];
            Tile tile = grid[t];
            PlaneShape shape = PlaneSplitter.Shape(tile, layouts[p].Channels);
            byte[] highPlane = PlaneSplitter.Extract(high, tile, layouts[p].FirstChannel, layouts[p].Channels);
            if (m == LowByteJob)
                coded[j] = PlaneCoder.Encode(LowByteModel.Given(highPlane), PlaneSplitter.Extract(low!, tile, layouts[p].FirstChannel, layouts[p].Channels), shape, options.Progress);
            else if (candidates[p][m] is MultiScaleModel multiScale)
            {
                byte[] subsample = Subsample.Of(highPlane, shape);
                subsamples[j] = (PlaneCoder.Encode(multiScale.SubsampleModel, subsample, Subsample.ShapeOf(shape), options.Progress), subsample);
                coded[j] = PlaneCoder.Encode(multiScale.Given(subsample), highPlane, shape, options.Progress);
            }
            else
                coded[j] = PlaneCoder.Encode(candidates[p][m], highPlane, shape, orders[p][m], options.Progress, planeThreads);
        });
        var models = new IProbabilityModel[layouts.Length];
        CodingOrder colourOrder = CodingOrder.Raster;
        var segments = new CodedPlane[(wide ? 2 : 1) * layouts.Length * grid.Count];
        (CodedPlane Coded, byte[] Pixels)? subsample = null;
        int first = 0;
        for (int p = 0; p < layouts.Length; p++)
        {
            int best = 0;
            long Size(int m) => Enumerable.Range(0, grid.Count).Sum(t => (long)coded[first + m * grid.Count + t].Bytes.Length)
                                + (subsamples[first + m * grid.Count]?.Coded.Bytes.Length ?? 0);
            for (int m = 1; m < candidates[p].Length; m++)
                if (Size(m) < Size(best))
                    best = m;
            models[p] = candidates[p][best];
            if (p == 0)
                colourOrder = orders[p][best];
            Array.Copy(coded, first + best * grid.Count, segments, p * grid.Count, grid.Count);
            if (p == 0)
                subsample = subsamples[first + best * grid.Count];
            first += candidates[p].Length * grid.Count;
        }
        Array.Copy(coded, highJobs, segments, layouts.Length * grid.Count, jobs.Count - highJobs);
        if (subsample is { } small)
            segments = [small.Coded, .. segments];
        IEnumerable<PlaneEntry> planes = layouts.Select((l, p) => new PlaneEntry(l.Channels, models[p].Identity.Id.ToArray()));
        if (wide)
            planes = planes.Concat(layouts.Select(l => new PlaneEntry(l.Channels, LowByteModel.SharedIdentity.Id.ToArray())));

        var header = new PrnnHeader(
            PrnnHeaderCodec.VersionFor(image.BitDepth, subsample is not null, !colourOrder.IsRaster), image.Format, image.Width, image.Height, options.TileSize, options.TileSize,
            planes.ToArray(),
            segments.Select(s => s.Bytes.Length).ToArray(),
            PrnnHeaderCodec.PixelChecksum(image.Pixels),
            image.BitDepth,
            subsample is { } chosen ? PrnnHeaderCodec.PixelChecksum(chosen.Pixels) : null,
            colourOrder.IsRaster ? null : colourOrder);
        byte[] headerBytes = PrnnHeaderCodec.Write(header);
        output.Write(headerBytes);
        foreach (CodedPlane segment in segments)
            output.Write(segment.Bytes);
        long payload = header.PayloadLength;
        return new PrnnEncodeResult(header, headerBytes.Length + payload, payload, segments.Sum(s => s.IdealBits));
    }

    // What coding a plane with a model counts: a multi-scale model codes the subsample too.
    private static long Subpixels(PlaneShape shape, IProbabilityModel? model) =>
        shape.SubpixelCount + (model is MultiScaleModel ? Subsample.ShapeOf(shape).SubpixelCount : 0);

    private static IProbabilityModel[] Candidates(PrnnEncodeOptions options, PlaneLayout layout, bool isAlpha) => isAlpha
        ? [PrnnEncodeOptions.OtherPlanesModel]
        : [.. new[] { options.ColourModel }.Concat(options.ColourAlternatives ?? []).Where(m => m.SupportsChannels(layout.Channels))
              .DefaultIfEmpty(PrnnEncodeOptions.OtherPlanesModel)];
}
