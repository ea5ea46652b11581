namespace PixelCodec.Engine;

/// <summary>One tap of a layer's input: the channels of <paramref name="Source"/> at offset (dy, dx), rectified if <paramref name="Relu"/>.</summary>
internal readonly record struct Tap(FeatureRows Source, int Dy, int Dx, bool Relu = false);

/// <summary>
/// What a layer reads at a position, as one vector: the taps in order, each contributing its source's
/// channels. The order is the layer's weight order in the integer model file.
/// </summary>
internal sealed class ConvInput
{
    private readonly Tap[] _taps;

    public ConvInput(params Tap[] taps)
    {
        _taps = taps;
        Length = taps.Sum(t => t.Source.Channels);
    }

    public int Length { get; }

    /// <summary>Writes the input at (y, x) into <paramref name="vector"/>; entries past <see cref="Length"/> are left as they are
    /// (a layer's weights there are zero, so whatever they hold adds nothing).</summary>
    public void Gather(int y, int x, Span<short> vector)
    {
        int offset = 0;
        foreach (Tap tap in _taps)
        {
            ReadOnlySpan<short> values = tap.Source.At(y + tap.Dy, x + tap.Dx);
            Span<short> target = vector.Slice(offset, values.Length);
            if (tap.Relu)
                for (int i = 0; i < values.Length; i++)
                    target[i] = Math.Max(values[i], (short)0);
            else
                values.CopyTo(target);
            offset += values.Length;
        }
    }

    /// <summary>The inputs at every position of row <paramref name="y"/>, one after another, <paramref name="stride"/> apart.</summary>
    public void GatherRow(int y, int width, Span<short> matrix, int stride)
    {
        for (int x = 0; x < width; x++)
            Gather(y, x, matrix.Slice(x * stride, stride));
    }

    /// <summary>
    /// The inputs of row <paramref name="y"/> as <see cref="GatherRow"/> would lay them out, read in
    /// place where they already are: a 1x1 tap, not rectified, whose source's channels are the stride.
    /// </summary>
    public bool TryRowInPlace(int y, int stride, out ReadOnlySpan<short> matrix)
    {
        if (_taps is [{ Dy: 0, Dx: 0, Relu: false } tap] && tap.Source.Channels == stride && y >= 0)
        {
            matrix = tap.Source.Row(y);
            return true;
        }
        matrix = default;
        return false;
    }
}
