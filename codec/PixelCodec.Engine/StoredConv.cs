namespace PixelCodec.Engine;

/// <summary>
/// A layer whose outputs are stored in a feature map as int16: output = saturate(conv(inputs)),
/// optionally rectified, optionally added to a residual map first (how every trunk layer ends).
/// Position by position for the decoder, a whole row at once for the encoder: the same numbers.
/// </summary>
internal sealed class StoredConv
{
    private readonly QuantizedConv _conv;
    private readonly ConvInput _input;
    private readonly RowConv _row;
    private readonly FeatureRows _output;
    private readonly FeatureRows? _residual;
    private readonly bool _relu;
    private readonly short[] _vector;
    private readonly long[] _results;
    private readonly ActivationRange? _range;

    public StoredConv(QuantizedConv conv, ConvInput input, FeatureRows output, ActivationRange? range, bool relu = false, FeatureRows? residual = null)
    {
        _conv = conv;
        _input = input;
        _row = new RowConv(conv, input, output.Width);
        _output = output;
        _residual = residual;
        _relu = relu;
        _vector = new short[conv.PaddedInputs];
        _results = new long[conv.Outputs];
        _range = range;
    }

    /// <summary>The outputs of colour groups <paramref name="firstGroup"/> to <paramref name="endGroup"/> - 1 at (y, x).</summary>
    public void Compute(int y, int x, int firstGroup, int endGroup)
    {
        _input.Gather(y, x, _vector);
        int start = ColourGroups.Start(_conv.Outputs, firstGroup), end = ColourGroups.Start(_conv.Outputs, endGroup);
        Span<long> results = _results.AsSpan(0, end - start);
        _conv.OutputRange(start, end, _vector, results);
        Store(y, x, start, results);
    }

    /// <summary>
    /// <see cref="Compute"/> of the same layer of several networks of one model, each at its own
    /// position, with one pass over the weights for all of them.
    /// </summary>
    public static void ComputeTogether(ReadOnlySpan<StoredConv> convs, ReadOnlySpan<(int Y, int X)> at, int firstGroup, int endGroup, BatchScratch scratch)
    {
        QuantizedConv conv = convs[0]._conv;
        int members = convs.Length, stride = conv.PaddedInputs;
        int start = ColourGroups.Start(conv.Outputs, firstGroup), end = ColourGroups.Start(conv.Outputs, endGroup), count = end - start;
        Span<short> inputs = scratch.Inputs(members * stride);
        for (int m = 0; m < members; m++)
            convs[m]._input.Gather(at[m].Y, at[m].X, inputs.Slice(m * stride, stride));
        Span<long> results = scratch.Results(0, members * count);
        conv.OutputRows(start, end, inputs, members, results);
        for (int m = 0; m < members; m++)
            convs[m].Store(at[m].Y, at[m].X, start, results.Slice(m * count, count));
    }

    public void ComputeRow(int y)
    {
        _row.Compute(y);
        for (int x = 0; x < _output.Width; x++)
            Store(y, x, 0, _row.Results(x));
    }

    // Outputs start, start + 1, ... at (y, x) from their requantised values.
    private void Store(int y, int x, int start, ReadOnlySpan<long> values)
    {
        Span<short> target = _output.Write(y, x).Slice(start, values.Length);
        ReadOnlySpan<short> residual = _residual is null ? default : _residual.At(y, x).Slice(start, values.Length);
        ActivationStore.Saturate(values, residual, _relu, _range, target);
    }
}
