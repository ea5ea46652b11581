using System.Numerics;

namespace PixelCodec.Modeling;

/// <summary>
/// log2 of a positive integer in fixed point, from integer arithmetic alone (no floating-point log whose
/// last bit could differ between machines): the integer part is the top bit's position, then each
/// fraction bit comes from squaring the mantissa m in [1, 2): log2(m^2) = 2 log2(m), so m^2 >= 2 means
/// the next bit is 1 (and m^2 is halved back into [1, 2)). Rounded down; the first k fraction bits do
/// not depend on how many more are asked for.
/// </summary>
internal static class FixedLog2
{
    /// <param name="value">1 to 2^30.</param>
    /// <param name="fractionBits">0 to 16.</param>
    public static int Of(int value, int fractionBits)
    {
        int exponent = BitOperations.Log2((uint)value);
        long mantissa = (long)value << (30 - exponent); // [1, 2) as Q30
        int log = exponent;
        for (int bit = 0; bit < fractionBits; bit++)
        {
            mantissa = mantissa * mantissa >> 30;
            log <<= 1;
            if (mantissa >= 2L << 30)
            {
                log |= 1;
                mantissa >>= 1;
            }
        }
        return log;
    }
}
