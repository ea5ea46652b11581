namespace PixelCodec.Engine;

/// <summary>
/// Everything that depends on an architecture, in one place: its name in the training shim, the
/// integer layers of each of its trunk layers (their inputs in weight order, masks, activation
/// formats, and where each input's weights and the biases are in the float model), its learned
/// initial states, and the engine layer that runs it. <see cref="ModelLayout"/>, the engine
/// (<see cref="IntegerNetwork"/>), the export from float models and the shim's network name are all
/// derived from it. <see cref="Of"/> is the only switch over <see cref="Architecture"/>, and it fails
/// on a value it does not know.
/// </summary>
public abstract class ArchitectureDescription
{
    private protected ArchitectureDescription()
    {
    }

    /// <summary>Every architecture, in the order of <see cref="Architecture"/>.</summary>
    public static IReadOnlyList<ArchitectureDescription> All { get; } = [.. Enum.GetValues<Architecture>().Select(Of)];

    /// <summary>The architecture described.</summary>
    public abstract Architecture Architecture { get; }

    /// <summary>The network's name in the libtorch shim (training/native/networks.cpp).</summary>
    public abstract string NativeName { get; }

    /// <summary>
    /// The prefixes of the LSTM directions of each trunk layer, under which its learned initial states
    /// are named (layerN.PREFIXinitial_hidden): none for a network without recurrent state.
    /// </summary>
    public abstract IReadOnlyList<string> StateDirections { get; }

    /// <summary>The integer layers of trunk layer <paramref name="index"/>, in the order the engine runs them.</summary>
    public abstract IEnumerable<ConvLayout> LayerConvs(int index, int hidden);

    /// <summary>
    /// Channels of the map of the image's subsample that every trunk layer reads (<see cref="ConditionMap"/>):
    /// 0 for a network that models the image alone.
    /// </summary>
    public virtual int ConditionChannels(int hidden) => 0;

    /// <summary>Whether the network models an image given its subsample (the conditional part of a Multi-Scale PixelRNN).</summary>
    public bool IsConditional => ConditionChannels(NetworkLimits.MaxHidden) > 0;

    /// <summary>
    /// The engine layer of trunk layer <paramref name="index"/>, between the residual streams
    /// <paramref name="input"/> and <paramref name="output"/>, reading <paramref name="condition"/>
    /// (the subsample's map) where the architecture has one (<see cref="ConditionChannels"/>), else null.
    /// </summary>
    /// <remarks><paramref name="rowsInFlight"/>: rows computed at the same time (a wavefront's band; 1 in raster order), which every map of the layer keeps besides the rows above that it reads.</remarks>
    internal abstract IEngineLayer CreateLayer(IntegerModel model, int index, FeatureRows input, FeatureRows output, FeatureRows? condition, NonlinearityTables tables, ActivationRanges? ranges, int rowsInFlight);

    /// <summary>
    /// The least <see cref="Modeling.CodingOrder.Stagger"/> of a wavefront the network can code in, or 0
    /// where it codes raster order only: position (y, x) reads the rows above up to column x + S - 1.
    /// </summary>
    public virtual int WavefrontStagger => 0;

    /// <summary>The description of <paramref name="architecture"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value that is not an <see cref="Engine.Architecture"/> member.</exception>
    public static ArchitectureDescription Of(Architecture architecture) => architecture switch
    {
        Architecture.PixelCnn => PixelCnnDescription.Instance,
        Architecture.RowLstm => RowLstmDescription.Instance,
        Architecture.MultiScaleRowLstm => RowLstmDescription.Conditional,
        Architecture.DiagonalBiLstm => DiagonalBiLstmDescription.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "an architecture PixelCodec does not know"),
    };

    private protected static string Layer(int index) => $"layer{index}";

    private protected static bool IsCentre((int Dy, int Dx) tap) => tap == (0, 0);
}
