using PixelCodec.Imaging;

namespace PixelCodec.Training.Tests;

/// <summary>Small image sets written to a private temp folder, deleted on dispose.</summary>
internal sealed class TestData : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("pixelcodec-training-tests-").FullName;

    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Writes <paramref name="count"/> deterministic RGB PNGs of size x size into <paramref name="folder"/>.</summary>
    public string PngFolder(string folder, int count, int size = 8, int seed = 1, PixelFormat format = PixelFormat.Rgb)
    {
        string path = Path(folder);
        Directory.CreateDirectory(path);
        for (int i = 0; i < count; i++)
            File.WriteAllBytes(System.IO.Path.Combine(path, $"{i:D3}.png"), PngWriter.Encode(Image(size, seed * 1000 + i, format)));
        return path;
    }

    /// <summary>Writes one deterministic RGB PNG per size into <paramref name="folder"/> (photographs of mixed sizes).</summary>
    public string MixedSizeFolder(string folder, IEnumerable<(int Width, int Height)> sizes, int seed = 1)
    {
        string path = Path(folder);
        Directory.CreateDirectory(path);
        int i = 0;
        foreach ((int width, int height) in sizes)
        {
            File.WriteAllBytes(System.IO.Path.Combine(path, $"{i:D3}.png"), PngWriter.Encode(Image(width, height, seed * 1000 + i)));
            i++;
        }
        return path;
    }

    public static RasterImage Image(int size, int seed, PixelFormat format = PixelFormat.Rgb) => Image(size, size, seed, format);

    public static RasterImage Image(int width, int height, int seed, PixelFormat format = PixelFormat.Rgb)
    {
        var image = new RasterImage(width, height, format);
        var random = new Random(seed);
        for (int i = 0; i < image.Pixels.Length; i++)
            image.Pixels[i] = (byte)(i * 7 % 200 + random.Next(40));
        return image;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
