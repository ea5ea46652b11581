using PixelCodec.Engine;
using PixelCodec.Entropy;
using PixelCodec.Training.Data;

namespace PixelCodec.Training.Export;

public static class IntegerEvaluation
{
    /// <summary>
    /// The integer model's code length in bits per sub-pixel on the first <paramref name="limit"/> images
    /// (all when 0): the mean of -log2(f / 2^16) over the frequency tables the codec would use. Actual
    /// files add the range coder's overhead and the header.
    /// </summary>
    public static double BitsPerSubpixel(IntegerModel model, IImageCollection images, int limit = 0) =>
        BitsPerSubpixel(model, new EvaluationSet([images], 0), limit);

    /// <summary>As above over every group of the set, the images coded in parallel; the mean over all sub-pixels.</summary>
    public static double BitsPerSubpixel(IntegerModel model, EvaluationSet set, int limit = 0)
    {
        (IImageCollection Group, int Index)[] images = [.. set.Groups.SelectMany(g => Enumerable.Range(0, g.Count).Select(i => (g, i))).Take(limit > 0 ? limit : int.MaxValue)];
        var bits = new double[images.Length];
        Parallel.For(0, images.Length, i => bits[i] = ImageBits(model, images[i].Group, images[i].Index));
        return bits.Sum() / images.Sum(image => 3.0 * image.Group.Width * image.Group.Height);
    }

    private static double ImageBits(IntegerModel model, IImageCollection images, int index)
    {
        int width = images.Width, stride = width * 3;
        var pixels = new byte[images.Height * stride];
        images.Decode(index, pixels);
        var network = IntegerNetwork.ForImage(model, pixels, width);
        var tables = new ushort[stride * FrequencyTable.Symbols];
        double sum = 0;
        for (int y = 0; y < images.Height; y++)
        {
            network.EncodeRow(y, pixels.AsSpan(y * stride, stride), tables);
            for (int s = 0; s < stride; s++)
                sum += FrequencyTable.IdealBits(tables.AsSpan(s * FrequencyTable.Symbols, FrequencyTable.Symbols), pixels[y * stride + s]);
        }
        return sum;
    }

    /// <summary>The first <paramref name="count"/> images of a set, as calibration images.</summary>
    public static IReadOnlyList<CalibrationImage> Calibration(IImageCollection images, int count) =>
        [.. Enumerable.Range(0, Math.Min(count, images.Count)).Select(i =>
        {
            var pixels = new byte[images.Width * images.Height * 3];
            images.Decode(i, pixels);
            return new CalibrationImage(images.Width, images.Height, pixels);
        })];
}
