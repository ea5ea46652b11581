using PixelCodec.Entropy;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Sampling;

namespace PixelCodec.Tests.Sampling;

/// <summary>The integer log2 and 2^-x that temperature rests on: exact where they can be, close everywhere.</summary>
public class FixedPointTests
{
    [Fact]
    public void Log2IsExactAtPowersOfTwoCloseElsewhereAndItsFirstBitsDoNotDependOnTheRest()
    {
        for (int e = 0; e <= 16; e++)
            Assert.Equal(e << 16, FixedLog2.Of(1 << e, 16));
        for (int f = 1; f <= FrequencyTable.Total; f++)
        {
            int log = FixedLog2.Of(f, 16);
            Assert.Equal(log >> 8, FixedLog2.Of(f, 8)); // what CodeLength's table was built from before
            double error = Math.Log2(f) - log / 65536.0;
            Assert.True(error is >= -1e-9 and < 4.0 / 65536, $"log2({f}): {log / 65536.0}");
        }
    }

    [Fact]
    public void IntegerSqrtIsTheFloorOfTheRoot()
    {
        var random = new SplitMix64(3);
        foreach (ulong n in new ulong[] { 0, 1, 2, 3, 4, 15, 16, 17, ulong.MaxValue, (1UL << 32) * (1UL << 31) })
            AssertFloorRoot(n);
        for (int i = 0; i < 10_000; i++)
            AssertFloorRoot(random.Next() >> (i % 64));
    }

    private static void AssertFloorRoot(ulong n)
    {
        UInt128 root = FixedPow2.IntegerSqrt(n);
        Assert.True(root * root <= n && (root + 1) * (root + 1) > n, $"sqrt({n}) = {root}");
    }

    [Fact]
    public void Pow2OfNegativeIsExactAtWholeExponentsAndCloseElsewhere()
    {
        for (int e = 0; e <= 30; e++)
            Assert.Equal(FixedPow2.One >> e, FixedPow2.OfNegative((long)e << 16));
        Assert.Equal(0, FixedPow2.OfNegative(31L << 16));
        Assert.Equal(0, FixedPow2.OfNegative(long.MaxValue >> 8));
        long previous = FixedPow2.One + 1;
        for (long d = 0; d < 4L << 16; d += 7)
        {
            long value = FixedPow2.OfNegative(d);
            Assert.True(value <= previous, $"2^-x rises at {d}");
            double error = Math.Pow(2, -d / 65536.0) * FixedPow2.One - value;
            Assert.True(error is > -1e-6 and < 40, $"2^-{d / 65536.0}: {value}, off by {error} in 2^-30");
            previous = value;
        }
    }
}
