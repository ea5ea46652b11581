using PixelCodec.Imaging;

namespace PixelCodec.Training.Data;

/// <summary>
/// Images to measure a model on, as same-size groups. A folder of PNGs may mix sizes (photographs):
/// it becomes one group per size, and its grey images are left out because the codec codes grey with
/// a classical model, not the PixelRNN. Everything else is one group, as <see cref="ImageSets.Open"/> reads it.
/// </summary>
public sealed record EvaluationSet(IReadOnlyList<IImageCollection> Groups, int GreySkipped)
{
    public long Subpixels => Groups.Sum(g => (long)g.Count * g.Width * g.Height * 3);

    public int Count => Groups.Sum(g => g.Count);

    /// <summary>The mean over every sub-pixel of the set, from a per-group mean in bits per sub-pixel.</summary>
    public double BitsPerSubpixel(Func<IImageCollection, double> groupBits) => Bits(groupBits) / Subpixels;

    /// <summary>The bits of the whole set, from a per-group mean in bits per sub-pixel (for sums over shards).</summary>
    public double Bits(Func<IImageCollection, double> groupBits) =>
        Groups.Sum(g => groupBits(g) * g.Count * g.Width * g.Height * 3);

    /// <summary>Rank <paramref name="rank"/>'s share of every group (its images rank, rank + size, ...), to split a validation over workers.</summary>
    public EvaluationSet Shard(int rank, int size) =>
        new([.. Groups.Select(g => (IImageCollection)new EveryNth(g, rank, size)).Where(g => g.Count > 0)], GreySkipped);

    /// <param name="split">As for <see cref="ImageSets.Open"/>.</param>
    /// <param name="limit">Keep the first this many images (all when 0).</param>
    public static EvaluationSet Open(string path, string split, int limit)
    {
        string folder = Directory.Exists(Path.Combine(path, split)) ? Path.Combine(path, split) : path;
        if (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.npz").Length > 0)
            return new EvaluationSet([Limit(ImageSets.Open(path, split), limit)], 0);

        var sizes = new List<(string File, int Width, int Height)>();
        int grey = 0;
        foreach (string file in Directory.GetFiles(folder, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (limit > 0 && sizes.Count == limit)
                break;
            RasterImage image = TrainingImage.Read(file);
            if (image.Format is PixelFormat.Grey or PixelFormat.GreyAlpha)
                grey++;
            else
                sizes.Add((file, image.Width, image.Height));
        }
        if (sizes.Count == 0)
            throw new TrainingException($"'{folder}' holds no colour images");
        IImageCollection[] groups = [.. sizes.GroupBy(s => (s.Width, s.Height)).Select(g =>
            new EncodedImageCollection($"'{folder}'", [.. g.Select(s => (s.File, (Func<byte[]>)(() => File.ReadAllBytes(s.File))))]))];
        return new EvaluationSet(groups, grey);
    }

    private static IImageCollection Limit(IImageCollection set, int limit) =>
        limit > 0 && limit < set.Count ? new FirstImages(set, limit) : set;

    private sealed class EveryNth(IImageCollection set, int first, int step) : IImageCollection
    {
        public int Count => first < set.Count ? (set.Count - first + step - 1) / step : 0;
        public int Width => set.Width;
        public int Height => set.Height;
        public void Decode(int index, Span<byte> rgb) => set.Decode(first + index * step, rgb);
    }

    private sealed class FirstImages(IImageCollection set, int count) : IImageCollection
    {
        public int Count => count;
        public int Width => set.Width;
        public int Height => set.Height;
        public void Decode(int index, Span<byte> rgb) => set.Decode(index, rgb);
    }
}
