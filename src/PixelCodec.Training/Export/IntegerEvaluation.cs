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
    public static double BitsPerSubpixel(IntegerModel model, IImageCollection images, int limit = 0)
    {
        int count = limit > 0 ? Math.Min(limit, images.Count) : images.Count;
        var bits = new double[count];
        Parallel.For(0, count, i =>
        {
            int width = images.Width, stride = width * 3;
            var pixels = new byte[images.Height * stride];
            images.Decode(i, pixels);
            var network = new IntegerNetwork(model, width);
            var tables = new ushort[stride * FrequencyTable.Symbols];
            double sum = 0;
            for (int y = 0; y < images.Height; y++)
            {
                network.EncodeRow(y, pixels.AsSpan(y * stride, stride), tables);
                for (int s = 0; s < stride; s++)
                    sum += FrequencyTable.IdealBits(tables.AsSpan(s * FrequencyTable.Symbols, FrequencyTable.Symbols), pixels[y * stride + s]);
            }
            bits[i] = sum;
        });
        return bits.Sum() / ((double)count * images.Width * images.Height * 3);
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
