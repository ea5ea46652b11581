namespace PixelCodec.Modeling.Weighted;

/// <summary>
/// The logistic function and its inverse on 12-bit probabilities, from integers alone (the
/// interpolation table of lpaq1), so that every machine computes the same mixing:
/// Squash(d) ~ 4096 / (1 + e^(-d/256)) for d in [-2047, 2047], Stretch its inverse.
/// </summary>
internal static class Logistic
{
    public const int ProbabilityBits = 12;
    public const int MaxStretch = 2047;

    private static readonly int[] Knots =
        [1, 2, 3, 6, 10, 16, 27, 45, 73, 120, 194, 310, 488, 747, 1101, 1546, 2047, 2549, 2994, 3348, 3607, 3785, 3901, 3975, 4022, 4050, 4068, 4079, 4085, 4089, 4092, 4093, 4094];

    private static readonly short[] SquashTable = BuildSquash();
    private static readonly short[] StretchTable = BuildStretch();

    /// <returns>A probability in [1, 4094] of 4096.</returns>
    public static int Squash(int d) => SquashTable[Math.Clamp(d, -MaxStretch, MaxStretch) + MaxStretch];

    // The knots interpolated, every d in [-2047, 2047] looked up once here.
    private static int Interpolated(int d)
    {
        int w = d & 127;
        int i = (d >> 7) + 16;
        return (Knots[i] * (128 - w) + Knots[i + 1] * w + 64) >> 7;
    }

    private static short[] BuildSquash()
    {
        var table = new short[2 * MaxStretch + 1];
        for (int d = -MaxStretch; d <= MaxStretch; d++)
            table[d + MaxStretch] = (short)Interpolated(d);
        return table;
    }

    /// <param name="p">A probability in [0, 4095] of 4096.</param>
    public static int Stretch(int p) => StretchTable[p];

    private static short[] BuildStretch()
    {
        var table = new short[1 << ProbabilityBits];
        int next = 0;
        for (int d = -MaxStretch; d <= MaxStretch; d++)
        {
            int v = Interpolated(d);
            for (int p = next; p <= v; p++)
                table[p] = (short)d;
            next = v + 1;
        }
        for (int p = next; p < table.Length; p++)
            table[p] = MaxStretch;
        return table;
    }
}
