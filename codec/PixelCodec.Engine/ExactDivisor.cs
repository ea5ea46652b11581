namespace PixelCodec.Engine;

/// <summary>
/// floor(n / d) for one divisor and many numerators 0 &lt;= n &lt; 2^<see cref="NumeratorBits"/>, by a
/// multiply instead of a division, with exactly the quotient the division gives. With l the bit
/// length of d (d &lt; 2^l) and m = ceil(2^(N+l) / d), m d lies in [2^(N+l), 2^(N+l) + 2^l], so
/// floor(n / d) = floor(n m / 2^(N+l)) for every n &lt; 2^N (Granlund and Montgomery, "Division by
/// invariant integers using multiplication", 1994, theorem 4.2). m &lt;= 2^(N+1) + 1 fits 64 bits and
/// n m &lt; 2^(2N+2) fits 128.
/// </summary>
internal readonly struct ExactDivisor
{
    /// <summary>Numerators must be below 2^NumeratorBits.</summary>
    public const int NumeratorBits = 40;

    private readonly ulong _multiplier;
    private readonly int _shift;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="divisor"/> is below 1.</exception>
    public ExactDivisor(long divisor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(divisor, 1);
        int bits = 64 - (int)long.LeadingZeroCount(divisor);
        _shift = NumeratorBits + bits;
        _multiplier = (ulong)(((UInt128.One << _shift) + (ulong)divisor - 1) / (ulong)divisor);
    }

    /// <summary>floor(<paramref name="numerator"/> / divisor), for 0 &lt;= numerator &lt; 2^<see cref="NumeratorBits"/>.</summary>
    public long Divide(long numerator) => (long)(ulong)(((UInt128)(ulong)numerator * _multiplier) >> _shift);
}
