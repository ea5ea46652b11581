using PixelCodec.Entropy;

namespace PixelCodec.Engine;

/// <summary>
/// The integer PixelRNN over one image of a given width, in raster order, keeping only the rows each
/// layer still needs. The encoder (<see cref="EncodeRow"/>) computes each layer at every position of a
/// row at once, a block of positions per pass over the weights; the decoder (<see cref="Table"/>,
/// <see cref="Observe"/>) goes position by position, one colour group at a time, between observing the
/// values; in a wavefront (<see cref="Modeling.CodingOrder"/>, rows computed interleaved) it computes a
/// group of positions at once (<see cref="TablesTogether"/>). All are the same integer sums over the
/// same inputs, so their frequency tables are identical.
///
/// Layers: input 7x7 mask A over the image (taps: the three rows above, columns -3..3, then the row's
/// pixels -3..-1, then the pixel itself: 25 taps of 3 values); the trunk (<see cref="IEngineLayer"/>);
/// the head relu, 1x1 to the head width, relu, 1x1 to 3 x 256 logits (mask B). A conditional network
/// (<see cref="ArchitectureDescription.IsConditional"/>) is given the image's subsample first
/// (<see cref="Condition"/>), and its layers read the subsample's map (<see cref="ConditionMap"/>).
/// </summary>
public sealed class IntegerNetwork
{
    internal static readonly (int Dy, int Dx)[] InputTaps = BuildInputTaps();

    private readonly FeatureRows _image, _headHidden;
    private readonly FeatureRows[] _streams;
    private readonly IEngineLayer[] _layers;
    private readonly StoredConv _input, _hidden;
    private readonly QuantizedConv _logitsConv;
    private readonly ConvInput _logitsIn;
    private readonly RowConv _logitsRow;
    private readonly NonlinearityTables _tables;
    private readonly ConditionMap? _condition;
    private readonly short[] _vector;
    private readonly int[] _logits = new int[FrequencyTable.Symbols];
    private readonly long[] _channelLogits = new long[FrequencyTable.Symbols];
    private readonly int _width, _rowsInFlight;

    /// <summary>
    /// The network of <paramref name="model"/> over one image <paramref name="width"/> pixels wide, with
    /// every part the architecture needs checked. It holds that image's state: one network per image.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is below 1.</exception>
    /// <exception cref="InvalidModelException">The model lacks a part, or a part has the wrong shape or values out of range.</exception>
    public IntegerNetwork(IntegerModel model, int width) : this(model, width, ranges: null)
    {
    }

    /// <param name="model">The model.</param>
    /// <param name="width">The image's width.</param>
    /// <param name="ranges">Records the activation ranges (export's calibration), or null.</param>
    /// <param name="rowsInFlight">Rows whose positions are computed interleaved (a wavefront's band, <see cref="ArchitectureDescription.WavefrontStagger"/>); 1 for raster order.</param>
    internal IntegerNetwork(IntegerModel model, int width, ActivationRanges? ranges, int rowsInFlight = 1)
    {
        if (width < 1)
            throw new ArgumentOutOfRangeException(nameof(width));
        if (rowsInFlight > 1 && ArchitectureDescription.Of(model.Architecture).WavefrontStagger == 0)
            throw new ArgumentException($"a {model.Architecture} network computes one row at a time", nameof(rowsInFlight));
        _rowsInFlight = rowsInFlight;
        int streamChannels = 2 * model.Hidden;
        _width = width;
        _tables = new NonlinearityTables(model);
        _image = new FeatureRows(width, 3, rowCount: 4, padding: 3, rowsInFlight: rowsInFlight);
        _streams = [.. Enumerable.Range(0, model.Layers + 1).Select(_ => new FeatureRows(width, streamChannels, rowCount: 1, padding: 1, rowsInFlight: rowsInFlight))];
        int conditionChannels = ArchitectureDescription.Of(model.Architecture).ConditionChannels(model.Hidden);
        _condition = conditionChannels > 0 ? new ConditionMap(model, conditionChannels, width, ranges) : null;
        _layers = [.. Enumerable.Range(0, model.Layers).Select(i => CreateLayer(model, i, ranges))];
        _headHidden = new FeatureRows(width, model.Head, rowCount: 1, padding: 0, rowsInFlight: rowsInFlight);

        _input = new StoredConv(model.Conv("input", streamChannels, InputTaps.Length * 3), new ConvInput([.. InputTaps.Select(t => new Tap(_image, t.Dy, t.Dx))]),
                                _streams[0], ranges?.For(ModelLayout.Stream));
        _hidden = new StoredConv(model.Conv("head.hidden", model.Head, streamChannels), new ConvInput(new Tap(_streams[^1], 0, 0, Relu: true)),
                                 _headHidden, ranges?.For(ModelLayout.HeadHidden), relu: true);
        _logitsConv = model.Conv("head.logits", 3 * FrequencyTable.Symbols, model.Head);
        _logitsIn = new ConvInput(new Tap(_headHidden, 0, 0));
        _logitsRow = new RowConv(_logitsConv, _logitsIn, width);
        _vector = new short[_logitsConv.PaddedInputs];
    }

    /// <summary>
    /// The network of <paramref name="model"/> for encoding the RGB image <paramref name="pixels"/>,
    /// <paramref name="width"/> pixels wide: a conditional network already given the image's subsample,
    /// as a multi-scale file codes it.
    /// </summary>
    public static IntegerNetwork ForImage(IntegerModel model, ReadOnlySpan<byte> pixels, int width) => ForImage(model, pixels, width, ranges: null);

    internal static IntegerNetwork ForImage(IntegerModel model, ReadOnlySpan<byte> pixels, int width, ActivationRanges? ranges)
    {
        var network = new IntegerNetwork(model, width, ranges);
        if (network.IsConditional)
        {
            var shape = new Modeling.PlaneShape(width, pixels.Length / (3 * width), 3);
            network.Condition(Modeling.Subsample.Of(pixels, shape));
        }
        return network;
    }

    /// <summary>Pixels per row of the image.</summary>
    public int Width => _width;

    /// <summary>Whether the network models the image given its subsample, which <see cref="Condition"/> must give before any row.</summary>
    public bool IsConditional => _condition is not null;

    /// <summary>
    /// A conditional network: the subsample of the image about to be coded (<see cref="Modeling.Subsample.Of"/>,
    /// RGB, rows of <see cref="Modeling.Subsample.Side"/>(<see cref="Width"/>) pixels).
    /// </summary>
    /// <exception cref="InvalidOperationException">The network is not conditional.</exception>
    /// <exception cref="ArgumentException">The subsample is not whole rows of that width.</exception>
    public void Condition(ReadOnlySpan<byte> subsample)
    {
        if (_condition is null)
            throw new InvalidOperationException("this network models images alone: it takes no subsample");
        _condition.Condition(subsample);
    }

    /// <summary>Encoder: the tables of every sub-pixel of row <paramref name="y"/> (Width x 3 x 256), given its pixels (R, G, B interleaved).</summary>
    public void EncodeRow(int y, ReadOnlySpan<byte> pixels, Span<ushort> tables)
    {
        BeginRow(y);
        for (int x = 0; x < _width; x++)
        {
            Span<short> target = _image.Write(y, x);
            for (int c = 0; c < 3; c++)
                target[c] = ImageValue(pixels[3 * x + c]);
        }
        _input.ComputeRow(y);
        foreach (IEngineLayer layer in _layers)
            layer.ComputeRow(y);
        _hidden.ComputeRow(y);
        _logitsRow.Compute(y);
        for (int x = 0; x < _width; x++)
        {
            ReadOnlySpan<long> logits = _logitsRow.Results(x);
            for (int c = 0; c < 3; c++)
                Frequencies(logits.Slice(c * FrequencyTable.Symbols, FrequencyTable.Symbols), tables.Slice((3 * x + c) * FrequencyTable.Symbols, FrequencyTable.Symbols));
        }
        FinishRow(y);
    }

    /// <summary>Decoder: the table of sub-pixel <paramref name="channel"/> at (y, x); every earlier sub-pixel must have been observed.</summary>
    public void Table(int y, int x, int channel, Span<ushort> table)
    {
        if (x == 0 && channel == 0)
            BeginRow(y);
        Compute(y, x, channel, channel + 1);
        Frequencies(y, x, channel, table);
    }

    /// <summary>
    /// Decoder, several networks of one model at once (the tiles of a plane decoded in step), or one
    /// network at several positions that do not read each other (a wavefront's group, the network
    /// repeated): the table of sub-pixel <paramref name="channel"/> of each member at its own position
    /// (<paramref name="at"/>), into <paramref name="tables"/> (256 per member), as
    /// <see cref="Table"/> gives them, with one pass over every layer's weights for all of them
    /// instead of one per member.
    /// </summary>
    internal static void TablesTogether(ReadOnlySpan<IntegerNetwork> networks, ReadOnlySpan<(int Y, int X)> at, int channel, Span<ushort> tables, BatchScratch scratch)
    {
        TrunkTogether(networks, at, channel, scratch);
        HeadTogether(networks, at, channel, tables, scratch);
    }

    /// <summary>
    /// The first part of <see cref="TablesTogether"/>: every layer up to the head's hidden layer. Its
    /// results stay in the networks' feature rows for <see cref="HeadTogether"/>, which reads nothing
    /// else of the networks' state, so the two may run on different threads, the head of one group
    /// beside the trunk of a later group that does not read it.
    /// </summary>
    internal static void TrunkTogether(ReadOnlySpan<IntegerNetwork> networks, ReadOnlySpan<(int Y, int X)> at, int channel, BatchScratch scratch)
    {
        IntegerNetwork first = networks[0];
        int members = networks.Length;
        for (int m = 0; m < members; m++)
        {
            if (networks[m]._logitsConv != first._logitsConv)
                throw new ArgumentException("networks decoded together must run the same model", nameof(networks));
            if (at[m].X == 0 && channel == 0)
                networks[m].BeginRow(at[m].Y);
        }

        StoredConv[] convs = scratch.Convs(members);
        for (int m = 0; m < members; m++)
            convs[m] = networks[m]._input;
        StoredConv.ComputeTogether(convs.AsSpan(0, members), at, channel, channel + 1, scratch);
        IEngineLayer[] layers = scratch.Layers(members);
        for (int l = 0; l < first._layers.Length; l++)
        {
            for (int m = 0; m < members; m++)
                layers[m] = networks[m]._layers[l];
            layers[0].ComputeTogether(layers.AsSpan(0, members), at, channel, channel + 1, scratch);
        }
        for (int m = 0; m < members; m++)
            convs[m] = networks[m]._hidden;
        StoredConv.ComputeTogether(convs.AsSpan(0, members), at, channel, channel + 1, scratch);
    }

    /// <summary>The second part of <see cref="TablesTogether"/>: the logits layer and the softmax, from the head's hidden features that <see cref="TrunkTogether"/> left.</summary>
    internal static void HeadTogether(ReadOnlySpan<IntegerNetwork> networks, ReadOnlySpan<(int Y, int X)> at, int channel, Span<ushort> tables, BatchScratch scratch)
    {
        IntegerNetwork first = networks[0];
        int members = networks.Length;
        int stride = first._logitsConv.PaddedInputs;
        Span<short> inputs = scratch.Inputs(members * stride);
        for (int m = 0; m < members; m++)
            networks[m]._logitsIn.Gather(at[m].Y, at[m].X, inputs.Slice(m * stride, stride));
        Span<long> logits = scratch.Results(0, members * FrequencyTable.Symbols);
        first._logitsConv.OutputRows(channel * FrequencyTable.Symbols, (channel + 1) * FrequencyTable.Symbols, inputs, members, logits);
        for (int m = 0; m < members; m++)
            first.Frequencies(logits.Slice(m * FrequencyTable.Symbols, FrequencyTable.Symbols), tables.Slice(m * FrequencyTable.Symbols, FrequencyTable.Symbols));
    }

    /// <summary>Decoder: the value of the sub-pixel whose table was just given.</summary>
    public void Observe(int y, int x, int channel, byte value)
    {
        _image.Write(y, x)[channel] = ImageValue(value);
        if (x == _width - 1 && channel == 2)
            FinishRow(y);
    }

    internal static short ImageValue(byte value) => (short)(2 * value - FixedPoint.ImageScale);

    private void BeginRow(int y)
    {
        _condition?.BeginRow(y);
        _image.BeginRow(y);
        _streams[0].BeginRow(y);
        foreach (IEngineLayer layer in _layers)
            layer.BeginRow(y);
        _headHidden.BeginRow(y);
    }

    private void FinishRow(int y)
    {
        foreach (IEngineLayer layer in _layers)
            layer.FinishRow(y);
    }

    private void Compute(int y, int x, int firstGroup, int endGroup)
    {
        _input.Compute(y, x, firstGroup, endGroup);
        foreach (IEngineLayer layer in _layers)
            layer.Compute(y, x, firstGroup, endGroup);
        _hidden.Compute(y, x, firstGroup, endGroup);
    }

    private void Frequencies(int y, int x, int channel, Span<ushort> table)
    {
        _logitsIn.Gather(y, x, _vector);
        _logitsConv.OutputRange(channel * FrequencyTable.Symbols, (channel + 1) * FrequencyTable.Symbols, _vector, _channelLogits);
        Frequencies(_channelLogits, table);
    }

    // One sub-pixel's table from its 256 requantised logits.
    private void Frequencies(ReadOnlySpan<long> logits, Span<ushort> table)
    {
        Span<int> clamped = _logits.AsSpan(0, logits.Length);
        for (int k = 0; k < clamped.Length; k++)
            clamped[k] = ClampLogit(logits[k]);
        LogitsToFrequencies.Fill(clamped, _tables.Exp, table);
    }

    private static int ClampLogit(long logit) => (int)Math.Clamp(logit, -(1 << 24), 1 << 24);

    private IEngineLayer CreateLayer(IntegerModel model, int index, ActivationRanges? ranges) =>
        ArchitectureDescription.Of(model.Architecture).CreateLayer(model, index, _streams[index], _streams[index + 1], _condition?.Rows, _tables, ranges, _rowsInFlight);

    private static (int, int)[] BuildInputTaps()
    {
        var taps = new List<(int, int)>();
        for (int dy = -3; dy <= -1; dy++)
            for (int dx = -3; dx <= 3; dx++)
                taps.Add((dy, dx));
        for (int dx = -3; dx <= 0; dx++)
            taps.Add((0, dx));
        return [.. taps];
    }
}
