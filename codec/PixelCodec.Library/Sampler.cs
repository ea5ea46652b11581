using PixelCodec.Imaging;
using PixelCodec.Modeling;
using PixelCodec.Modeling.Sampling;

namespace PixelCodec;

/// <summary>
/// Draws images from a model instead of coding them: for every sub-pixel in raster order the model
/// gives the table it would give the decoder, and a seeded generator of the library's own (SplitMix64)
/// picks the value, so a seed gives the same images on every machine, SIMD width and thread count.
/// <see cref="Complete"/> keeps the top rows of an image and draws the rest, as in Figure 9 of the
/// PixelRNN paper.
/// </summary>
/// <remarks>
/// Errors: <see cref="UnknownModelException"/> (a model name or file that cannot be used, or a model
/// that cannot code the image's channels), <see cref="ArgumentOutOfRangeException"/> (a size, count,
/// row count, temperature or thread count out of range), <see cref="ArgumentException"/> (an image
/// <see cref="Complete"/> cannot take), <see cref="ImageFormatException"/> (an image size beyond the
/// limit of <see cref="RasterImage.MaxPixels"/>).
/// </remarks>
public static class Sampler
{
    /// <summary><paramref name="count"/> RGB images of <paramref name="width"/> x <paramref name="height"/> drawn from the model.</summary>
    public static IReadOnlyList<RasterImage> Sample(int width, int height, int count, SampleOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        RasterImage.CheckedSize(width, height, PixelFormat.Rgb);
        return Draw(new PlaneShape(width, height, PixelFormat.Rgb.Channels()), PixelFormat.Rgb, ReadOnlyMemory<byte>.Empty, count, options);
    }

    /// <summary>
    /// <paramref name="count"/> completions of <paramref name="image"/>: its top <paramref name="keepRows"/>
    /// rows exactly as they are (the model observes them), the rows below drawn from the model.
    /// </summary>
    /// <param name="image">An 8-bit RGB or grey image (grey needs a model that codes one channel, such as 'weighted').</param>
    /// <param name="keepRows">0 to the image's height.</param>
    /// <param name="count">Completions to draw, at least 1.</param>
    /// <param name="options">The model, seed, temperature and threads; null for the defaults.</param>
    public static IReadOnlyList<RasterImage> Complete(RasterImage image, int keepRows, int count, SampleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.BitDepth != 8 || image.Format.HasAlpha())
            throw new ArgumentException($"completion takes 8-bit RGB or grey images, not {image.BitDepth}-bit {image.Format}", nameof(image));
        ArgumentOutOfRangeException.ThrowIfLessThan(keepRows, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keepRows, image.Height);
        var shape = new PlaneShape(image.Width, image.Height, image.Channels);
        return Draw(shape, image.Format, image.Pixels.AsMemory(0, keepRows * image.Stride), count, options);
    }

    private static IReadOnlyList<RasterImage> Draw(PlaneShape shape, PixelFormat format, ReadOnlyMemory<byte> given, int count, SampleOptions? options)
    {
        options ??= new SampleOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);
        var temperature = new Temperature(options.Temperature);
        IProbabilityModel model = ModelChoice.Resolve(options.Model);
        if (!model.SupportsChannels(shape.Channels))
            throw new UnknownModelException($"model '{options.Model}' cannot code {format} images, so it cannot draw them");
        byte[][] planes = PlaneSampler.Draw(model, shape, given, count, options.Seed, temperature, options.Threads);
        return [.. planes.Select(p => new RasterImage(shape.Width, shape.Height, format, p))];
    }
}
