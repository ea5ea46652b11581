using PixelCodec.Training.Data;
using PixelCodec.Training.Models;

namespace PixelCodec.Training.Training;

public static class Evaluation
{
    /// <summary>Mean NLL in bits per sub-pixel over the first <paramref name="limit"/> images (all when 0), in batches.</summary>
    public static double BitsPerSubpixel(Network network, IImageCollection images, int limit = 0, int batchSize = 32)
    {
        int count = limit > 0 ? Math.Min(limit, images.Count) : images.Count;
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
