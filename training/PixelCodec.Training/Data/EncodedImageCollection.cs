using PixelCodec.Imaging;

namespace PixelCodec.Training.Data;

/// <summary>
/// PNG (or PNM) files held encoded, decoded when a batch needs them. Grey images become RGB;
/// alpha is dropped (the training data has none). The first image fixes the size all must have.
/// </summary>
internal sealed class EncodedImageCollection : IImageCollection
{
    private readonly IReadOnlyList<(string Name, Func<byte[]> Read)> _images;

    public EncodedImageCollection(string description, IReadOnlyList<(string Name, Func<byte[]> Read)> images)
    {
        if (images.Count == 0)
            throw new TrainingException($"{description} holds no images");
        _images = images;
        RasterImage first = Load(0);
        Width = first.Width;
        Height = first.Height;
    }

    public int Count => _images.Count;
    public int Width { get; }
    public int Height { get; }

    public void Decode(int index, Span<byte> rgb)
    {
        RasterImage image = Load(index);
        if (image.Width != Width || image.Height != Height)
            throw new TrainingException($"{_images[index].Name} is {image.Width}x{image.Height}; the set's images are {Width}x{Height}");
        TrainingImage.CopyRgb(image, 0, Width * Height, rgb);
    }

    private RasterImage Load(int index) => TrainingImage.Read(_images[index].Name, _images[index].Read());
}
