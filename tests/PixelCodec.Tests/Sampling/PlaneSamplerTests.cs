using PixelCodec.Entropy;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Baseline;
using PixelCodec.Modeling.Sampling;
using PixelCodec.Tests.Entropy;

namespace PixelCodec.Tests.Sampling;

/// <summary>
/// The sampler draws from the tables the decoder session gives, tells the session what it drew, keeps
/// given sub-pixels exactly, and gives the same planes for a seed whatever the count and thread count.
/// </summary>
public class PlaneSamplerTests
{
    /// <summary>A model whose every table is one fixed table, which records what its session observed.</summary>
    private sealed class FixedTableModel(ushort[] table) : IProbabilityModel
    {
        public List<byte> Observed { get; } = [];

        public ushort[] Table => table;

        public ModelIdentity Identity => ModelIdentity.OfFile("fixed", [1]);

        public bool SupportsChannels(int channels) => channels == 1;

        public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) => throw new NotSupportedException();

        public IDecoderSession BeginDecoding(PlaneShape shape) => new Session(this);

        private sealed class Session(FixedTableModel model) : IDecoderSession
        {
            private bool _tableGiven;

            public void NextTable(Span<ushort> next)
            {
                Assert.False(_tableGiven, "two tables asked for without an observation between them");
                model.Table.CopyTo(next);
                _tableGiven = true;
            }

            public void Observe(byte value)
            {
                Assert.True(_tableGiven, "a value observed before its table was asked for");
                model.Observed.Add(value);
                _tableGiven = false;
            }
        }
    }

    private static readonly PlaneShape Shape = new(300, 200, 1);
    private static readonly ushort[] Known = TableFactory.Laplacian(100, 6);

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void DrawnValuesFollowTheTemperedTable(double t)
    {
        var temperature = new Temperature((decimal)t);
        var model = new FixedTableModel(Known);
        byte[] plane = Assert.Single(PlaneSampler.Draw(model, Shape, ReadOnlyMemory<byte>.Empty, 1, seed: 2024, temperature, threads: 1));
        Assert.Equal(plane, model.Observed);

        var weights = new long[FrequencyTable.Symbols];
        long total = temperature.Weigh(Known, weights);
        double[] expected = [.. weights.Select(w => (double)w / total * plane.Length)];
        var counts = new int[FrequencyTable.Symbols];
        foreach (byte value in plane)
            counts[value]++;
        (double chiSquare, int bins) = ChiSquare(counts, expected);
        Assert.True(chiSquare < Bound(bins), $"T = {t}: chi-square {chiSquare:F1} over {bins} bins");

        // A sampler off by one value would fail the same bound by far.
        int[] shifted = [.. counts.Skip(1), 0];
        double wrong = ChiSquare(shifted, expected).Value;
        Assert.True(wrong > Bound(bins), $"T = {t}: shifted by one value, chi-square {wrong:F1} over {bins} bins");
    }

    /// <summary>Pearson's statistic, rare values pooled into one bin so every bin expects at least 5.</summary>
    private static (double Value, int Bins) ChiSquare(int[] counts, double[] expected)
    {
        double sum = 0, pooledCount = 0, pooledExpected = 0;
        int bins = 0;
        for (int k = 0; k < counts.Length; k++)
        {
            if (expected[k] < 5)
            {
                pooledCount += counts[k];
                pooledExpected += expected[k];
                continue;
            }
            sum += Math.Pow(counts[k] - expected[k], 2) / expected[k];
            bins++;
        }
        if (pooledExpected > 0)
        {
            sum += Math.Pow(pooledCount - pooledExpected, 2) / Math.Max(pooledExpected, 1);
            bins++;
        }
        return (sum, bins);
    }

    // The mean plus seven standard deviations of chi-square with bins - 1 degrees of freedom: a fair
    // sampler exceeds it with probability below 1e-6, and the seed is fixed anyway.
    private static double Bound(int bins) => bins - 1 + 7 * Math.Sqrt(2.0 * (bins - 1));

    [Fact]
    public void GivenSubpixelsAreKeptAndObservedAsTheyAre()
    {
        var shape = new PlaneShape(9, 7, 3);
        byte[] given = [.. Enumerable.Range(0, 4 * shape.Stride).Select(i => (byte)(i * 37))];
        byte[][] planes = PlaneSampler.Draw(ContextModel.Instance, shape, given, 3, seed: 5, Temperature.One, threads: 2);
        foreach (byte[] plane in planes)
            Assert.Equal(given, plane[..given.Length]);
        Assert.NotEqual(planes[0][given.Length..], planes[1][given.Length..]);

        var model = new FixedTableModel(Known);
        var grey = new PlaneShape(5, 4, 1);
        byte[] all = [.. Enumerable.Range(0, grey.SubpixelCount).Select(i => (byte)i)];
        Assert.Equal(all, Assert.Single(PlaneSampler.Draw(model, grey, all, 1, seed: 1, Temperature.One, threads: 1)));
        Assert.Equal(all, model.Observed);
    }

    [Fact]
    public void ASeedGivesTheSamePlanesWhateverTheCountAndThreadsAndOtherSeedsDiffer()
    {
        var shape = new PlaneShape(6, 5, 3);
        byte[][] three = PlaneSampler.Draw(ContextModel.Instance, shape, ReadOnlyMemory<byte>.Empty, 3, seed: 9, Temperature.One, threads: 1);
        byte[][] two = PlaneSampler.Draw(ContextModel.Instance, shape, ReadOnlyMemory<byte>.Empty, 2, seed: 9, Temperature.One, threads: 2);
        Assert.Equal(three[..2], two);
        Assert.NotEqual(three[0], three[1]);
        byte[][] other = PlaneSampler.Draw(ContextModel.Instance, shape, ReadOnlyMemory<byte>.Empty, 2, seed: 10, Temperature.One, threads: 2);
        Assert.NotEqual(two[0], other[0]);
        Assert.NotEqual(two[1], other[1]);
    }

    [Fact]
    public void ZeroTemperatureAlwaysDrawsTheMostLikelyValue()
    {
        byte[] plane = Assert.Single(PlaneSampler.Draw(new FixedTableModel(Known), new PlaneShape(8, 8, 1), ReadOnlyMemory<byte>.Empty, 1, seed: 3, new Temperature(0m), threads: 1));
        Assert.All(plane, v => Assert.Equal(100, v));
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        var model = new FixedTableModel(Known);
        Assert.Contains("cannot code planes of 3 channels", Assert.Throws<ArgumentException>(() => PlaneSampler.Draw(model, new PlaneShape(2, 2, 3), ReadOnlyMemory<byte>.Empty, 1, 0, Temperature.One, 1)).Message);
        Assert.Throws<ArgumentException>(() => PlaneSampler.Draw(model, new PlaneShape(2, 2, 1), new byte[5], 1, 0, Temperature.One, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaneSampler.Draw(model, new PlaneShape(2, 2, 1), ReadOnlyMemory<byte>.Empty, 0, 0, Temperature.One, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaneSampler.Draw(model, new PlaneShape(2, 2, 1), ReadOnlyMemory<byte>.Empty, 1, 0, Temperature.One, 0));
    }
}
