namespace PixelCodec.Imaging;

/// <summary>
/// An 8-bit image: rows top to bottom, pixels left to right, channels interleaved
/// (grey; grey, alpha; R, G, B; or R, G, B, A).
/// </summary>
public sealed class RasterImage
{
    /// <summary>Largest pixel count any reader accepts, so a corrupt header cannot ask for gigabytes.</summary>
    public const long MaxPixels = 1L << 28;

    public RasterImage(int width, int height, PixelFormat format)
        : this(width, height, format, new byte[CheckedSize(width, height, format)])
    {
    }

    public RasterImage(int width, int height, PixelFormat format, byte[] pixels)
    {
        if (pixels.Length != CheckedSize(width, height, format))
            throw new ArgumentException($"pixel buffer holds {pixels.Length} bytes, a {width}x{height} {format} image needs {CheckedSize(width, height, format)}", nameof(pixels));
        Width = width;
        Height = height;
        Format = format;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public PixelFormat Format { get; }
    public int Channels => Format.Channels();
    public int Stride => Width * Channels;

    /// <summary>Interleaved samples, <see cref="Stride"/> bytes per row.</summary>
    public byte[] Pixels { get; }

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Stride, Stride);

    public bool PixelsEqual(RasterImage other) =>
        Width == other.Width && Height == other.Height && Format == other.Format && Pixels.AsSpan().SequenceEqual(other.Pixels);

    /// <summary>Byte count of a width x height image of this format; throws <see cref="ImageFormatException"/> for sizes no reader accepts.</summary>
    public static int CheckedSize(int width, int height, PixelFormat format)
    {
        if (width <= 0 || height <= 0)
            throw new ImageFormatException($"image size {width}x{height} is not positive");
        if ((long)width * height > MaxPixels)
            throw new ImageFormatException($"image size {width}x{height} exceeds the limit of {MaxPixels} pixels");
        return checked(width * height * format.Channels());
    }
}
