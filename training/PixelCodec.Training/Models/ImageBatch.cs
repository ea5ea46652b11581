namespace PixelCodec.Training.Models;

/// <summary><see cref="Count"/> RGB images of one size, interleaved 8-bit, back to back ([N, H, W, 3]).</summary>
public sealed record ImageBatch(int Count, int Height, int Width, byte[] Pixels)
{
    public long Subpixels => (long)Count * Height * Width * 3;
}
