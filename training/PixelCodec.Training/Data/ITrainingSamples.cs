namespace PixelCodec.Training.Data;

/// <summary>
/// What a training run draws from: <see cref="Count"/> samples of one size per epoch. A sample may
/// differ between epochs (a new crop of the same photograph), but only as a function of its index,
/// the epoch and the run's seed, so a resumed run sees exactly what the uninterrupted one would have.
/// </summary>
public interface ITrainingSamples
{
    int Count { get; }
    int Width { get; }
    int Height { get; }

    /// <summary>Writes sample <paramref name="index"/> of epoch <paramref name="epoch"/> as Height x Width x 3 bytes.</summary>
    void Decode(int index, long epoch, Span<byte> rgb);
}

/// <summary>Images of one size, the same every epoch.</summary>
public sealed class WholeImages(IImageCollection images) : ITrainingSamples
{
    public int Count => images.Count;
    public int Width => images.Width;
    public int Height => images.Height;
    public void Decode(int index, long epoch, Span<byte> rgb) => images.Decode(index, rgb);
}
