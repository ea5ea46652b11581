using PixelCodec.Imaging;

namespace PixelCodec.Container;

/// <summary>
/// A 16-bit image as the two 8-bit images that are coded: its samples' high bytes and their low
/// bytes, in the same format and layout.
/// </summary>
internal static class WideSamples
{
    public static (RasterImage High, RasterImage Low) Split(RasterImage image)
    {
        var high = new RasterImage(image.Width, image.Height, image.Format);
        var low = new RasterImage(image.Width, image.Height, image.Format);
        ReadOnlySpan<byte> pixels = image.Pixels;
        Span<byte> h = high.Pixels, l = low.Pixels;
        for (int i = 0; i < h.Length; i++)
        {
            h[i] = pixels[2 * i];
            l[i] = pixels[2 * i + 1];
        }
        return (high, low);
    }

    public static RasterImage Join(RasterImage high, RasterImage low)
    {
        var image = new RasterImage(high.Width, high.Height, high.Format, bitDepth: 16);
        Span<byte> pixels = image.Pixels;
        ReadOnlySpan<byte> h = high.Pixels, l = low.Pixels;
        for (int i = 0; i < h.Length; i++)
        {
            pixels[2 * i] = h[i];
            pixels[2 * i + 1] = l[i];
        }
        return image;
    }
}
