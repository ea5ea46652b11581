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

    /// <summary>
    /// target[i] = saturate(values[i] + residual[i]) (no residual where it is empty), rectified first
    /// if <paramref name="relu"/>: a layer's outputs at one position. The common cases (no range
    /// recorded) get loops without a branch per value.
    /// </summary>
    public static void Saturate(ReadOnlySpan<long> values, ReadOnlySpan<short> residual, bool relu, ActivationRange? range, Span<short> target)
    {
        if (range is not null)
        {
            for (int i = 0; i < values.Length; i++)
            {
                long value = residual.IsEmpty ? values[i] : values[i] + residual[i];
                target[i] = Saturate(relu ? Math.Max(value, 0) : value, range);
            }
            return;
        }
        if (!residual.IsEmpty)
        {
            residual = residual[..values.Length];
            for (int i = 0; i < values.Length; i++)
                target[i] = FixedPoint.SaturateToShort(relu ? Math.Max(values[i] + residual[i], 0) : values[i] + residual[i]);
        }
        else if (relu)
            for (int i = 0; i < values.Length; i++)
                target[i] = FixedPoint.SaturateToShort(Math.Max(values[i], 0));
        else
            for (int i = 0; i < values.Length; i++)
                target[i] = FixedPoint.SaturateToShort(values[i]);
    }
}
