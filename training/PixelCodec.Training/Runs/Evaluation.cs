using PixelCodec.Training.Data;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Runs;

public static class Evaluation
{
    private const int PixelsPerBatch = 32 * 64 * 64;

    /// <summary>
    /// Mean NLL in bits per sub-pixel over the first <paramref name="limit"/> images (all when 0), in
    /// batches of up to 32 images and no more pixels than 32 images of 64x64 (larger images go one at a time).
    /// </summary>
    public static double BitsPerSubpixel(Network network, IImageCollection images, int limit = 0)
    {
        int count = limit > 0 ? Math.Min(limit, images.Count) : images.Count;
        int batchSize = Math.Clamp(PixelsPerBatch / (images.Width * images.Height), 1, 32);
        int imageBytes = images.Width * images.Height * 3;
        double weightedBits = 0;
        for (int start = 0; start < count; start += batchSize)
        {
            int n = Math.Min(batchSize, count - start);
            var pixels = new byte[n * imageBytes];
            for (int i = 0; i < n; i++)
                images.Decode(start + i, pixels.AsSpan(i * imageBytes, imageBytes));
            weightedBits += network.Evaluate(new ImageBatch(n, images.Height, images.Width, pixels)) * n;
        }
        return weightedBits / count;
    }
}
