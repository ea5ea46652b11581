namespace PixelCodec.Engine;

/// <summary>
/// Channels split into R, G and B groups as in training (masked_conv.h): channel c of a block of
/// <c>period</c> channels belongs to group (c mod period) * 3 / period, so each group is a contiguous run.
/// </summary>
internal static class ColourGroups
{
    /// <summary>The first channel of group <paramref name="group"/> (0 to 3; 3 gives the period) in a block.</summary>
    public static int Start(int period, int group) => (group * period + 2) / 3;
}

/// <summary>Largest magnitude an activation reached before it was clamped: what export calibrates scales from.</summary>
internal sealed class ActivationRange
{
    public long MaxMagnitude { get; private set; }

    public void Observe(long value) => MaxMagnitude = Math.Max(MaxMagnitude, Math.Abs(value));
}

/// <summary>The activation ranges a network records when asked (export's calibration); null entries record nothing.</summary>
internal sealed class ActivationRanges
{
    private readonly Dictionary<string, ActivationRange> _ranges = [];

    public IReadOnlyDictionary<string, ActivationRange> All => _ranges;

    public ActivationRange For(string name) => _ranges.TryGetValue(name, out ActivationRange? range) ? range : _ranges[name] = new ActivationRange();
}

internal static class ActivationStore
{
    public static short Saturate(long value, ActivationRange? range)
    {
        range?.Observe(value);
        return FixedPoint.SaturateToShort(value);
    }
}
