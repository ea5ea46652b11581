namespace PixelCodec.Engine;

/// <summary>
/// A PixelCNN residual block: x + expand(relu(spatial(relu(reduce(relu(x)))))), reduce 2h -> h (1x1),
/// spatial h -> h (3x3 mask B), expand h -> 2h (1x1), all mask B.
/// Layer inputs (weight order): reduce: x; spatial: taps (-1,-1), (-1,0), (-1,1), (0,-1), (0,0);
/// expand: the spatial output.
/// </summary>
internal sealed class PixelCnnBlock : IEngineLayer
{
    public static readonly (int Dy, int Dx)[] SpatialTaps = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0)];

    private readonly FeatureRows _input, _output, _reduced, _spatial;
    private readonly QuantizedConv _reduce, _spatialConv, _expand;
    private readonly ConvInput _reduceIn, _spatialIn, _expandIn;
    private readonly RowConv _reduceRow, _spatialRow, _expandRow;
    private readonly short[] _vector;
    private readonly int _hidden;
    private readonly ActivationRange? _reduceRange, _spatialRange, _streamRange;

    public PixelCnnBlock(IntegerModel model, int index, FeatureRows input, FeatureRows output, ActivationRanges? ranges)
    {
        int h = model.Hidden, width = input.Width;
        string name = $"layer{index}";
        _hidden = h;
        _input = input;
        _output = output;
        _reduced = new FeatureRows(width, h, rowCount: 2, padding: 1);
        _spatial = new FeatureRows(width, h, rowCount: 1, padding: 0);
        _reduce = model.Conv($"{name}.reduce", h, 2 * h);
        _spatialConv = model.Conv($"{name}.spatial", h, SpatialTaps.Length * h);
        _expand = model.Conv($"{name}.expand", 2 * h, h);
        _reduceIn = new ConvInput(new Tap(input, 0, 0, Relu: true));
        _spatialIn = new ConvInput(SpatialTaps.Select(t => new Tap(_reduced, t.Dy, t.Dx)).ToArray());
        _expandIn = new ConvInput(new Tap(_spatial, 0, 0));
        _reduceRow = new RowConv(_reduce, _reduceIn, width);
        _spatialRow = new RowConv(_spatialConv, _spatialIn, width);
        _expandRow = new RowConv(_expand, _expandIn, width);
        _vector = new short[new[] { _reduce, _spatialConv, _expand }.Max(c => c.PaddedInputs)];
        _reduceRange = ranges?.For($"{name}.reduce");
        _spatialRange = ranges?.For($"{name}.spatial");
        _streamRange = ranges?.For("stream");
    }

    public void BeginRow(int y)
    {
        _reduced.BeginRow(y);
        _spatial.BeginRow(y);
        _output.BeginRow(y);
    }

    public void Compute(int y, int x, int firstGroup, int endGroup)
    {
        int start = ColourGroups.Start(_hidden, firstGroup), end = ColourGroups.Start(_hidden, endGroup);
        Rectified(_reduce, _reduceIn, _reduced, y, x, start, end, _reduceRange);
        Rectified(_spatialConv, _spatialIn, _spatial, y, x, start, end, _spatialRange);

        _expandIn.Gather(y, x, _vector);
        ReadOnlySpan<short> residual = _input.At(y, x);
        Span<short> target = _output.Write(y, x);
        for (int o = ColourGroups.Start(2 * _hidden, firstGroup); o < ColourGroups.Start(2 * _hidden, endGroup); o++)
            target[o] = ActivationStore.Saturate(residual[o] + _expand.Output(o, _vector), _streamRange);
    }

    public void ComputeRow(int y)
    {
        int width = _input.Width, h = _hidden;
        _reduceRow.Compute(y);
        for (int x = 0; x < width; x++)
            for (int o = 0; o < h; o++)
                _reduced.Write(y, x)[o] = ActivationStore.Saturate(Math.Max(_reduceRow.Result(x, o), 0), _reduceRange);
        _spatialRow.Compute(y);
        for (int x = 0; x < width; x++)
            for (int o = 0; o < h; o++)
                _spatial.Write(y, x)[o] = ActivationStore.Saturate(Math.Max(_spatialRow.Result(x, o), 0), _spatialRange);
        _expandRow.Compute(y);
        for (int x = 0; x < width; x++)
        {
            ReadOnlySpan<short> residual = _input.At(y, x);
            Span<short> target = _output.Write(y, x);
            for (int o = 0; o < 2 * h; o++)
                target[o] = ActivationStore.Saturate(residual[o] + _expandRow.Result(x, o), _streamRange);
        }
    }

    public void FinishRow(int y)
    {
    }

    private void Rectified(QuantizedConv conv, ConvInput input, FeatureRows output, int y, int x, int start, int end, ActivationRange? range)
    {
        input.Gather(y, x, _vector);
        Span<short> target = output.Write(y, x);
        for (int o = start; o < end; o++)
            target[o] = ActivationStore.Saturate(Math.Max(conv.Output(o, _vector), 0), range);
    }
}
