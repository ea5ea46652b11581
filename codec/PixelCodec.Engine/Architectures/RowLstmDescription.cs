namespace PixelCodec.Engine;

/// <summary>
/// The Row LSTM: gates from the row above's hidden state (a 1x3 Conv1d, taps dx = -1..1) and the input
/// (1x3 mask B: dx = -1, 0), then a 1x1 mask-B output conv (<see cref="RowLstmLayer"/>).
/// </summary>
internal sealed class RowLstmDescription : ArchitectureDescription
{
    public static readonly RowLstmDescription Instance = new();

    public override Architecture Architecture => Architecture.RowLstm;

    public override string NativeName => "rowlstm";

    public override IReadOnlyList<string> StateDirections => [""];

    public override IEnumerable<ConvLayout> LayerConvs(int index, int hidden)
    {
        int h = hidden, stream = 2 * h;
        string name = Layer(index);
        yield return new ConvLayout($"{name}.gates", 4 * h, h,
            [.. RowLstmLayer.StateTaps.Select(t => new InputSegment(h, h, CentreMask.None, ModelLayout.Hidden, FloatTap.Conv1d($"{name}.state_to_state.weight", t.Dx + 1))),
             .. RowLstmLayer.InputTaps.Select(t => new InputSegment(stream, stream, IsCentre(t) ? CentreMask.B : CentreMask.None, ModelLayout.Stream,
                 FloatTap.Kernel($"{name}.input_to_state.conv.weight", 0, t.Dx + 1)))],
            ModelLayout.Gate, [$"{name}.state_to_state.bias", $"{name}.input_to_state.conv.bias"]);
        yield return ConvLayout.Of($"{name}.output", stream, stream, [new(h, h, CentreMask.B, ModelLayout.Hidden, FloatTap.Kernel($"{name}.output.conv.weight", 0, 0))], ModelLayout.Stream);
    }

    internal override IEngineLayer CreateLayer(IntegerModel model, int index, FeatureRows input, FeatureRows output, NonlinearityTables tables, ActivationRanges? ranges) =>
        new RowLstmLayer(model, index, input, output, tables, ranges);
}
