using PixelCodec.Imaging;

namespace PixelCodec.Tests.TestSupport;

internal static class Rgba
{
    /// <summary>Any image as 8-bit RGBA, the way decoders expand grey and missing alpha.</summary>
    public static byte[] Expand(RasterImage image)
    {
        var rgba = new byte[image.Width * image.Height * 4];
        int channels = image.Channels;
        for (int i = 0; i < image.Width * image.Height; i++)
        {
            ReadOnlySpan<byte> p = image.Pixels.AsSpan(i * channels, channels);
            Span<byte> q = rgba.AsSpan(i * 4, 4);
            (q[0], q[1], q[2], q[3]) = image.Format switch
            {
                PixelFormat.Grey => (p[0], p[0], p[0], (byte)255),
                PixelFormat.GreyAlpha => (p[0], p[0], p[0], p[1]),
                PixelFormat.Rgb => (p[0], p[1], p[2], (byte)255),
                _ => (p[0], p[1], p[2], p[3]),
            };
        }
        return rgba;
    }

    /// <summary>A 16-bit image as 16-bit RGBA, high byte first, the way decoders expand grey and missing alpha.</summary>
    public static byte[] Expand16(RasterImage image)
    {
        var rgba = new byte[image.Width * image.Height * 8];
        int channels = image.Channels;
        for (int i = 0; i < image.Width * image.Height; i++)
        {
            ReadOnlySpan<byte> p = image.Pixels.AsSpan(i * channels * 2, channels * 2);
            Span<byte> q = rgba.AsSpan(i * 8, 8);
            int[] from = image.Format switch
            {
                PixelFormat.Grey => [0, 0, 0, -1],
                PixelFormat.GreyAlpha => [0, 0, 0, 1],
                PixelFormat.Rgb => [0, 1, 2, -1],
                _ => [0, 1, 2, 3],
            };
            for (int c = 0; c < 4; c++)
            {
                q[2 * c] = from[c] < 0 ? (byte)0xFF : p[2 * from[c]];
                q[2 * c + 1] = from[c] < 0 ? (byte)0xFF : p[2 * from[c] + 1];
            }
        }
        return rgba;
    }
}
