using PixelCodec.Imaging;

namespace PixelCodec.Training.Data;

/// <summary>
/// Square crops of photographs of any size: each epoch takes one <c>size</c> x <c>size</c> crop of every
/// image, at a position drawn from (seed, epoch, image). Images smaller than the crop in either side
/// are left out (<see cref="TooSmall"/>); grey images become RGB as elsewhere in training.
/// </summary>
public sealed class RandomCrops : ITrainingSamples
{
    private readonly IReadOnlyList<(string Name, int Width, int Height)> _images;
    private readonly int _seed;

    private RandomCrops(IReadOnlyList<(string, int, int)> images, int size, int seed, int tooSmall)
    {
        _images = images;
        Width = Height = size;
        _seed = seed;
        TooSmall = tooSmall;
    }

    public int Count => _images.Count;
    public int Width { get; }
    public int Height { get; }

    /// <summary>Images of the folder left out because a side is shorter than the crop.</summary>
    public int TooSmall { get; }

    /// <summary>Every PNG under <paramref name="folder"/> (sizes read from the headers, in ordinal name order).</summary>
    public static RandomCrops Open(string folder, int size, int seed)
    {
        if (size < 2)
            throw new TrainingException($"a crop must be at least 2x2, not {size}x{size}");
        if (!Directory.Exists(folder))
            throw new TrainingException($"crops need a folder of PNGs; '{folder}' is not one");
        var images = new List<(string, int, int)>();
        int tooSmall = 0;
        foreach (string file in Directory.GetFiles(folder, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            (int width, int height) = Dimensions(file);
            if (width < size || height < size)
                tooSmall++;
            else
                images.Add((file, width, height));
        }
        if (images.Count == 0)
            throw new TrainingException($"'{folder}' holds no PNG of at least {size}x{size}" + (tooSmall > 0 ? $" ({tooSmall} smaller ones)" : ""));
        return new RandomCrops(images, size, seed, tooSmall);
    }

    /// <summary>Where sample <paramref name="index"/>'s crop starts in epoch <paramref name="epoch"/>.</summary>
    public (int X, int Y) Origin(int index, long epoch)
    {
        (_, int width, int height) = _images[index];
        var random = new Random(SeedMix.Of(_seed, epoch, index));
        int x = random.Next(width - Width + 1);
        return (x, random.Next(height - Height + 1));
    }

    public void Decode(int index, long epoch, Span<byte> rgb)
    {
        (string name, int width, int height) = _images[index];
        RasterImage image = TrainingImage.Read(name);
        if (image.Width != width || image.Height != height)
            throw new TrainingException($"{name} changed size while training ({width}x{height}, now {image.Width}x{image.Height})");
        (int x0, int y0) = Origin(index, epoch);
        for (int y = 0; y < Height; y++)
            TrainingImage.CopyRgb(image, (y0 + y) * width + x0, Width, rgb.Slice(y * Width * 3, Width * 3));
    }

    private static (int Width, int Height) Dimensions(string file)
    {
        RasterImage image = TrainingImage.Read(file);
        return (image.Width, image.Height);
    }
}
