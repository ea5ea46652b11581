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
}
