namespace PixelCodec.Modeling;

/// <summary>
/// The Multi-Scale PixelRNN's small image: the 2x2 box filter of a plane, as the data sets are made
/// (imagenet32-sample from 64x64 images is the same filter). Each value is (a + b + c + d + 2) / 4 in
/// integers, half rounded up. A side that is odd is made even first by repeating its last row or
/// column, so a plane of W x H gives ceil(W / 2) x ceil(H / 2) and every size has a subsample.
/// The training shim computes the same (box_subsample in training/native/networks.cpp).
/// </summary>
public static class Subsample
{
    /// <summary>The subsample's side for a side of <paramref name="side"/>: half, rounded up.</summary>
    public static int Side(int side) => (side + 1) / 2;

    /// <summary>The shape of the subsample of a plane of <paramref name="shape"/>.</summary>
    public static PlaneShape ShapeOf(PlaneShape shape) => new(Side(shape.Width), Side(shape.Height), shape.Channels);

    /// <summary>The subsample of <paramref name="plane"/> (rows of <see cref="PlaneShape.Stride"/> bytes, channels interleaved).</summary>
    public static byte[] Of(ReadOnlySpan<byte> plane, PlaneShape shape)
    {
        if (plane.Length != shape.SubpixelCount)
            throw new ArgumentException($"a {shape.Width}x{shape.Height} plane of {shape.Channels} channels has {shape.SubpixelCount} bytes, not {plane.Length}", nameof(plane));
        PlaneShape small = ShapeOf(shape);
        int channels = shape.Channels;
        var result = new byte[small.SubpixelCount];
        for (int y = 0; y < small.Height; y++)
        {
            int top = 2 * y, bottom = Math.Min(2 * y + 1, shape.Height - 1);
            for (int x = 0; x < small.Width; x++)
            {
                int left = 2 * x, right = Math.Min(2 * x + 1, shape.Width - 1);
                for (int c = 0; c < channels; c++)
                {
                    int sum = plane[top * shape.Stride + left * channels + c] + plane[top * shape.Stride + right * channels + c]
                            + plane[bottom * shape.Stride + left * channels + c] + plane[bottom * shape.Stride + right * channels + c];
                    result[(y * small.Width + x) * channels + c] = (byte)((sum + 2) / 4);
                }
            }
        }
        return result;
    }
}
