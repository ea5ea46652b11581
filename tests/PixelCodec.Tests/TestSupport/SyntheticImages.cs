using PixelCodec.Imaging;

namespace PixelCodec.Tests.TestSupport;

/// <summary>
/// Deterministic synthetic images (own generator, so golden hashes never depend on System.Random's
/// implementation): smooth gradients with noise, like a photograph, or pure noise, constants.
/// </summary>
internal static class SyntheticImages
{
    public static RasterImage Photo(int width, int height, PixelFormat format, uint seed = 1)
    {
        var image = new RasterImage(width, height, format);
        uint state = seed * 2654435761u + 1;
        int channels = image.Channels;
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = image.Row(y);
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    state = state * 1664525u + 1013904223u;
                    int noise = (int)(state >> 29) - 4;
                    int smooth = (x * 255 / Math.Max(1, width - 1) + y * (c + 1) * 37 / Math.Max(1, height)) / 2;
                    row[x * channels + c] = (byte)Math.Clamp(smooth + noise + c * 20, 0, 255);
                }
        }
        return image;
    }

    /// <summary>A 16-bit photograph-like image: smooth gradients over the whole range with noise of a few hundred levels.</summary>
    public static RasterImage Photo16(int width, int height, PixelFormat format, uint seed = 1)
    {
        var image = new RasterImage(width, height, format, bitDepth: 16);
        uint state = seed * 2654435761u + 1;
        int channels = image.Channels;
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = image.Row(y);
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    state = state * 1664525u + 1013904223u;
                    int noise = (int)(state >> 23) - 256;
                    int smooth = (x * 65535 / Math.Max(1, width - 1) + y * (c + 1) * 9473 / Math.Max(1, height)) / 2;
                    int value = Math.Clamp(smooth + noise + c * 5000, 0, 65535);
                    row[(x * channels + c) * 2] = (byte)(value >> 8);
                    row[(x * channels + c) * 2 + 1] = (byte)value;
                }
        }
        return image;
    }

    /// <summary>An 8-bit image as 16-bit samples scaled the way converters do (v * 257, so every low byte equals its high byte).</summary>
    public static RasterImage Widened(RasterImage image)
    {
        var wide = new RasterImage(image.Width, image.Height, image.Format, bitDepth: 16);
        for (int i = 0; i < image.Pixels.Length; i++)
            wide.Pixels[2 * i] = wide.Pixels[2 * i + 1] = image.Pixels[i];
        return wide;
    }

    public static RasterImage Noise(int width, int height, PixelFormat format, uint seed = 1)
    {
        var image = new RasterImage(width, height, format);
        uint state = seed;
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            state = state * 1664525u + 1013904223u;
            image.Pixels[i] = (byte)(state >> 24);
        }
        return image;
    }

    public static RasterImage Constant(int width, int height, PixelFormat format, byte value)
    {
        var image = new RasterImage(width, height, format);
        image.Pixels.AsSpan().Fill(value);
        return image;
    }

    /// <summary>Every kind of 16-bit image the codec must round-trip, with a name for test output.</summary>
    public static IEnumerable<(string Name, RasterImage Image)> EdgeCases16()
    {
        foreach (PixelFormat format in Enum.GetValues<PixelFormat>())
        {
            yield return ($"16-bit 1x1 {format}", Photo16(1, 1, format));
            yield return ($"16-bit 1x9 {format}", Photo16(1, 9, format));
            yield return ($"16-bit 13x7 {format}", Photo16(13, 7, format));
            yield return ($"16-bit widened 17x11 {format}", Widened(Photo(17, 11, format)));
            yield return ($"16-bit all 65535 {format}", Widened(Constant(5, 9, format, 255)));
            yield return ($"16-bit noise {format}", new RasterImage(11, 6, format, Noise(22, 6, format).Pixels, bitDepth: 16));
        }
    }

    /// <summary>Every kind of image the codec must round-trip, with a name for test output.</summary>
    public static IEnumerable<(string Name, RasterImage Image)> EdgeCases()
    {
        foreach (PixelFormat format in Enum.GetValues<PixelFormat>())
        {
            yield return ($"1x1 {format}", Photo(1, 1, format));
            yield return ($"1x17 {format}", Photo(1, 17, format));
            yield return ($"17x1 {format}", Photo(17, 1, format));
            yield return ($"13x7 {format}", Photo(13, 7, format));
            yield return ($"32x32 {format}", Photo(32, 32, format));
            yield return ($"all 0 {format}", Constant(9, 5, format, 0));
            yield return ($"all 255 {format}", Constant(5, 9, format, 255));
            yield return ($"noise {format}", Noise(23, 19, format));
        }
    }
}
