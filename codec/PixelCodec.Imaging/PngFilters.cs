namespace PixelCodec.Imaging;

/// <summary>
/// The five PNG row filters (None, Sub, Up, Average, Paeth), over bytes. <c>bpp</c> is the distance
/// to the byte of the same channel in the previous pixel (at least 1); the row above is all zeros
/// for the first row.
/// </summary>
internal static class PngFilters
{
    public const int Count = 5;

    /// <summary>Turns a filtered row back into raw bytes, in place.</summary>
    public static void Unfilter(int filter, Span<byte> row, ReadOnlySpan<byte> above, int bpp)
    {
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (int i = bpp; i < row.Length; i++)
                    row[i] += row[i - bpp];
                break;
            case 2:
                for (int i = 0; i < row.Length; i++)
                    row[i] += above[i];
                break;
            case 3:
                for (int i = 0; i < row.Length; i++)
                    row[i] += (byte)(((i >= bpp ? row[i - bpp] : 0) + above[i]) >> 1);
                break;
            case 4:
                for (int i = 0; i < row.Length; i++)
                    row[i] += i >= bpp ? Paeth(row[i - bpp], above[i], above[i - bpp]) : above[i];
                break;
            default:
                throw new ImageFormatException($"PNG row filter {filter} is invalid (0 to 4)");
        }
    }

    /// <summary>Writes the filtered form of <paramref name="raw"/> into <paramref name="filtered"/>.</summary>
    public static void Filter(int filter, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> above, int bpp, Span<byte> filtered)
    {
        for (int i = 0; i < raw.Length; i++)
        {
            byte left = i >= bpp ? raw[i - bpp] : (byte)0;
            byte upperLeft = i >= bpp ? above[i - bpp] : (byte)0;
            filtered[i] = filter switch
            {
                0 => raw[i],
                1 => (byte)(raw[i] - left),
                2 => (byte)(raw[i] - above[i]),
                3 => (byte)(raw[i] - ((left + above[i]) >> 1)),
                _ => (byte)(raw[i] - Paeth(left, above[i], upperLeft)),
            };
        }
    }

    private static byte Paeth(byte a, byte b, byte c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
            return a;
        return pb <= pc ? b : c;
    }
}
