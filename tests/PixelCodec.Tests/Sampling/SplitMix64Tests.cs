using PixelCodec.Modeling.Sampling;

namespace PixelCodec.Tests.Sampling;

/// <summary>The generator is SplitMix64 as published (Vigna's splitmix64.c), and its bounded draws are unbiased.</summary>
public class SplitMix64Tests
{
    [Fact]
    public void GivesTheReferenceSequence()
    {
        // splitmix64.c with x = 0.
        var random = new SplitMix64(0);
        Assert.Equal([0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL, 0xF88BB8A8724C81ECUL], [random.Next(), random.Next(), random.Next(), random.Next()]);
    }

    [Fact]
    public void StreamIsSeededWithTheSeedsOutputs()
    {
        var outputs = new SplitMix64(42);
        for (int i = 0; i < 3; i++)
            Assert.Equal(new SplitMix64(outputs.Next()).Next(), SplitMix64.Stream(42, i).Next());
    }

    [Fact]
    public void NextBelowStaysBelowItsBoundAndHitsEveryValueEvenly()
    {
        var random = new SplitMix64(7);
        Assert.Equal(0UL, random.NextBelow(1));
        const ulong huge = (1UL << 63) + 1; // rejects almost half of all outputs
        for (int i = 0; i < 1000; i++)
            Assert.True(random.NextBelow(huge) < huge);

        const int bound = 6, draws = 60_000;
        var counts = new int[bound];
        for (int i = 0; i < draws; i++)
            counts[random.NextBelow(bound)]++;
        double chiSquare = counts.Sum(c => Math.Pow(c - draws / bound, 2) / (draws / bound));
        Assert.True(chiSquare < 25, $"chi-square {chiSquare} over {bound} values"); // 5 degrees of freedom: p < 2e-4
    }
}
