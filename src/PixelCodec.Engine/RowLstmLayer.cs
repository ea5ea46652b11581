namespace PixelCodec.Engine;

/// <summary>
/// A Row LSTM layer: gates at (y, x) from the previous row's hidden state (1x3, taps (-1,-1), (-1,0),
/// (-1,1)) and from the input (1x3 mask B: taps (0,-1) and (0,0)), in that weight order; the cell
/// comes from (y-1, x); output x + 1x1 mask-B conv of the hidden state. Row -1 holds the learned
/// initial state; columns outside the image are zero.
/// </summary>
internal sealed class RowLstmLayer : IEngineLayer
{
    public static readonly (int Dy, int Dx)[] StateTaps = [(-1, -1), (-1, 0), (-1, 1)];
    public static readonly (int Dy, int Dx)[] InputTaps = [(0, -1), (0, 0)];

    private readonly FeatureRows _input, _output, _hiddenRows;
    private readonly QuantizedConv _gates, _outputConv;
    private readonly ConvInput _gatesIn, _outputIn;
    private readonly RowConv _gatesRow, _outputRow;
    private readonly NonlinearityTables _tables;
    private readonly int[] _cells;   // per column: the cell of the row above until this row's replaces it
    private readonly short[] _vector;
    private readonly int _hidden;
    private readonly ActivationRange? _streamRange;

    public RowLstmLayer(IntegerModel model, int index, FeatureRows input, FeatureRows output, NonlinearityTables tables, ActivationRanges? ranges)
    {
        int h = model.Hidden, width = input.Width;
        string name = $"layer{index}";
        _hidden = h;
        _input = input;
        _output = output;
        _tables = tables;
        _hiddenRows = new FeatureRows(width, h, rowCount: 2, padding: 1, initialRow: model.ShortVector($"{name}.initial_hidden", h));
        int[] initialCell = model.Vector($"{name}.initial_cell", h, -FixedPoint.CellLimit, FixedPoint.CellLimit);
        _cells = new int[width * h];
        for (int x = 0; x < width; x++)
            initialCell.CopyTo(_cells, x * h);
        _gates = model.Conv($"{name}.gates", 4 * h, StateTaps.Length * h + InputTaps.Length * 2 * h);
        _outputConv = model.Conv($"{name}.output", 2 * h, h);
        _gatesIn = new ConvInput([.. StateTaps.Select(t => new Tap(_hiddenRows, t.Dy, t.Dx)), .. InputTaps.Select(t => new Tap(input, t.Dy, t.Dx))]);
        _outputIn = new ConvInput(new Tap(_hiddenRows, 0, 0));
        _gatesRow = new RowConv(_gates, _gatesIn, width);
        _outputRow = new RowConv(_outputConv, _outputIn, width);
        _vector = new short[Math.Max(_gates.PaddedInputs, _outputConv.PaddedInputs)];
        _streamRange = ranges?.For("stream");
    }

    public void BeginRow(int y)
    {
        _hiddenRows.BeginRow(y);
        _output.BeginRow(y);
    }

    public void Compute(int y, int x, int firstGroup, int endGroup)
    {
        int h = _hidden;
        _gatesIn.Gather(y, x, _vector);
        Span<short> hidden = _hiddenRows.Write(y, x);
        Span<int> cells = _cells.AsSpan(x * h, h);
        for (int j = ColourGroups.Start(h, firstGroup); j < ColourGroups.Start(h, endGroup); j++)
            hidden[j] = LstmCell.Step(_tables, _gates.Output(j, _vector), _gates.Output(h + j, _vector),
                                      _gates.Output(2 * h + j, _vector), _gates.Output(3 * h + j, _vector), ref cells[j]);

        _outputIn.Gather(y, x, _vector);
        ReadOnlySpan<short> residual = _input.At(y, x);
        Span<short> target = _output.Write(y, x);
        for (int o = ColourGroups.Start(2 * h, firstGroup); o < ColourGroups.Start(2 * h, endGroup); o++)
            target[o] = ActivationStore.Saturate(residual[o] + _outputConv.Output(o, _vector), _streamRange);
    }

    public void ComputeRow(int y)
    {
        int width = _input.Width, h = _hidden;
        _gatesRow.Compute(y);
        for (int x = 0; x < width; x++)
        {
            Span<short> hidden = _hiddenRows.Write(y, x);
            Span<int> cells = _cells.AsSpan(x * h, h);
            for (int j = 0; j < h; j++)
                hidden[j] = LstmCell.Step(_tables, _gatesRow.Result(x, j), _gatesRow.Result(x, h + j),
                                          _gatesRow.Result(x, 2 * h + j), _gatesRow.Result(x, 3 * h + j), ref cells[j]);
        }
        _outputRow.Compute(y);
        for (int x = 0; x < width; x++)
        {
            ReadOnlySpan<short> residual = _input.At(y, x);
            Span<short> target = _output.Write(y, x);
            for (int o = 0; o < 2 * h; o++)
                target[o] = ActivationStore.Saturate(residual[o] + _outputRow.Result(x, o), _streamRange);
        }
    }

    public void FinishRow(int y)
    {
    }
}
