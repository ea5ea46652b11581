using System.Numerics;
using PixelCodec.Entropy;

namespace PixelCodec.Modeling.Mixing;

/// <summary>
/// -log2(f / 2^16) in 1/256 bit for every frequency f of a table, from integer arithmetic alone (no
/// floating-point log whose last bit could differ between machines), so every machine ranks blends alike.
/// </summary>
internal static class CodeLength
{
    public const int FractionBits = 8;

    private static readonly ushort[] Table = Build();

    /// <param name="frequency">1 to <see cref="FrequencyTable.Total"/>.</param>
    public static int Of(int frequency) => Table[frequency];

    private static ushort[] Build()
    {
        var table = new ushort[FrequencyTable.Total + 1];
        for (int f = 1; f <= FrequencyTable.Total; f++)
            table[f] = (ushort)((FrequencyTable.PrecisionBits << FractionBits) - Log2(f));
        return table;
    }

    /// <summary>log2(f) in 1/256 bit, rounded down: the integer part, then one fraction bit per squaring of the mantissa.</summary>
    private static int Log2(int f)
    {
        int exponent = BitOperations.Log2((uint)f);
        long mantissa = (long)f << (30 - exponent); // [1, 2) as Q30
        int log = exponent;
        for (int bit = 0; bit < FractionBits; bit++)
        {
            mantissa = mantissa * mantissa >> 30;
            log <<= 1;
            if (mantissa >= 2L << 30)
            {
                log |= 1;
                mantissa >>= 1;
            }
        }
        return log;
    }
}
