namespace PixelCodec.Training.Data;

/// <summary>Images for training, all of one size, decoded on demand (from any thread) to interleaved RGB.</summary>
public interface IImageCollection
{
    int Count { get; }
    int Width { get; }
    int Height { get; }

    /// <summary>Writes image <paramref name="index"/> as Height x Width x 3 bytes.</summary>
    void Decode(int index, Span<byte> rgb);
}
