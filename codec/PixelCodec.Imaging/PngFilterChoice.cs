namespace PixelCodec.Imaging;

/// <summary>
/// Ways to filter an image's rows for PNG, each giving a complete filtered image (filter byte + row,
/// for every row): two per-row adaptive choices (smallest sum of absolute signed bytes, the usual
/// heuristic, and smallest byte entropy) and each of the five filters throughout. Which one
/// compresses best varies by image, so the writer tries them all.
/// </summary>
internal static class PngFilterChoice
{
    public const int Count = 2 + PngFilters.Count;

    private delegate double RowCost(ReadOnlySpan<byte> filtered);

    /// <summary>Writes candidate <paramref name="candidate"/> (0 to Count - 1) of the image into <paramref name="output"/>, Height * (Stride + 1) bytes.</summary>
    public static void Filter(RasterImage image, int candidate, Span<byte> output)
    {
        RowCost? cost = candidate switch
        {
            0 => AbsoluteSum,
            1 => Entropy,
            _ => null,
        };
        int stride = image.Stride, bpp = image.Channels * image.BytesPerSample;
        Span<byte> trial = stride <= 4096 ? stackalloc byte[stride] : new byte[stride];
        ReadOnlySpan<byte> above = new byte[stride];
        for (int y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> raw = image.Row(y);
            Span<byte> target = output.Slice(y * (stride + 1), stride + 1);
            int filter = cost is null ? candidate - 2 : Cheapest(raw, above, bpp, trial, cost);
            target[0] = (byte)filter;
            PngFilters.Filter(filter, raw, above, bpp, target[1..]);
            above = raw;
        }
    }

    private static int Cheapest(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> above, int bpp, Span<byte> trial, RowCost cost)
    {
        int best = 0;
        double bestCost = double.MaxValue;
        for (int filter = 0; filter < PngFilters.Count; filter++)
        {
            PngFilters.Filter(filter, raw, above, bpp, trial);
            double c = cost(trial);
            if (c < bestCost)
                (bestCost, best) = (c, filter);
        }
        return best;
    }

    // Filtered bytes read as signed: small residuals either side of zero are cheap.
    private static double AbsoluteSum(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (byte b in filtered)
            sum += b < 128 ? b : 256 - b;
        return sum;
    }

    // Bits an order-0 coder would spend on the row: sum over byte values of n_v * log2(n / n_v).
    private static double Entropy(ReadOnlySpan<byte> filtered)
    {
        Span<int> counts = stackalloc int[256];
        foreach (byte b in filtered)
            counts[b]++;
        double bits = 0;
        foreach (int n in counts)
            if (n > 0)
                bits += n * Math.Log2((double)filtered.Length / n);
        return bits;
    }
}
