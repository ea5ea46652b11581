using PixelCodec.Engine;

namespace PixelCodec.Tests.Engine;

/// <summary>The softmax's division by a multiply gives the quotient of the division, at its edges and at random.</summary>
public class ExactDivisorTests
{
    private const long NumeratorLimit = 1L << ExactDivisor.NumeratorBits;

    public static TheoryData<long> Divisors() =>
    [
        1, 2, 3, 7, 255, 65_280,
        1 << 24, (1 << 24) + 1, (1 << 25) - 1, 1 << 25, 16_777_259,
        (1L << 32) - 1, 1L << 32, (1L << 32) + 1, 3_000_000_019, (1L << 39) - 1,
    ];

    [Theory]
    [MemberData(nameof(Divisors))]
    public void GivesTheQuotientAtTheEdges(long divisor)
    {
        var exact = new ExactDivisor(divisor);
        long[] edges = [0, 1, divisor - 1, divisor, divisor + 1, NumeratorLimit - 1, NumeratorLimit - 1 - (NumeratorLimit - 1) % divisor, NumeratorLimit - 1 - (NumeratorLimit - 1) % divisor - 1];
        foreach (long numerator in edges.Where(n => n is >= 0 and < NumeratorLimit))
            Assert.Equal(numerator / divisor, exact.Divide(numerator));
    }

    [Fact]
    public void GivesTheQuotientAtRandom()
    {
        var random = new Random(41);
        for (int trial = 0; trial < 2_000; trial++)
        {
            // The softmax's divisors: sums of 256 entries of at most 2^24, the largest exactly 2^24.
            long divisor = random.NextInt64(1L << 24, (1L << 32) + 1);
            var exact = new ExactDivisor(divisor);
            for (int i = 0; i < 200; i++)
            {
                long numerator = random.NextInt64(NumeratorLimit);
                Assert.Equal(numerator / divisor, exact.Divide(numerator));
            }
        }
    }

    [Fact]
    public void RefusesADivisorBelowOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExactDivisor(0));
    }
}
