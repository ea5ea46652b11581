using PixelCodec.Modeling;

namespace PixelCodec.Engine;

/// <summary>
/// An integer PixelRNN as the codec's probability model for RGB planes; its identity is the SHA-256 of
/// its file under the engine's arithmetic version (<see cref="EngineArithmetic"/>). The public constructor checks the whole model at once (a file named by a user); a
/// deferred model (<see cref="Deferred"/>) only hashes its file until it is first used, so a decoder
/// that knows several models parses just the one a file asks for.
/// </summary>
public sealed class NeuralModel : IProbabilityModel
{
    private readonly Lazy<IntegerModel> _model;

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
    /// <exception cref="InvalidModelException">A deferred model's file is damaged.</exception>
    public IEncoderPass BeginEncoding(ReadOnlyMemory<byte> plane, PlaneShape shape) => new EncoderPass(new IntegerNetwork(_model.Value, shape.Width), plane, shape);

    /// <inheritdoc />
    /// <exception cref="InvalidModelException">A deferred model's file is damaged.</exception>
    public IDecoderSession BeginDecoding(PlaneShape shape) => new DecoderSession(new IntegerNetwork(_model.Value, shape.Width));

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
