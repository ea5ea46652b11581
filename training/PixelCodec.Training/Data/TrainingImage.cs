using PixelCodec.Imaging;

namespace PixelCodec.Training.Data;

/// <summary>How training reads an image: decoding errors become <see cref="TrainingException"/>s naming it; grey becomes RGB, alpha is dropped.</summary>
internal static class TrainingImage
{
    public static RasterImage Read(string name, byte[] bytes)
    {
        try
        {
            RasterImage image = ImageFile.Read(bytes);
            return image.BitDepth == 8 ? image : throw new TrainingException($"{name}: a {image.BitDepth}-bit image; training reads 8-bit images only");
        }
        catch (ImageFormatException e)
        {
            throw new TrainingException($"{name}: {e.Message}");
        }
    }

    public static RasterImage Read(string file) => Read(file, File.ReadAllBytes(file));

    /// <summary>Writes <paramref name="count"/> pixels of <paramref name="image"/> from pixel <paramref name="first"/> on as interleaved RGB.</summary>
    public static void CopyRgb(RasterImage image, int first, int count, Span<byte> rgb)
    {
        int channels = image.Channels;
        bool grey = image.Format is PixelFormat.Grey or PixelFormat.GreyAlpha;
        for (int p = 0; p < count; p++)
        {
            ReadOnlySpan<byte> pixel = image.Pixels.AsSpan((first + p) * channels, channels);
            rgb[p * 3] = pixel[0];
            rgb[p * 3 + 1] = grey ? pixel[0] : pixel[1];
            rgb[p * 3 + 2] = grey ? pixel[0] : pixel[2];
        }
    }
}
