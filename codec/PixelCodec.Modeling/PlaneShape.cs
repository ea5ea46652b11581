namespace PixelCodec.Modeling;

/// <summary>
/// The shape of one coded plane: <see cref="Channels"/> interleaved 8-bit samples per pixel
/// (1 for grey or alpha, 3 for R, G, B), rows top to bottom.
/// </summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">Samples per pixel.</param>
public readonly record struct PlaneShape(int Width, int Height, int Channels)
{
    /// <summary>Samples (bytes) per row.</summary>
    public int Stride => Width * Channels;

    /// <summary>Samples (bytes) in the plane.</summary>
    public int SubpixelCount => Width * Height * Channels;
}
