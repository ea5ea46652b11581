namespace PixelCodec.Engine;

/// <summary>
/// A Row LSTM layer: gates at (y, x) from the previous row's hidden state (1x3, taps (-1,-1), (-1,0),
/// (-1,1)) and from the input (1x3 mask B: taps (0,-1) and (0,0)), in that weight order; the cell
/// comes from (y-1, x); output x + 1x1 mask-B conv of the hidden state. Row -1 holds the learned
/// initial state; columns outside the image are zero. A conditional layer also reads the subsample's
/// map at (y, x), between the state taps and the input taps.
/// </summary>
internal sealed class RowLstmLayer : IEngineLayer
{
    public static readonly (int Dy, int Dx)[] StateTaps = [(-1, -1), (-1, 0), (-1, 1)];
    public static readonly (int Dy, int Dx)[] InputTaps = [(0, -1), (0, 0)];

    private readonly FeatureRows _output, _hiddenRows;
    private readonly QuantizedConv _gates;
    private readonly ConvInput _gatesIn;
    private readonly RowConv _gatesRow;
    private readonly StoredConv _outputConv;
    private readonly NonlinearityTables _tables;
    private readonly int[] _cells;   // per column: the cell of the row above until this row's replaces it
    private readonly short[] _vector;
    private readonly int _hidden, _width;

    public RowLstmLayer(IntegerModel model, int index, FeatureRows input, FeatureRows output, FeatureRows? condition, NonlinearityTables tables, ActivationRanges? ranges, int rowsInFlight)
    {
        int h = model.Hidden;
        string name = $"layer{index}";
        _hidden = h;
        _width = input.Width;
        _output = output;
        _tables = tables;
        _hiddenRows = new FeatureRows(_width, h, rowCount: 2, padding: 1, initialRow: model.ShortVector($"{name}.initial_hidden", h), rowsInFlight: rowsInFlight);
        int[] initialCell = model.Vector($"{name}.initial_cell", h, -FixedPoint.CellLimit, FixedPoint.CellLimit);
        _cells = new int[_width * h];
        for (int x = 0; x < _width; x++)
            initialCell.CopyTo(_cells, x * h);
        Tap[] conditionTap = condition is null ? [] : [new Tap(condition, 0, 0)];
        _gates = model.Conv($"{name}.gates", 4 * h, StateTaps.Length * h + (condition?.Channels ?? 0) + InputTaps.Length * 2 * h);
        _gatesIn = new ConvInput([.. StateTaps.Select(t => new Tap(_hiddenRows, t.Dy, t.Dx)), .. conditionTap, .. InputTaps.Select(t => new Tap(input, t.Dy, t.Dx))]);
        _gatesRow = new RowConv(_gates, _gatesIn, _width);
        _outputConv = new StoredConv(model.Conv($"{name}.output", 2 * h, h), new ConvInput(new Tap(_hiddenRows, 0, 0)),
                                     output, ranges?.For(ModelLayout.Stream), residual: input);
        _vector = new short[_gates.PaddedInputs];
    }

    public void BeginRow(int y)
    {
        _hiddenRows.BeginRow(y);
        _output.BeginRow(y);
    }

    public void Compute(int y, int x, int firstGroup, int endGroup)
    {
        _gatesIn.Gather(y, x, _vector);
        LstmCell.StepChannels(_tables, _gates, _vector, ColourGroups.Start(_hidden, firstGroup), ColourGroups.Start(_hidden, endGroup),
                              _hiddenRows.Write(y, x), _cells.AsSpan(x * _hidden, _hidden));
        _outputConv.Compute(y, x, firstGroup, endGroup);
    }

    public void ComputeTogether(ReadOnlySpan<IEngineLayer> layers, ReadOnlySpan<(int Y, int X)> at, int firstGroup, int endGroup, BatchScratch scratch)
    {
        int members = layers.Length, h = _hidden, stride = _gates.PaddedInputs;
        int start = ColourGroups.Start(h, firstGroup), end = ColourGroups.Start(h, endGroup);
        Span<short> inputs = scratch.Inputs(members * stride);
        for (int m = 0; m < members; m++)
            ((RowLstmLayer)layers[m])._gatesIn.Gather(at[m].Y, at[m].X, inputs.Slice(m * stride, stride));
        LstmCell.GatesTogether(_gates, h, inputs, members, start, end, scratch);
        StoredConv[] outputs = scratch.Convs(members);
        for (int m = 0; m < members; m++)
        {
            var layer = (RowLstmLayer)layers[m];
            (int y, int x) = at[m];
            LstmCell.StepMember(_tables, scratch, members, m, start, end, layer._hiddenRows.Write(y, x), layer._cells.AsSpan(x * h, h));
            outputs[m] = layer._outputConv;
        }
        StoredConv.ComputeTogether(outputs.AsSpan(0, members), at, firstGroup, endGroup, scratch);
    }

    public void ComputeRow(int y)
    {
        _gatesRow.Compute(y);
        for (int x = 0; x < _width; x++)
            LstmCell.StepChannels(_tables, _gatesRow, x, _hiddenRows.Write(y, x), _cells.AsSpan(x * _hidden, _hidden));
        _outputConv.ComputeRow(y);
    }

    public void FinishRow(int y)
    {
    }
}
