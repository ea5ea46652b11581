namespace PixelCodec.Engine;

/// <summary>
/// The Row LSTM: gates from the row above's hidden state (a 1x3 Conv1d, taps dx = -1..1) and the input
/// (1x3 mask B: dx = -1, 0), then a 1x1 mask-B output conv (<see cref="RowLstmLayer"/>). Its
/// conditional form (<see cref="Conditional"/>, the Multi-Scale PixelRNN's network of the image given
/// its subsample) adds to the gates a 1x1 convolution of the subsample's map at the position
/// (<see cref="ConditionMap"/>), an input that every colour group sees, between the state and input taps.
/// </summary>
internal sealed class RowLstmDescription : ArchitectureDescription
{
    public static readonly RowLstmDescription Instance = new(conditional: false);

    public static readonly RowLstmDescription Conditional = new(conditional: true);

    private readonly bool _conditional;

    private RowLstmDescription(bool conditional) => _conditional = conditional;

    public override Architecture Architecture => _conditional ? Architecture.MultiScaleRowLstm : Architecture.RowLstm;

    public override string NativeName => _conditional ? "msrowlstm" : "rowlstm";

    public override IReadOnlyList<string> StateDirections => [""];

    /// <summary>h / 2 for the conditional form (condition_channels in training/native/networks.cpp).</summary>
    public override int ConditionChannels(int hidden) => _conditional ? Math.Max(1, hidden / 2) : 0;

    public override IEnumerable<ConvLayout> LayerConvs(int index, int hidden)
    {
        int h = hidden, stream = 2 * h, condition = ConditionChannels(hidden);
        string name = Layer(index);
        InputSegment[] conditionTap = condition > 0
            ? [new InputSegment(condition, condition, CentreMask.None, ConditionMap.Up, FloatTap.Kernel($"{name}.condition.weight", 0, 0))]
            : [];
        yield return new ConvLayout($"{name}.gates", 4 * h, h,
            [.. RowLstmLayer.StateTaps.Select(t => new InputSegment(h, h, CentreMask.None, ModelLayout.Hidden, FloatTap.Conv1d($"{name}.state_to_state.weight", t.Dx + 1))),
             .. conditionTap,
             .. RowLstmLayer.InputTaps.Select(t => new InputSegment(stream, stream, IsCentre(t) ? CentreMask.B : CentreMask.None, ModelLayout.Stream,
                 FloatTap.Kernel($"{name}.input_to_state.conv.weight", 0, t.Dx + 1)))],
            ModelLayout.Gate, [$"{name}.state_to_state.bias", $"{name}.input_to_state.conv.bias", .. condition > 0 ? [$"{name}.condition.bias"] : Array.Empty<string>()]);
        yield return ConvLayout.Of($"{name}.output", stream, stream, [new(h, h, CentreMask.B, ModelLayout.Hidden, FloatTap.Kernel($"{name}.output.conv.weight", 0, 0))], ModelLayout.Stream);
    }

    internal override IEngineLayer CreateLayer(IntegerModel model, int index, FeatureRows input, FeatureRows output, FeatureRows? condition, NonlinearityTables tables, ActivationRanges? ranges, int rowsInFlight) =>
        new RowLstmLayer(model, index, input, output, condition, tables, ranges, rowsInFlight);

    /// <summary>
    /// 4 for the Row LSTM alone: the 7x7 mask-A input layer reads three columns right in the rows above,
    /// the state-to-state convolution one. The conditional network codes raster order only (its map of
    /// the subsample is kept for one row).
    /// </summary>
    public override int WavefrontStagger => _conditional ? 0 : 4;
}
