namespace PixelCodec.Engine;

/// <summary>
/// A layer applied at every position of a row at once (the encoder's way): gathers the row's inputs
/// into one matrix and computes every output with <see cref="QuantizedConv.OutputRows"/>. Gives the
/// same numbers as the layer applied position by position, since both are the same integer sums.
/// </summary>
internal sealed class RowConv(QuantizedConv conv, ConvInput input, int width)
{
    private short[]? _inputs;
    private long[]? _results;

    /// <summary>Computes every output at every position of row <paramref name="y"/>.</summary>
    public void Compute(int y)
    {
        _results ??= new long[width * conv.Outputs];
        if (input.TryRowInPlace(y, conv.PaddedInputs, out ReadOnlySpan<short> row))
        {
            conv.OutputRows(0, conv.Outputs, row, width, _results);
            return;
        }
        _inputs ??= new short[width * conv.PaddedInputs];
        input.GatherRow(y, width, _inputs, conv.PaddedInputs);
        conv.OutputRows(0, conv.Outputs, _inputs, width, _results);
    }

    /// <summary>Every output at column <paramref name="x"/> of the row last computed, before clamping.</summary>
    public ReadOnlySpan<long> Results(int x) => _results.AsSpan(x * conv.Outputs, conv.Outputs);
}
