namespace PixelCodec.Modeling.Sampling;

/// <summary>
/// 2^-d for a non-negative Q16 exponent d, as a Q30 fraction, from integer arithmetic alone: the
/// integer part of d is a shift, and the fraction is the product of 2^(-2^-j) over its set bits j = 1..16.
/// Those 16 factors are exact integer square roots, each of the one before (2^-1/2 = sqrt(2^-1), and so
/// on), rounded down, so nothing here depends on a floating-point library.
/// </summary>
internal static class FixedPow2
{
    public const int ExponentFractionBits = 16;
    public const int ResultFractionBits = 30;
    public const long One = 1L << ResultFractionBits;

    // Factors[j - 1] = 2^(-2^-j) in Q30.
    private static readonly long[] Factors = BuildFactors();

    /// <param name="exponent">d >= 0, in Q16.</param>
    /// <returns>2^-d in Q30, rounded down at each factor; 0 once d reaches 31.</returns>
    public static long OfNegative(long exponent)
    {
        long whole = exponent >> ExponentFractionBits;
        if (whole > ResultFractionBits)
            return 0;
        long result = One;
        for (int j = 1; j <= ExponentFractionBits; j++)
            if ((exponent >> (ExponentFractionBits - j) & 1) != 0)
                result = result * Factors[j - 1] >> ResultFractionBits;
        return result >> (int)whole;
    }

    private static long[] BuildFactors()
    {
        var factors = new long[ExponentFractionBits];
        long previous = One >> 1; // 2^-1
        for (int j = 0; j < factors.Length; j++)
            previous = factors[j] = (long)IntegerSqrt((ulong)previous << ResultFractionBits);
        return factors;
    }

    /// <summary>floor(sqrt(n)), digit by digit in base 4.</summary>
    internal static ulong IntegerSqrt(ulong n)
    {
        ulong root = 0, bit = 1UL << 62;
        while (bit > n)
            bit >>= 2;
        for (; bit != 0; bit >>= 2)
        {
            if (n >= root + bit)
            {
                n -= root + bit;
                root = (root >> 1) + bit;
            }
            else
            {
                root >>= 1;
            }
        }
        return root;
    }
}
