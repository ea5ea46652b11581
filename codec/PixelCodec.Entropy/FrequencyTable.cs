namespace PixelCodec.Entropy;

/// <summary>
/// The frequency tables every PixelCodec model hands to the range coder: 256 entries, one per 8-bit
/// value, each at least 1 (so every value stays codable), summing to exactly <see cref="Total"/>.
/// </summary>
public static class FrequencyTable
{
    public const int Symbols = 256;
    public const int PrecisionBits = 16;
    public const int Total = 1 << PrecisionBits;

    /// <summary>Largest entry a valid table can hold: every other symbol keeps its 1.</summary>
    public const int MaxFrequency = Total - (Symbols - 1);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="table"/> is a valid table.</summary>
    public static void Validate(ReadOnlySpan<ushort> table)
    {
        if (table.Length != Symbols)
            throw new ArgumentException($"a frequency table has {Symbols} entries, not {table.Length}");
        int sum = 0;
        for (int i = 0; i < Symbols; i++)
        {
            if (table[i] == 0)
                throw new ArgumentException($"frequency of symbol {i} is 0; every symbol needs at least 1");
            sum += table[i];
        }
        if (sum != Total)
            throw new ArgumentException($"frequencies sum to {sum}, not {Total}");
    }

    /// <summary>Sum of the frequencies of all symbols below <paramref name="symbol"/>.</summary>
    public static int CumulativeBelow(ReadOnlySpan<ushort> table, int symbol)
    {
        int sum = 0;
        foreach (ushort f in table[..symbol])
            sum += f;
        return sum;
    }

    /// <summary>The ideal code length of <paramref name="symbol"/> under <paramref name="table"/>, in bits.</summary>
    public static double IdealBits(ReadOnlySpan<ushort> table, int symbol) => PrecisionBits - Math.Log2(table[symbol]);
}
