namespace PixelCodec.Entropy;

/// <summary>
/// The frequency tables every PixelCodec model hands to the range coder: 256 entries, one per 8-bit
/// value, each at least 1 (so every value stays codable), summing to exactly <see cref="Total"/>.
/// </summary>
public static class FrequencyTable
{
    /// <summary>Entries in a table: one per 8-bit value.</summary>
    public const int Symbols = 256;

    /// <summary>Bits of the coder's probability scale: a table sums to 2^16.</summary>
    public const int PrecisionBits = 16;

    /// <summary>What every table's entries sum to, 2^<see cref="PrecisionBits"/> = 65536.</summary>
    public const int Total = 1 << PrecisionBits;

    /// <summary>Largest entry a valid table can hold: every other symbol keeps its 1.</summary>
    public const int MaxFrequency = Total - (Symbols - 1);

    /// <summary>What a model distributes once every symbol has its 1.</summary>
    public const int Spread = Total - Symbols;

    /// <summary>
    /// The one way every model's weights become a table: table[v] = 1 + the share of v, and what the
    /// shares leave of <see cref="Total"/> (their rounding) goes to <paramref name="remainderTo"/>, the value
    /// the model expects most. How a model rounds its weights to shares is its own and part of what
    /// its files hold (they decode only with the same rule): the integer softmax divides exactly, the
    /// baseline multiplies by a reciprocal, the tree's leaf probabilities are fractions of 2^32.
    /// </summary>
    /// <exception cref="InvalidOperationException">The shares sum to more than <see cref="Spread"/>.</exception>
    public static void FromShares<TShares>(scoped in TShares shares, int remainderTo, Span<ushort> table)
        where TShares : IFrequencyShares, allows ref struct
    {
        int sum = 0;
        for (int v = 0; v < Symbols; v++)
        {
            int f = 1 + shares.ShareOf(v);
            table[v] = (ushort)f;
            sum += f;
        }
        if (sum > Total)
            throw new InvalidOperationException($"shares sum to {sum - Symbols}, more than the {Spread} a table has");
        table[remainderTo] = (ushort)(table[remainderTo] + Total - sum);
    }

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
