namespace PixelCodec.Training.Data;

/// <summary>
/// Seeds derived from a run's seed that are the same in every process. (System.HashCode is seeded
/// at random per process, so a data order built on it would change when a run is resumed.)
/// </summary>
public static class SeedMix
{
    /// <summary>SplitMix64's finaliser over the values folded in one after another.</summary>
    public static int Of(params ReadOnlySpan<long> values)
    {
        ulong state = 0x9E3779B97F4A7C15;
        foreach (long value in values)
        {
            state = (state ^ (ulong)value) * 0xBF58476D1CE4E5B9;
            state ^= state >> 31;
            state *= 0x94D049BB133111EB;
            state ^= state >> 29;
        }
        return (int)(state ^ (state >> 32));
    }
}
