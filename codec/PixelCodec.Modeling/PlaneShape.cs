namespace PixelCodec.Modeling;

/// <summary>
/// The shape of one coded plane: <see cref="Channels"/> interleaved 8-bit samples per pixel
/// (1 for grey or alpha, 3 for R, G, B), rows top to bottom.
/// </summary>
public readonly record struct PlaneShape(int Width, int Height, int Channels)
{
    public int Stride => Width * Channels;
    public int SubpixelCount => Width * Height * Channels;
}
