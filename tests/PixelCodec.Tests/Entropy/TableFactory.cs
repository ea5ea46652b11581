using PixelCodec.Entropy;

namespace PixelCodec.Tests.Entropy;

/// <summary>Valid frequency tables of the shapes the coder must handle.</summary>
internal static class TableFactory
{
    public static ushort[] Uniform() => Enumerable.Repeat((ushort)(FrequencyTable.Total / FrequencyTable.Symbols), FrequencyTable.Symbols).ToArray();

    /// <summary>One symbol holds total - 255, every other symbol 1: the most skewed table allowed.</summary>
    public static ushort[] Peaked(int symbol)
    {
        var table = Enumerable.Repeat((ushort)1, FrequencyTable.Symbols).ToArray();
        table[symbol] = FrequencyTable.MaxFrequency;
        return table;
    }

    /// <summary>Random positive weights scaled to the total: an arbitrary valid table.</summary>
    public static ushort[] Random(Random random)
    {
        var weights = new double[FrequencyTable.Symbols];
        double spread = random.NextDouble() * 5;
        for (int i = 0; i < weights.Length; i++)
            weights[i] = Math.Exp(random.NextDouble() * spread * 4);
        return FromWeights(weights);
    }

    /// <summary>A discretised Laplacian around <paramref name="centre"/>: the shape of an image model's prediction.</summary>
    public static ushort[] Laplacian(int centre, double scale)
    {
        var weights = new double[FrequencyTable.Symbols];
        for (int i = 0; i < weights.Length; i++)
            weights[i] = Math.Exp(-Math.Abs(i - centre) / scale);
        return FromWeights(weights);
    }

    private static ushort[] FromWeights(double[] weights)
    {
        double sum = weights.Sum();
        int spare = FrequencyTable.Total - FrequencyTable.Symbols;
        var table = new ushort[FrequencyTable.Symbols];
        int used = 0;
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = (ushort)(1 + (int)(weights[i] / sum * spare));
            used += table[i];
        }
        int largest = Array.IndexOf(weights, weights.Max());
        table[largest] += (ushort)(FrequencyTable.Total - used);
        FrequencyTable.Validate(table);
        return table;
    }

    /// <summary>Draws a symbol with the probabilities of <paramref name="table"/>.</summary>
    public static int Sample(ushort[] table, Random random)
    {
        int target = random.Next(FrequencyTable.Total);
        int symbol = 0;
        for (int start = 0; start + table[symbol] <= target; symbol++)
            start += table[symbol];
        return symbol;
    }
}
