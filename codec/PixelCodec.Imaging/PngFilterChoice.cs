namespace PixelCodec.Imaging;

/// <summary>
/// Ways to filter an image's rows for PNG, each a complete filtered image (filter byte + row, for
/// every row): the usual adaptive choice (per row, the filter with the smallest sum of absolute
/// signed bytes) and each of the five filters throughout. Which compresses best varies by image.
/// </summary>
internal static class PngFilterChoice
{
    public static IEnumerable<byte[]> Candidates(RasterImage image)
    {
        yield return Filtered(image, adaptive: true, fixedFilter: 0);
        for (int filter = 0; filter < PngFilters.Count; filter++)
            yield return Filtered(image, adaptive: false, fixedFilter: filter);
    }

    private static byte[] Filtered(RasterImage image, bool adaptive, int fixedFilter)
    {
        int stride = image.Stride, bpp = image.Channels;
        var output = new byte[image.Height * (stride + 1)];
        var above = new byte[stride];
        var trial = new byte[stride];
        for (int y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> raw = image.Row(y);
            Span<byte> target = output.AsSpan(y * (stride + 1), stride + 1);
            int filter = adaptive ? LowestCostFilter(raw, above, bpp, trial) : fixedFilter;
            target[0] = (byte)filter;
            PngFilters.Filter(filter, raw, above, bpp, target[1..]);
            raw.CopyTo(above);
        }
        return output;
    }

    private static int LowestCostFilter(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> above, int bpp, Span<byte> trial)
    {
        int best = 0;
        long bestCost = long.MaxValue;
        for (int filter = 0; filter < PngFilters.Count; filter++)
        {
            PngFilters.Filter(filter, raw, above, bpp, trial);
            long cost = 0;
            foreach (byte b in trial)
                cost += b < 128 ? b : 256 - b;
            if (cost < bestCost)
            {
                bestCost = cost;
                best = filter;
            }
        }
        return best;
    }
}
