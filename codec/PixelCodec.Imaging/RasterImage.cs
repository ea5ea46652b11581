namespace PixelCodec.Imaging;

/// <summary>
/// An image of 8-bit or 16-bit samples: rows top to bottom, pixels left to right, channels
/// interleaved (grey; grey, alpha; R, G, B; or R, G, B, A). A 16-bit sample is two bytes, high byte
/// first, as PNG and PNM store it, so 8-bit code that moves whole rows needs no second path.
/// </summary>
public sealed class RasterImage
{
    /// <summary>Largest pixel count any reader accepts, so a corrupt header cannot ask for gigabytes.</summary>
    public const long MaxPixels = 1L << 28;

    /// <summary>A black (all-zero) image.</summary>
    /// <exception cref="ImageFormatException">The size is beyond <see cref="MaxPixels"/>.</exception>
    public RasterImage(int width, int height, PixelFormat format, int bitDepth = 8)
        : this(width, height, format, new byte[CheckedSize(width, height, format, bitDepth)], bitDepth)
    {
    }

    /// <summary>An image over <paramref name="pixels"/> (not copied): <see cref="Stride"/> bytes per row, top to bottom.</summary>
    /// <exception cref="ArgumentException">The buffer is not exactly the size of the image.</exception>
    public RasterImage(int width, int height, PixelFormat format, byte[] pixels, int bitDepth = 8)
    {
        if (pixels.Length != CheckedSize(width, height, format, bitDepth))
            throw new ArgumentException($"pixel buffer holds {pixels.Length} bytes, a {width}x{height} {bitDepth}-bit {format} image needs {CheckedSize(width, height, format, bitDepth)}", nameof(pixels));
        Width = width;
        Height = height;
        Format = format;
        BitDepth = bitDepth;
        Pixels = pixels;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>The channels of each pixel.</summary>
    public PixelFormat Format { get; }

    /// <summary>8 or 16.</summary>
    public int BitDepth { get; }

    /// <summary>1 or 2.</summary>
    public int BytesPerSample => BitDepth / 8;

    /// <summary>Channels per pixel, alpha included.</summary>
    public int Channels => Format.Channels();

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * Channels * BytesPerSample;

    /// <summary>Interleaved samples, <see cref="Stride"/> bytes per row; 16-bit samples high byte first.</summary>
    public byte[] Pixels { get; }

    /// <summary>The samples of row <paramref name="y"/>.</summary>
    public Span<byte> Row(int y) => Pixels.AsSpan(y * Stride, Stride);

    /// <summary>Whether <paramref name="other"/> has the same size, format, depth and every sample equal: what lossless means.</summary>
    public bool PixelsEqual(RasterImage other) =>
        Width == other.Width && Height == other.Height && Format == other.Format && BitDepth == other.BitDepth && Pixels.AsSpan().SequenceEqual(other.Pixels);

    /// <summary>Byte count of a width x height image of this format and depth; throws <see cref="ImageFormatException"/> for sizes no reader accepts.</summary>
    public static int CheckedSize(int width, int height, PixelFormat format, int bitDepth = 8)
    {
        if (bitDepth is not (8 or 16))
            throw new ArgumentOutOfRangeException(nameof(bitDepth), bitDepth, "samples are 8 or 16 bits");
        if (width <= 0 || height <= 0)
            throw new ImageFormatException($"image size {width}x{height} is not positive");
        if ((long)width * height > MaxPixels)
            throw new ImageFormatException($"image size {width}x{height} exceeds the limit of {MaxPixels} pixels");
        long bytes = (long)width * height * format.Channels() * (bitDepth / 8);
        // Only a 16-bit image near the pixel limit exceeds what one array holds.
        if (bytes > Array.MaxLength)
            throw new ImageFormatException($"a {width}x{height} {bitDepth}-bit {format} image needs {bytes} bytes, more than one buffer holds");
        return (int)bytes;
    }
}
