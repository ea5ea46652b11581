using PixelCodec.Entropy;

namespace PixelCodec.Modeling.Sampling;

/// <summary>
/// How a sampler reshapes a model's frequency table f before drawing from it: value k is drawn with
/// probability proportional to f_k^(1/T). For a PixelRNN, whose table is a softmax of its logits, that
/// is the softmax of the logits divided by T (up to the table's rounding and its floor of 1 per entry).
/// In integers, so a seed draws the same values everywhere:
/// <list type="bullet">
/// <item>T = 1 draws from the table as it is: probability f_k / 2^16.</item>
/// <item>T = 0 always takes the most likely value (the first largest entry).</item>
/// <item>Otherwise the weight of k is w_k = 2^30 · 2^-(((L(f_max) - L(f_k)) · e) >> 16), with L = log2 in
/// Q16 rounded down (<see cref="FixedLog2"/>), e = 2^16 / T rounded to the nearest integer, and 2^-x in
/// Q30 from <see cref="FixedPow2"/>: w_k ≈ 2^30 (f_k / f_max)^(1/T). So T below 1 sharpens the table
/// (a weight below 2^-30 of the largest becomes 0: that value is never drawn), T above 1 flattens it,
/// and two temperatures with the same e are the same.</item>
/// </list>
/// The default value is T = 0.
/// </summary>
public readonly record struct Temperature
{
    /// <summary>The smallest temperature above 0.</summary>
    public const decimal Min = 0.01m;

    /// <summary>The largest temperature.</summary>
    public const decimal Max = 100m;

    private const int InverseFractionBits = FixedPow2.ExponentFractionBits;
    private const long InverseOfOne = 1L << InverseFractionBits;

    // e = round(2^16 / T); 0 for T = 0.
    private readonly long _inverse;

    /// <param name="value">0, or <see cref="Min"/> to <see cref="Max"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">Any other value.</exception>
    public Temperature(decimal value)
    {
        if (value != 0 && value is < Min or > Max)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"a temperature is 0 (always the most likely value) or from {Min} to {Max}");
        Value = value;
        _inverse = value == 0 ? 0 : (long)decimal.Round(InverseOfOne / value, MidpointRounding.AwayFromZero);
    }

    /// <summary>T = 1: the model's own distribution.</summary>
    public static Temperature One => new(1m);

    /// <summary>T as given.</summary>
    public decimal Value { get; }

    /// <summary>
    /// Fills <paramref name="weights"/> (256 entries) with the weight of every value under
    /// <paramref name="table"/> at this temperature and returns their sum (at least 1).
    /// </summary>
    public long Weigh(ReadOnlySpan<ushort> table, Span<long> weights)
    {
        if (_inverse == InverseOfOne)
        {
            for (int k = 0; k < FrequencyTable.Symbols; k++)
                weights[k] = table[k];
            return FrequencyTable.Total;
        }
        int argmax = 0;
        for (int k = 1; k < FrequencyTable.Symbols; k++)
            if (table[k] > table[argmax])
                argmax = k;
        if (_inverse == 0)
        {
            weights[..FrequencyTable.Symbols].Clear();
            weights[argmax] = 1;
            return 1;
        }
        int top = FixedLog2.Of(table[argmax], InverseFractionBits);
        long total = 0;
        for (int k = 0; k < FrequencyTable.Symbols; k++)
        {
            long below = top - FixedLog2.Of(table[k], InverseFractionBits);
            weights[k] = FixedPow2.OfNegative(below * _inverse >> InverseFractionBits);
            total += weights[k];
        }
        return total;
    }
}
