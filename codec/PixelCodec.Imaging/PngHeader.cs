using System.Buffers.Binary;

namespace PixelCodec.Imaging;

/// <summary>The IHDR chunk of a PNG file, checked.</summary>
internal sealed record PngHeader(int Width, int Height, int BitDepth, int ColourType, bool Interlaced)
{
    public const int Grey = 0, Rgb = 2, Palette = 3, GreyAlpha = 4, Rgba = 6;

    public int SamplesPerPixel => ColourType switch { Rgb => 3, GreyAlpha => 2, Rgba => 4, _ => 1 };

    public int BitsPerPixel => SamplesPerPixel * BitDepth;

    /// <summary>Distance in bytes between corresponding bytes of neighbouring pixels, as the filters use it.</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    public long RowBytes(int pixels) => ((long)pixels * BitsPerPixel + 7) / 8;

    public static PngHeader Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
            throw new ImageFormatException("PNG header chunk (IHDR) has the wrong length");
        int width = BinaryPrimitives.ReadInt32BigEndian(data);
        int height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        int depth = data[8], colourType = data[9];
        if (data[10] != 0 || data[11] != 0)
            throw new ImageFormatException("PNG uses an unknown compression or filter method");
        if (data[12] > 1)
            throw new ImageFormatException($"PNG interlace method {data[12]} is invalid");
        if (width <= 0 || height <= 0)
            throw new ImageFormatException($"PNG image size {width}x{height} is invalid");
        if ((long)width * height > RasterImage.MaxPixels)
            throw new ImageFormatException($"PNG image size {width}x{height} exceeds the limit of {RasterImage.MaxPixels} pixels");

        int[] allowed = colourType switch
        {
            Grey => [1, 2, 4, 8, 16],
            Palette => [1, 2, 4, 8],
            Rgb or GreyAlpha or Rgba => [8, 16],
            _ => throw new ImageFormatException($"PNG colour type {colourType} is invalid"),
        };
        if (!allowed.Contains(depth))
            throw new ImageFormatException($"PNG bit depth {depth} is invalid for colour type {colourType}");
        return new PngHeader(width, height, depth, colourType, data[12] == 1);
    }
}
