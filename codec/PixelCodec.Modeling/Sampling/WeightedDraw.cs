namespace PixelCodec.Modeling.Sampling;

/// <summary>Draws an index with probability weight / total: a uniform integer below the total, then the first index whose running sum of weights exceeds it.</summary>
internal static class WeightedDraw
{
    /// <param name="weights">Non-negative weights.</param>
    /// <param name="total">Their sum, at least 1.</param>
    /// <param name="random">The generator, advanced by the draw.</param>
    public static int Draw(ReadOnlySpan<long> weights, long total, ref SplitMix64 random)
    {
        long target = (long)random.NextBelow((ulong)total);
        int index = 0;
        long reached = weights[0];
        while (reached <= target)
            reached += weights[++index];
        return index;
    }
}
