namespace PixelCodec.Imaging;

/// <summary>
/// Lays images of one size and format out in a grid, left to right and then top to bottom, with a
/// white gap of <see cref="Gap"/> pixels between neighbours (none around the edge), as the figures of
/// sample papers do. One image is returned as it is.
/// </summary>
public static class ImageGrid
{
    /// <summary>Pixels of white between neighbouring images.</summary>
    public const int Gap = 2;

    /// <param name="cells">At least one image; all of one width, height, format and depth.</param>
    /// <param name="columns">Images per row, at least 1.</param>
    /// <exception cref="ArgumentException">No images, images that differ in size or kind, or fewer than 1 column.</exception>
    public static RasterImage Compose(IReadOnlyList<RasterImage> cells, int columns)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (cells.Count == 0)
            throw new ArgumentException("a grid needs at least one image", nameof(cells));
        RasterImage first = cells[0];
        if (cells.Any(c => c.Width != first.Width || c.Height != first.Height || c.Format != first.Format || c.BitDepth != first.BitDepth))
            throw new ArgumentException("the images of a grid must all be of one size, format and depth", nameof(cells));
        if (cells.Count == 1)
            return first;
        columns = Math.Min(columns, cells.Count);
        int rows = (cells.Count + columns - 1) / columns;
        var grid = new RasterImage(columns * first.Width + (columns - 1) * Gap, rows * first.Height + (rows - 1) * Gap, first.Format, first.BitDepth);
        Array.Fill(grid.Pixels, byte.MaxValue);
        int cellBytes = first.Stride, gapBytes = Gap * first.Channels * first.BytesPerSample;
        for (int i = 0; i < cells.Count; i++)
        {
            int top = i / columns * (first.Height + Gap), left = i % columns * (cellBytes + gapBytes);
            for (int y = 0; y < first.Height; y++)
                cells[i].Row(y).CopyTo(grid.Row(top + y)[left..]);
        }
        return grid;
    }
}
