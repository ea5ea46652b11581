using PixelCodec.Entropy;

namespace PixelCodec.Modeling.Sampling;

/// <summary>
/// Draws planes from a probability model: the model's decoder session gives the table of each
/// sub-pixel, as it does for decoding, and instead of a range decoder a seeded generator picks the value
/// (<see cref="Temperature"/> says how), which the session then observes. Sub-pixels given in advance
/// are observed as they are: that is completion. Plane i draws from its own stream of the seed
/// (<see cref="SplitMix64.Stream"/>), so it is the same whatever the count and the thread count.
/// </summary>
public static class PlaneSampler
{
    /// <summary>
    /// <paramref name="count"/> planes of <paramref name="shape"/>, each starting with the sub-pixels of
    /// <paramref name="given"/> (in raster order; empty to draw every sub-pixel) and drawn from there on.
    /// </summary>
    /// <param name="model">The model drawn from.</param>
    /// <param name="shape">The shape of every plane.</param>
    /// <param name="given">The first sub-pixels of every plane, in raster order; empty to draw every sub-pixel.</param>
    /// <param name="count">Planes to draw, at least 1.</param>
    /// <param name="seed">The same seed (with the same model, shape, given sub-pixels and temperature) draws the same planes.</param>
    /// <param name="temperature">How each table is reshaped before a value is drawn from it.</param>
    /// <param name="threads">Planes drawn at once (at least 1); the planes never depend on it.</param>
    /// <exception cref="ArgumentException">The model cannot code planes of this many channels, more sub-pixels are given than the plane holds, or the count or thread count is below 1.</exception>
    public static byte[][] Draw(IProbabilityModel model, PlaneShape shape, ReadOnlyMemory<byte> given, int count, ulong seed, Temperature temperature, int threads)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.SupportsChannels(shape.Channels))
            throw new ArgumentException($"model '{model.Identity.Name}' cannot code planes of {shape.Channels} channels", nameof(model));
        if (given.Length > shape.SubpixelCount)
            throw new ArgumentException($"{given.Length} sub-pixels given for a plane of {shape.SubpixelCount}", nameof(given));
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var planes = new byte[count][];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            i => planes[i] = model is MultiScaleModel multiScale
                ? DrawInScales(multiScale, shape, given.Span, seed, i, temperature)
                : DrawOne(model, shape, given.Span, SplitMix64.Stream(seed, i), temperature));
        return planes;
    }

    // As the paper samples its Multi-Scale PixelRNN: the subsample first (its rows that the given rows
    // fix are kept), then the plane given it, each from a stream of its own.
    private static byte[] DrawInScales(MultiScaleModel model, PlaneShape shape, ReadOnlySpan<byte> given, ulong seed, int index, Temperature temperature)
    {
        int givenRows = given.Length / shape.Stride;
        int fixedRows = givenRows == shape.Height ? Subsample.Side(givenRows) : givenRows / 2;
        int coveredRows = Math.Min(2 * fixedRows, givenRows);
        byte[] givenSubsample = coveredRows == 0 ? [] : Subsample.Of(given[..(coveredRows * shape.Stride)], shape with { Height = coveredRows });
        byte[] subsample = DrawOne(model.SubsampleModel, Subsample.ShapeOf(shape), givenSubsample, SplitMix64.Stream(seed, 2 * index), temperature);
        return DrawOne(model.Given(subsample), shape, given, SplitMix64.Stream(seed, 2 * index + 1), temperature);
    }

    private static byte[] DrawOne(IProbabilityModel model, PlaneShape shape, ReadOnlySpan<byte> given, SplitMix64 random, Temperature temperature)
    {
        var plane = new byte[shape.SubpixelCount];
        given.CopyTo(plane);
        IDecoderSession session = model.BeginDecoding(shape);
        Span<ushort> table = stackalloc ushort[FrequencyTable.Symbols];
        Span<long> weights = stackalloc long[FrequencyTable.Symbols];
        for (int i = 0; i < plane.Length; i++)
        {
            session.NextTable(table);
            if (i >= given.Length)
                plane[i] = (byte)WeightedDraw.Draw(weights, temperature.Weigh(table, weights), ref random);
            session.Observe(plane[i]);
        }
        return plane;
    }
}
