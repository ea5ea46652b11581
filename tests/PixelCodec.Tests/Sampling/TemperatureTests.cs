using PixelCodec.Entropy;
using PixelCodec.Modeling.Sampling;
using PixelCodec.Tests.Entropy;

namespace PixelCodec.Tests.Sampling;

/// <summary>What a temperature does to a table: nothing at 1, the argmax at 0, f^(1/T) in between.</summary>
public class TemperatureTests
{
    private static readonly ushort[] Table = TableFactory.Laplacian(100, 6);

    private static (long[] Weights, long Total) Weigh(decimal t, ushort[] table)
    {
        var weights = new long[FrequencyTable.Symbols];
        long total = new Temperature(t).Weigh(table, weights);
        Assert.Equal(weights.Sum(), total);
        return (weights, total);
    }

    [Fact]
    public void OneIsTheTableAsItIs()
    {
        foreach (decimal one in new[] { 1m, 1.000001m }) // 1/T rounds to 2^16 / 2^16 for both
        {
            (long[] weights, long total) = Weigh(one, Table);
            Assert.Equal(FrequencyTable.Total, total);
            Assert.Equal(Table.Select(f => (long)f), weights);
        }
        Assert.Equal(new Temperature(1m), Temperature.One);
    }

    [Fact]
    public void ZeroTakesTheFirstLargestEntry()
    {
        ushort[] tied = TableFactory.Uniform();
        tied[10] += 2;
        tied[200] += 2;
        tied[0] -= 4;
        (long[] weights, long total) = Weigh(0m, tied);
        Assert.Equal(1, total);
        Assert.Equal(1, weights[10]);
        Assert.Equal(1, weights.Count(w => w != 0));
        Assert.Equal(Weigh(0m, Table).Weights, Weigh(0m, Table).Weights);
        Assert.Equal(default, new Temperature(0m));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(2.0)]
    [InlineData(0.05)]
    public void OtherTemperaturesGiveTheTablePoweredByOneOverT(double t)
    {
        ushort[] table = TableFactory.Random(new Random(5));
        (long[] weights, _) = Weigh((decimal)t, table);
        int argmax = Array.IndexOf(table, table.Max());
        Assert.Equal(1L << 30, weights[argmax]);
        for (int k = 0; k < FrequencyTable.Symbols; k++)
        {
            double expected = Math.Pow((double)table[k] / table[argmax], 1 / t) * (1L << 30);
            Assert.True(Math.Abs(weights[k] - expected) <= expected * 1e-3 + 64, $"T = {t}, value {k}: weight {weights[k]}, f^(1/T) gives {expected}");
        }
    }

    [Fact]
    public void TheHottestIsNearlyUniformAndTheColdestNearlyTheArgmax()
    {
        (long[] hot, long hotTotal) = Weigh(Temperature.Max, TableFactory.Peaked(3));
        Assert.True(hot.Min() * 1.2 > hot.Max(), $"T = {Temperature.Max}: weights {hot.Min()} to {hot.Max()}");
        (long[] cold, long coldTotal) = Weigh(Temperature.Min, Table);
        Assert.True(cold[100] > coldTotal * 0.999, $"T = {Temperature.Min}: the peak holds {cold[100]} of {coldTotal}");
        Assert.True(hotTotal > 0 && coldTotal > 0);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0.009)]
    [InlineData(100.5)]
    public void OutOfRangeIsRefused(double t) =>
        Assert.Contains("0 (always the most likely value) or from 0.01 to 100", Assert.Throws<ArgumentOutOfRangeException>(() => new Temperature((decimal)t)).Message);
}
