using PixelCodec.Entropy;
using PixelCodec.Modeling;

namespace PixelCodec.Engine;

/// <summary>
/// An integer PixelRNN as the codec's probability model for RGB planes; its identity is the SHA-256 of
/// its file under the engine's arithmetic version (<see cref="EngineArithmetic"/>). The public constructor checks the whole model at once (a file named by a user); a
/// deferred model (<see cref="Deferred"/>) only hashes its file until it is first used, so a decoder
/// that knows several models parses just the one a file asks for. A conditional network (the
/// Multi-Scale PixelRNN's, <see cref="ArchitectureDescription.IsConditional"/>) codes a plane only
/// <see cref="Given"/> its subsample.
/// </summary>
public sealed class NeuralModel : IProbabilityModel, ISubsampleConditioned
{
    private readonly Lazy<IntegerModel> _model;
    private readonly Lazy<ArchitectureDescription> _architecture;   // from the file's header alone: asking does not parse a deferred model
    private readonly ReadOnlyMemory<byte>? _subsample;

    /// <summary>The model stored as <paramref name="modelFile"/> (copied), parsed and checked now; <paramref name="name"/> names its identity.</summary>
    /// <exception cref="InvalidModelException">The file is damaged, from another format version, or does not fit its architecture.</exception>
    public NeuralModel(string name, ReadOnlySpan<byte> modelFile) : this(name, modelFile.ToArray())
    {
        _ = _model.Value;
    }

    private NeuralModel(string name, byte[] modelFile)
    {
        Identity = EngineArithmetic.IdentityOf(name, modelFile);
        _model = new Lazy<IntegerModel>(() => Checked(modelFile));
        _architecture = new Lazy<ArchitectureDescription>(() => ArchitectureDescription.Of(IntegerModelFile.ReadArchitecture(modelFile)));
    }

    private NeuralModel(NeuralModel network, ReadOnlyMemory<byte> subsample)
    {
        Identity = network.Identity;
        _model = network._model;
        _architecture = network._architecture;
        _subsample = subsample;
    }

    /// <summary>A model whose file is parsed and checked on first use; a damaged file then throws <see cref="InvalidModelException"/>.</summary>
    public static NeuralModel Deferred(string name, byte[] modelFile) => new(name, modelFile);

    /// <inheritdoc />
    public ModelIdentity Identity { get; }

    /// <summary>Parses and checks the model now, if that has not happened yet.</summary>
    public void EnsureLoaded() => _ = _model.Value;

    /// <summary>Whether <paramref name="channels"/> is 3: the network codes RGB planes only.</summary>
    public bool SupportsChannels(int channels) => channels == 3;

    /// <inheritdoc />
    /// <exception cref="InvalidModelException">A deferred model's file header is damaged.</exception>
    public bool NeedsSubsample => _architecture.Value.IsConditional;

    /// <summary>The network given the subsample of the plane it is to code (<see cref="Subsample.Of"/>; kept, not copied); an unconditional network as it is.</summary>
    public IProbabilityModel Given(ReadOnlyMemory<byte> subsample) => NeedsSubsample ? new NeuralModel(this, subsample) : this;

    /// <inheritdoc />
    /// <exception cref="InvalidModelException">A deferred model's file is damaged.</exception>
    /// <exception cref="InvalidOperationException">A conditional network was not <see cref="Given"/> the subsample.</exception>
    public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) => new EncoderPass(Network(shape.Width), plane, shape);

    /// <inheritdoc />
    /// <exception cref="InvalidModelException">A deferred model's file is damaged.</exception>
    /// <exception cref="InvalidOperationException">A conditional network was not <see cref="Given"/> the subsample.</exception>
    public IDecoderSession BeginDecoding(PlaneShape shape) => new DecoderSession(Network(shape.Width));

    /// <summary>
    /// Rows of the wavefront <see cref="PreferredOrder"/> codes in: up to 16 positions per step share
    /// each pass over the weights, and every feature map keeps only 15 rows more than in raster order.
    /// </summary>
    public const int WavefrontBand = 16;

    /// <summary>A wavefront of <see cref="WavefrontBand"/> rows at the architecture's stagger where it has one, else raster order.</summary>
    /// <exception cref="InvalidModelException">A deferred model's file header is damaged.</exception>
    public CodingOrder PreferredOrder => _architecture.Value.WavefrontStagger > 0
        ? CodingOrder.Wavefront(WavefrontBand, _architecture.Value.WavefrontStagger)
        : CodingOrder.Raster;

    /// <summary>Raster order, and wavefronts whose stagger is at least the architecture's (<see cref="ArchitectureDescription.WavefrontStagger"/>).</summary>
    /// <exception cref="InvalidModelException">A deferred model's file header is damaged.</exception>
    public bool SupportsOrder(CodingOrder order) =>
        order.IsRaster || (_architecture.Value.WavefrontStagger > 0 && order.Stagger >= _architecture.Value.WavefrontStagger);

    /// <inheritdoc />
    /// <exception cref="InvalidModelException">A deferred model's file is damaged.</exception>
    /// <exception cref="NotSupportedException">The network cannot code in that order.</exception>
    public IDecoderSession BeginDecoding(PlaneShape shape, CodingOrder order) => BeginDecoding(shape, order, threads: 1);

    /// <inheritdoc />
    /// <exception cref="InvalidModelException">A deferred model's file is damaged.</exception>
    /// <exception cref="NotSupportedException">The network cannot code in that order.</exception>
    public IDecoderSession BeginDecoding(PlaneShape shape, CodingOrder order, int threads)
    {
        if (order.IsRaster)
            return BeginDecoding(shape);
        if (!SupportsOrder(order))
            throw new NotSupportedException($"{Identity.Name} does not code in {order} order");
        var network = new IntegerNetwork(_model.Value, shape.Width, ranges: null, rowsInFlight: order.Band);
        return threads > 1 && shape.SubpixelCount > 0
            ? new PipelinedWavefrontSession(network, shape, order)
            : new WavefrontSession(network, order.Start(shape));
    }

    /// <inheritdoc />
    public IDecoderSession[] BeginDecodingTogether(IReadOnlyList<PlaneShape> shapes) =>
        shapes.Count == 1 ? [BeginDecoding(shapes[0])] : new DecodingGroup([.. shapes.Select(s => Network(s.Width))], shapes).Members;

    private IntegerNetwork Network(int width)
    {
        var network = new IntegerNetwork(_model.Value, width);
        if (network.IsConditional)
            network.Condition(_subsample is { } subsample ? subsample.Span : throw new InvalidOperationException($"{Identity.Name} models an image given its subsample: code it through a multi-scale model"));
        return network;
    }

    private static IntegerModel Checked(byte[] modelFile)
    {
        IntegerModel model = IntegerModelFile.Read(modelFile);
        _ = new IntegerNetwork(model, width: 1);   // checks every part the architecture needs, now rather than mid-file
        return model;
    }

    private sealed class EncoderPass(IntegerNetwork network, ReadOnlyMemory<byte> plane, PlaneShape shape) : IEncoderPass
    {
        private int _nextRow;

        public void TablesForRow(int y, Span<ushort> tables)
        {
            if (y != _nextRow)
                throw new InvalidOperationException($"rows must be asked for in order: expected {_nextRow}, got {y}");
            network.EncodeRow(y, plane.Span.Slice(y * shape.Stride, shape.Stride), tables);
            _nextRow++;
        }
    }

    /// <summary>
    /// Planes decoded in step: the first member to ask for a table at a step computes that step's
    /// tables for every member still decoding (<see cref="IntegerNetwork.TablesTogether"/>); the rest
    /// are handed theirs. A member that is not in step is refused, never given a wrong table.
    /// </summary>
    private sealed class DecodingGroup
    {
        private readonly IntegerNetwork[] _networks;
        private readonly PlaneShape[] _shapes;
        private readonly int[] _next;                      // per member: its next sub-pixel
        private readonly int[] _slot;                      // per member: its place among them, or -1
        private readonly IntegerNetwork[] _activeNetworks;
        private readonly (int Y, int X)[] _at;
        private readonly ushort[] _tables;
        private readonly BatchScratch _scratch = new();
        private int _computedStep = -1;

        public DecodingGroup(IntegerNetwork[] networks, IReadOnlyList<PlaneShape> shapes)
        {
            _shapes = [.. shapes];
            _networks = networks;
            _next = new int[shapes.Count];
            _slot = new int[shapes.Count];
            _activeNetworks = new IntegerNetwork[shapes.Count];
            _at = new (int, int)[shapes.Count];
            _tables = new ushort[shapes.Count * FrequencyTable.Symbols];
            Members = [.. Enumerable.Range(0, shapes.Count).Select(m => new Member(this, m))];
        }

        public IDecoderSession[] Members { get; }

        private void NextTable(int member, Span<ushort> table)
        {
            int step = _next[member];
            if (step != _computedStep)
                Compute(step);
            if (_slot[member] < 0)
                throw new InvalidOperationException("a member of a decoding group asked for a table out of step");
            _tables.AsSpan(_slot[member] * FrequencyTable.Symbols, FrequencyTable.Symbols).CopyTo(table);
        }

        private void Compute(int step)
        {
            int count = 0;
            for (int m = 0; m < _networks.Length; m++)
            {
                _slot[m] = -1;
                if (_shapes[m].SubpixelCount <= step)
                    continue;
                if (_next[m] != step)
                    throw new InvalidOperationException($"members of a decoding group must go in step: member {m} is at sub-pixel {_next[m]}, not {step}");
                int stride = _shapes[m].Stride;
                _slot[m] = count;
                _activeNetworks[count] = _networks[m];
                _at[count] = (step / stride, step % stride / 3);
                count++;
            }
            IntegerNetwork.TablesTogether(_activeNetworks.AsSpan(0, count), _at.AsSpan(0, count), step % 3, _tables, _scratch);
            _computedStep = step;
        }

        private void Observe(int member, byte value)
        {
            int step = _next[member], stride = _shapes[member].Stride;
            _networks[member].Observe(step / stride, step % stride / 3, step % 3, value);
            _next[member] = step + 1;
        }

        private sealed class Member(DecodingGroup group, int index) : IDecoderSession
        {
            public void NextTable(Span<ushort> table) => group.NextTable(index, table);

            public void Observe(byte value) => group.Observe(index, value);
        }
    }

    /// <summary>
    /// A plane in a wavefront: at the first sub-pixel of each group (one channel of the pixels of a step,
    /// which depend only on earlier groups) the network computes the whole group's tables at once, with
    /// one pass over every layer's weights (<see cref="IntegerNetwork.TablesTogether"/>, the network
    /// standing for itself at each pixel), and hands them out one by one.
    /// </summary>
    private sealed class WavefrontSession(IntegerNetwork network, OrderCursor cursor) : IDecoderSession
    {
        private readonly BatchScratch _scratch = new();
        private IntegerNetwork[] _members = [];
        private (int Y, int X)[] _at = [];
        private ushort[] _tables = [];

        public void NextTable(Span<ushort> table)
        {
            if (cursor.StartsGroup)
                ComputeGroup();
            _tables.AsSpan(cursor.PlaceInGroup * FrequencyTable.Symbols, FrequencyTable.Symbols).CopyTo(table);
        }

        public void Observe(byte value)
        {
            network.Observe(cursor.Y, cursor.X, cursor.Channel, value);
            cursor.Advance();
        }

        private void ComputeGroup()
        {
            int count = cursor.GroupCount;
            if (_at.Length < count)
            {
                _members = [.. Enumerable.Repeat(network, count)];
                _at = new (int, int)[count];
                _tables = new ushort[count * FrequencyTable.Symbols];
            }
            for (int p = 0; p < count; p++)
                _at[p] = cursor.GroupPixel(p);
            IntegerNetwork.TablesTogether(_members.AsSpan(0, count), _at.AsSpan(0, count), cursor.Channel, _tables, _scratch);
        }
    }

    private sealed class DecoderSession(IntegerNetwork network) : IDecoderSession
    {
        private int _y, _x, _channel;

        public void NextTable(Span<ushort> table) => network.Table(_y, _x, _channel, table);

        public void Observe(byte value)
        {
            network.Observe(_y, _x, _channel, value);
            if (++_channel < 3)
                return;
            _channel = 0;
            if (++_x < network.Width)
                return;
            _x = 0;
            _y++;
        }
    }
}
