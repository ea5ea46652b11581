namespace PixelCodec.Engine;

/// <summary>
/// An integer PixelRNN: its configuration and its named parts (layers, learned initial states and
/// the nonlinearity tables). Which parts an architecture has, and the order of each layer's inputs,
/// is fixed by the engine (<see cref="IntegerNetwork"/>); INTEGER-FORMAT.md lists them.
/// </summary>
public sealed class IntegerModel
{
    private readonly Dictionary<string, QuantizedConv> _convs;
    private readonly Dictionary<string, int[]> _vectors;

    /// <summary>
    /// A model of these sizes and parts (the dictionaries are kept, not copied). Only the sizes are
    /// checked here; the parts are checked when an <see cref="IntegerNetwork"/> is built from the model.
    /// </summary>
    /// <exception cref="InvalidModelException">The sizes are not a network this engine builds (<see cref="NetworkLimits.Problem"/>).</exception>
    public IntegerModel(Architecture architecture, int hidden, int layers, int head, IReadOnlyDictionary<string, string> provenance,
                        Dictionary<string, QuantizedConv> convs, Dictionary<string, int[]> vectors)
    {
        if (NetworkLimits.Problem(hidden, layers, head) is { } problem)
            throw new InvalidModelException(problem);
        Architecture = architecture;
        Hidden = hidden;
        Layers = layers;
        Head = head;
        Provenance = provenance;
        _convs = convs;
        _vectors = vectors;
    }

    /// <summary>Which of the three networks the model is.</summary>
    public Architecture Architecture { get; }

    /// <summary>h: channels of the hidden state; the stream between layers has 2h.</summary>
    public int Hidden { get; }

    /// <summary>Trunk layers.</summary>
    public int Layers { get; }

    /// <summary>Channels of the output head's hidden layer (head.hidden).</summary>
    public int Head { get; }

    /// <summary>What the file's header says of the float model it was exported from (training facts, activation_bits); the engine never reads it.</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; }

    /// <summary>The layers, by name (INTEGER-FORMAT.md lists them).</summary>
    public IReadOnlyDictionary<string, QuantizedConv> Convs => _convs;

    /// <summary>The vectors (nonlinearity tables, learned initial states), by name.</summary>
    public IReadOnlyDictionary<string, int[]> Vectors => _vectors;

    /// <summary>The configuration for people: "RowLstm h=64, 4 layers, head 512".</summary>
    public string Description => $"{Architecture} h={Hidden}, {Layers} layers, head {Head}";

    /// <summary>The layer called <paramref name="name"/>, checked to have the given shape.</summary>
    internal QuantizedConv Conv(string name, int outputs, int inputs)
    {
        if (!_convs.TryGetValue(name, out QuantizedConv? conv))
            throw new InvalidModelException($"the model has no layer '{name}'");
        if (conv.Outputs != outputs || conv.Inputs != inputs)
            throw new InvalidModelException($"layer '{name}' is {conv.Outputs} x {conv.Inputs}; a {Description} needs {outputs} x {inputs}");
        return conv;
    }

    /// <summary>The vector called <paramref name="name"/>, checked to have <paramref name="length"/> entries within [min, max].</summary>
    internal int[] Vector(string name, int length, int min, int max)
    {
        if (!_vectors.TryGetValue(name, out int[]? vector))
            throw new InvalidModelException($"the model has no vector '{name}'");
        if (vector.Length != length)
            throw new InvalidModelException($"vector '{name}' has {vector.Length} entries, not {length}");
        foreach (int v in vector)
            if (v < min || v > max)
                throw new InvalidModelException($"vector '{name}' holds {v}, outside [{min}, {max}]");
        return vector;
    }

    internal short[] ShortVector(string name, int length) => Array.ConvertAll(Vector(name, length, short.MinValue, short.MaxValue), v => (short)v);
}

/// <summary>An integer model file that cannot be used: damaged, from another version, or not fitting its architecture.</summary>
public sealed class InvalidModelException(string message) : Exception(message);
