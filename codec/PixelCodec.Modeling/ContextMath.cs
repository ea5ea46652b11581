namespace PixelCodec.Modeling;

/// <summary>The small pieces of arithmetic the classical models share.</summary>
internal static class ContextMath
{
    /// <summary>LOCO-I's median edge detector: the smaller of W and N above an edge, the larger below one, else W + N - NW.</summary>
    public static int MedianEdge(int w, int n, int nw)
    {
        int min = Math.Min(w, n), max = Math.Max(w, n);
        if (nw >= max)
            return min;
        if (nw <= min)
            return max;
        return w + n - nw;
    }

    /// <summary>The number of <paramref name="limits"/> (ascending) that <paramref name="value"/> exceeds: its bucket, 0 to limits.Length.</summary>
    public static int Bucket(int value, ReadOnlySpan<int> limits)
    {
        int b = 0;
        while (b < limits.Length && value > limits[b])
            b++;
        return b;
    }
}
