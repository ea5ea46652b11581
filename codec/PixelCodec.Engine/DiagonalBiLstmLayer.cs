namespace PixelCodec.Engine;

/// <summary>
/// A Diagonal BiLSTM layer, written without the skew: the left-to-right direction's gates at (y, x)
/// come from the hidden state above (y-1, x) and to the left (y, x-1) (the 2x1 state conv of the skewed
/// map, weight order: above, then beside) and from the input at (y, x) (1x1 mask B); its cell from
/// (y, x-1). The right-to-left direction is the same with "beside" meaning (y, x+1); it runs over a
/// row once the row's input is complete (<see cref="FinishRow"/>), because it is used shifted down one
/// row. Output: x + 1x1 mask-B conv of (left(y, x) + right(y-1, x)) / 2, taken in Q14.
/// State entering a row from outside the image is the learned initial state; above row 0 it is zero.
/// </summary>
internal sealed class DiagonalBiLstmLayer : IEngineLayer
{
    public const string Left = "left", Right = "right";

    /// <summary>Hidden-state taps of each direction's gates: above, then beside.</summary>
    public const int StateTaps = 2;

    private readonly FeatureRows _output, _leftRows, _rightRows, _mixed;
    private readonly Direction _left, _right;
    private readonly StoredConv _outputConv;
    private readonly int _hidden, _width;

    public DiagonalBiLstmLayer(IntegerModel model, int index, FeatureRows input, FeatureRows output, NonlinearityTables tables, ActivationRanges? ranges)
    {
        int h = model.Hidden;
        string name = $"layer{index}";
        _hidden = h;
        _width = input.Width;
        _output = output;
        short[] leftInitial = model.ShortVector($"{name}.{Left}.initial_hidden", h), rightInitial = model.ShortVector($"{name}.{Right}.initial_hidden", h);
        _leftRows = new FeatureRows(_width, h, rowCount: 2, padding: 1, leftEdge: leftInitial);
        _rightRows = new FeatureRows(_width, h, rowCount: 2, padding: 1, rightEdge: rightInitial);
        _mixed = new FeatureRows(_width, h, rowCount: 1, padding: 0);
        _left = new Direction(model, $"{name}.{Left}", input, _leftRows, beside: -1, tables);
        _right = new Direction(model, $"{name}.{Right}", input, _rightRows, beside: +1, tables);
        _outputConv = new StoredConv(model.Conv($"{name}.output", 2 * h, h), new ConvInput(new Tap(_mixed, 0, 0)),
                                     output, ranges?.For(ModelLayout.Stream), residual: input);
    }

    public void BeginRow(int y)
    {
        _leftRows.BeginRow(y);
        _mixed.BeginRow(y);
        _output.BeginRow(y);
        _left.ResetCells();
    }

    public void Compute(int y, int x, int firstGroup, int endGroup)
    {
        int h = _hidden;
        int start = ColourGroups.Start(h, firstGroup), end = ColourGroups.Start(h, endGroup);
        _left.Step(y, x, start, end);
        Mix(y, x, start, end);
        _outputConv.Compute(y, x, firstGroup, endGroup);
    }

    public void ComputeTogether(ReadOnlySpan<IEngineLayer> layers, ReadOnlySpan<(int Y, int X)> at, int firstGroup, int endGroup, BatchScratch scratch)
    {
        int members = layers.Length, h = _hidden;
        int start = ColourGroups.Start(h, firstGroup), end = ColourGroups.Start(h, endGroup);
        Direction.StepTogether(layers, at, start, end, scratch);
        StoredConv[] outputs = scratch.Convs(members);
        for (int m = 0; m < members; m++)
        {
            var layer = (DiagonalBiLstmLayer)layers[m];
            (int y, int x) = at[m];
            layer.Mix(y, x, start, end);
            outputs[m] = layer._outputConv;
        }
        StoredConv.ComputeTogether(outputs.AsSpan(0, members), at, firstGroup, endGroup, scratch);
    }

    private void Mix(int y, int x, int start, int end)
    {
        ReadOnlySpan<short> left = _leftRows.At(y, x), right = _rightRows.At(y - 1, x);
        Span<short> mixed = _mixed.Write(y, x);
        for (int j = start; j < end; j++)
            mixed[j] = (short)((left[j] + right[j] + 1) >> 1);
    }

    /// <summary>The left-to-right state runs along the row, so the encoder too goes position by position here.</summary>
    public void ComputeRow(int y)
    {
        for (int x = 0; x < _width; x++)
            Compute(y, x, 0, 3);
    }

    public void FinishRow(int y)
    {
        _rightRows.BeginRow(y);
        _right.ResetCells();
        for (int x = _width - 1; x >= 0; x--)
            _right.Step(y, x, 0, _hidden);
    }

    /// <summary>One direction: its gates layer, hidden rows and the running cell of the row it is on.</summary>
    private sealed class Direction
    {
        private readonly QuantizedConv _gates;
        private readonly ConvInput _gatesIn;
        private readonly FeatureRows _hiddenRows;
        private readonly NonlinearityTables _tables;
        private readonly int[] _initialCell, _cell;
        private readonly short[] _vector;

        public Direction(IntegerModel model, string name, FeatureRows input, FeatureRows hiddenRows, int beside, NonlinearityTables tables)
        {
            int h = model.Hidden;
            _hiddenRows = hiddenRows;
            _tables = tables;
            _initialCell = model.Vector($"{name}.initial_cell", h, -FixedPoint.CellLimit, FixedPoint.CellLimit);
            _cell = new int[h];
            _gates = model.Conv($"{name}.gates", 4 * h, StateTaps * h + 2 * h);
            _gatesIn = new ConvInput(new Tap(hiddenRows, -1, 0), new Tap(hiddenRows, 0, beside), new Tap(input, 0, 0));
            _vector = new short[_gates.PaddedInputs];
        }

        public void ResetCells() => _initialCell.CopyTo(_cell, 0);

        /// <summary>The left-to-right directions of several members' layers, each at its own position, with one pass over the gates' weights.</summary>
        public static void StepTogether(ReadOnlySpan<IEngineLayer> layers, ReadOnlySpan<(int Y, int X)> at, int start, int end, BatchScratch scratch)
        {
            Direction first = ((DiagonalBiLstmLayer)layers[0])._left;
            int members = layers.Length, stride = first._gates.PaddedInputs;
            Span<short> inputs = scratch.Inputs(members * stride);
            for (int m = 0; m < members; m++)
                ((DiagonalBiLstmLayer)layers[m])._left._gatesIn.Gather(at[m].Y, at[m].X, inputs.Slice(m * stride, stride));
            LstmCell.GatesTogether(first._gates, first._cell.Length, inputs, members, start, end, scratch);
            for (int m = 0; m < members; m++)
            {
                Direction left = ((DiagonalBiLstmLayer)layers[m])._left;
                LstmCell.StepMember(first._tables, scratch, members, m, start, end, left._hiddenRows.Write(at[m].Y, at[m].X), left._cell);
            }
        }

        public void Step(int y, int x, int start, int end)
        {
            _gatesIn.Gather(y, x, _vector);
            LstmCell.StepChannels(_tables, _gates, _vector, start, end, _hiddenRows.Write(y, x), _cell);
        }
    }
}
