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
            table[f] = (ushort)((FrequencyTable.PrecisionBits << FractionBits) - FixedLog2.Of(f, FractionBits));
        return table;
    }
}
