namespace PixelCodec.Engine;

/// <summary>
/// The Diagonal BiLSTM: two directions, each with gates from the hidden state above and beside (the
/// 2x1 state Conv1d of the skewed map, index 0 then 1) and the input (1x1 mask B); a 1x1 mask-B output
/// conv of their mean (<see cref="DiagonalBiLstmLayer"/>).
/// </summary>
internal sealed class DiagonalBiLstmDescription : ArchitectureDescription
{
    public static readonly DiagonalBiLstmDescription Instance = new();

    public override Architecture Architecture => Architecture.DiagonalBiLstm;

    public override string NativeName => "diagbilstm";

    public override IReadOnlyList<string> StateDirections => [$"{DiagonalBiLstmLayer.Left}.", $"{DiagonalBiLstmLayer.Right}."];

    public override IEnumerable<ConvLayout> LayerConvs(int index, int hidden)
    {
        int h = hidden, stream = 2 * h;
        string name = Layer(index);
        foreach (string direction in new[] { DiagonalBiLstmLayer.Left, DiagonalBiLstmLayer.Right })
        {
            string prefix = $"{name}.{direction}";
            yield return new ConvLayout($"{prefix}.gates", 4 * h, h,
                [.. Enumerable.Range(0, DiagonalBiLstmLayer.StateTaps).Select(i => new InputSegment(h, h, CentreMask.None, ModelLayout.Hidden, FloatTap.Conv1d($"{prefix}.state_to_state.weight", i))),
                 new(stream, stream, CentreMask.B, ModelLayout.Stream, FloatTap.Kernel($"{prefix}.input_to_state.conv.weight", 0, 0))],
                ModelLayout.Gate, [$"{prefix}.state_to_state.bias", $"{prefix}.input_to_state.conv.bias"]);
        }
        yield return ConvLayout.Of($"{name}.output", stream, stream, [new(h, h, CentreMask.B, ModelLayout.Mixed, FloatTap.Kernel($"{name}.output.conv.weight", 0, 0))], ModelLayout.Stream);
    }

    internal override IEngineLayer CreateLayer(IntegerModel model, int index, FeatureRows input, FeatureRows output, FeatureRows? condition, NonlinearityTables tables, ActivationRanges? ranges, int rowsInFlight) =>
        new DiagonalBiLstmLayer(model, index, input, output, tables, ranges);
}
