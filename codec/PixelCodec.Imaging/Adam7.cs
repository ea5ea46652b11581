namespace PixelCodec.Imaging;

/// <summary>One pass of a PNG image: every pixel of the whole image for a plain PNG, or one of Adam7's seven.</summary>
internal readonly record struct PngPass(int XStart, int YStart, int XStep, int YStep, int Width, int Height)
{
    public bool IsEmpty => Width == 0 || Height == 0;

    public static PngPass[] For(PngHeader header)
    {
        if (!header.Interlaced)
            return [new PngPass(0, 0, 1, 1, header.Width, header.Height)];
        ReadOnlySpan<(int X, int Y, int DX, int DY)> adam7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        var passes = new PngPass[adam7.Length];
        for (int i = 0; i < adam7.Length; i++)
        {
            var (x, y, dx, dy) = adam7[i];
            passes[i] = new PngPass(x, y, dx, dy, Count(header.Width, x, dx), Count(header.Height, y, dy));
        }
        return passes;
    }

    private static int Count(int size, int start, int step) => size > start ? (size - start + step - 1) / step : 0;
}
